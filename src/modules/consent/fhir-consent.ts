import type { Purpose } from '../access/access-context.js';
import type { ConsentView } from './consent.schema.js';
import { WORDING } from './consent-wording.js';

/*
 * A consent as an HL7 FHIR R4 `Consent` resource (Consent2Share's shape): a permit provision with
 * its period, recipients and custodians as actors, purposes, the data classes it covers and a
 * nested deny provision for the classes it excludes and for each recipient whose part was revoked
 * (from when that took effect); extensions carry its expiry event and, for §2.35, when it becomes
 * revocable. Security labels mark it 42 CFR Part 2 and
 * substance-use sensitive. HL7 has no purpose code for court monitoring, so Tandem's purposes and
 * data classes use Tandem's own code systems beside the HL7 codes that exist.
 */

const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V3_ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const V3_PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
export const TANDEM_PURPOSE_SYSTEM = 'urn:tandem:purpose-of-use';
export const TANDEM_DATA_CLASS_SYSTEM = 'urn:tandem:data-class';
export const TANDEM_CASE_ROLE_SYSTEM = 'urn:tandem:case-role';
export const TANDEM_EXPIRY_EVENT = 'urn:tandem:fhir:consent-expiry-event';
export const TANDEM_REVOCABLE_AFTER = 'urn:tandem:fhir:consent-revocable-after';
export const TANDEM_REVOCABLE_AFTER_EVENT = 'urn:tandem:fhir:consent-revocable-after-event';

/** HL7 purpose-of-use codes where one fits (v3 ActReason). */
const HL7_PURPOSE: Partial<Record<Purpose, string>> = {
  treatment: 'TREAT',
  payment: 'HPAYMT',
  operations: 'HOPERAT',
  legal_proceedings: 'HLEGAL',
};

type Coding = { system: string; code: string; display?: string };

export type FhirConsent = {
  resourceType: 'Consent';
  id: string;
  extension?: ({ url: string; valueString: string } | { url: string; valueDateTime: string })[];
  meta: { versionId: string; security: Coding[] };
  identifier: { system: string; value: string }[];
  status: 'draft' | 'active' | 'inactive';
  scope: { coding: Coding[] };
  category: { coding: Coding[] }[];
  patient: { reference: string };
  dateTime?: string;
  organization: { reference: string; display: string }[];
  policy: { authority: string; uri: string }[];
  provision: Record<string, unknown>;
};

/** The FHIR R4 resource for a consent (names in English; the signed document keeps the participant's language). */
export function toFhirConsent(consent: ConsentView): FhirConsent {
  const w = WORDING.en;
  const status =
    consent.state === 'draft'
      ? 'draft'
      : consent.state === 'active' || consent.state === 'revocation_requested'
        ? 'active'
        : 'inactive';
  const purposes: Coding[] = consent.purposes.flatMap((purpose) => [
    ...(HL7_PURPOSE[purpose] ? [{ system: V3_ACT_REASON, code: HL7_PURPOSE[purpose]! }] : []),
    { system: TANDEM_PURPOSE_SYSTEM, code: purpose, display: w.purposes[purpose] },
  ]);
  const classCoding = (dataClass: ConsentView['allowedClasses'][number]): Coding => ({
    system: TANDEM_DATA_CLASS_SYSTEM,
    code: dataClass,
    display: w.classes[dataClass],
  });
  const recipientRole = { coding: [{ system: V3_PARTICIPATION, code: 'IRCP', display: 'information recipient' }] };
  const actors = [
    ...consent.recipientUsers.map((user) => ({
      role: recipientRole,
      reference: { reference: `Practitioner/${user.id}`, display: user.displayName },
    })),
    ...consent.recipientRoles.map((role) => ({
      role: {
        ...recipientRole,
        coding: [...recipientRole.coding, { system: TANDEM_CASE_ROLE_SYSTEM, code: role, display: w.roles[role] }],
      },
      reference: { display: `${w.roles[role]} (role on the participant’s case)` },
    })),
    ...consent.disclosingOrgs.map((org) => ({
      role: { coding: [{ system: V3_PARTICIPATION, code: 'CST', display: 'custodian' }] },
      reference: { reference: `Organization/${org.id}`, display: org.name },
    })),
  ];
  // A recipient whose part of the consent has been revoked is denied from when the revocation took effect.
  const revokedActors = consent.revocations
    .filter((r) => r.scope !== 'whole' && r.effectiveAt !== null)
    .map((r) => ({
      type: 'deny',
      period: { start: r.effectiveAt! },
      actor: [
        r.scope === 'user'
          ? { role: recipientRole, reference: { reference: `Practitioner/${r.userId}`, display: r.userName ?? '' } }
          : {
              role: {
                ...recipientRole,
                coding: [...recipientRole.coding, { system: TANDEM_CASE_ROLE_SYSTEM, code: r.role!, display: w.roles[r.role!] }],
              },
              reference: { display: `${w.roles[r.role!]} (role on the participant’s case)` },
            },
      ],
    }));
  const denials = [
    ...(consent.excludedClasses.length > 0 ? [{ type: 'deny', class: consent.excludedClasses.map(classCoding) }] : []),
    ...revokedActors,
  ];
  // What FHIR's Consent has no element for: the event it expires on, and when a §2.35 consent becomes revocable.
  const extension = [
    ...(consent.expiryEvent ? [{ url: TANDEM_EXPIRY_EVENT, valueString: consent.expiryEvent }] : []),
    ...(consent.revocableAfterAt ? [{ url: TANDEM_REVOCABLE_AFTER, valueDateTime: consent.revocableAfterAt }] : []),
    ...(consent.revocableAfterEvent ? [{ url: TANDEM_REVOCABLE_AFTER_EVENT, valueString: consent.revocableAfterEvent }] : []),
  ];
  const period: Record<string, string> = { start: consent.effectiveFrom };
  if (consent.expiresAt) period.end = consent.expiresAt;
  const dataPeriod: Record<string, string> = {};
  if (consent.recordsFrom) dataPeriod.start = consent.recordsFrom;
  if (consent.recordsTo) dataPeriod.end = consent.recordsTo;
  const policyUri =
    consent.kind === 'criminal_justice'
      ? 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2/subpart-C/section-2.35'
      : 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2/subpart-C/section-2.31';
  return {
    resourceType: 'Consent',
    id: consent.id,
    ...(extension.length > 0 ? { extension } : {}),
    meta: {
      versionId: String(consent.version),
      security: [
        { system: V3_ACT_CODE, code: '42CFRPart2', display: '42 CFR Part2' },
        { system: V3_ACT_CODE, code: 'SUD', display: 'substance use disorder information sensitivity' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R', display: 'restricted' },
      ],
    },
    identifier: [
      { system: 'urn:tandem:consent-series', value: `${consent.seriesId}` },
      ...(consent.documentSha256 ? [{ system: 'urn:tandem:consent-document-sha256', value: consent.documentSha256 }] : []),
    ],
    status,
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [
      { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      { coding: [{ system: V3_ACT_CODE, code: 'IDSCL', display: 'information disclosure' }] },
    ],
    patient: { reference: `Patient/${consent.participantId}` },
    ...(consent.signedAt ? { dateTime: consent.signedAt } : {}),
    organization: consent.disclosingOrgs.map((org) => ({ reference: `Organization/${org.id}`, display: org.name })),
    policy: [{ authority: 'https://www.ecfr.gov/current/title-42/chapter-I/subchapter-A/part-2', uri: policyUri }],
    provision: {
      type: 'permit',
      period,
      actor: actors,
      purpose: purposes,
      class: consent.allowedClasses.map(classCoding),
      ...(Object.keys(dataPeriod).length > 0 ? { dataPeriod } : {}),
      ...(denials.length > 0 ? { provision: denials } : {}),
    },
  };
}
