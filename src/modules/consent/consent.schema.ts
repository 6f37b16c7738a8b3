import { z } from 'zod';
import { ZTeamRole } from '../participants/participants.schema.js';
import { ZDataClass } from '../records/data-classes.js';
import { ZLocale } from '../users/users.schema.js';
import { CONSENT_KINDS } from './consent-kinds.js';

export const ZConsentKind = z.enum(CONSENT_KINDS);
export const ZPurpose = z.enum([
  'treatment',
  'payment',
  'operations',
  'court_monitoring',
  'supervision',
  'legal_representation',
  'legal_proceedings',
]);
export const ZConsentState = z.enum(['draft', 'active', 'revocation_requested', 'revoked', 'expired']);
export type ConsentState = z.infer<typeof ZConsentState>;

const ZInstant = z.iso.datetime({ offset: true });
const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

/** The fields of a consent being written. With a template, what is left out comes from the template. */
export const ZConsentDraftInput = z.object({
  templateId: z.uuid().optional(),
  kind: ZConsentKind.optional(),
  disclosingOrgIds: z.array(z.uuid()).max(20).optional(),
  recipientUserIds: z.array(z.uuid()).max(50).optional(),
  recipientRoles: z.array(ZTeamRole).max(10).optional(),
  allowedClasses: z.array(ZDataClass).max(20).optional(),
  excludedClasses: z.array(ZDataClass).max(20).optional(),
  recordsFrom: ZInstant.nullable().optional(),
  recordsTo: ZInstant.nullable().optional(),
  description: z.string().trim().max(4000).optional(),
  purposes: z.array(ZPurpose).max(7).optional(),
  effectiveFrom: ZInstant.optional(),
  expiresAt: ZInstant.nullable().optional(),
  expiryEvent: optionalText(500),
  revocableAfterAt: ZInstant.nullable().optional(),
  revocableAfterEvent: optionalText(500),
  /** The participant's language by default. */
  language: ZLocale.optional(),
});
export type ConsentDraftInput = z.infer<typeof ZConsentDraftInput>;

export const ZConsentDraftCreate = ZConsentDraftInput.extend({ kind: ZConsentKind.optional() }).refine(
  (v) => v.kind !== undefined || v.templateId !== undefined,
  { message: 'Choose a kind of consent or a template', path: ['kind'] },
);

export const ZSigner = z.object({
  role: z.enum(['participant', 'guardian']),
  name: z.string().trim().min(1).max(200),
  method: z.enum(['on_screen', 'paper']),
});

const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64');

export const ZConsentSign = z
  .object({
    signers: z.array(ZSigner).min(1).max(3),
    /** The on-screen signature as a PNG (base64), when someone signed on screen. */
    signatureImage: base64(300_000).optional(),
    /** The signed paper copy (base64 PDF, PNG or JPEG), when signed on paper. */
    signedCopy: z
      .object({ contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg']), data: base64(5_000_000) })
      .optional(),
    /** When it was signed (a paper copy may have been signed earlier); now when omitted. */
    signedAt: ZInstant.optional(),
  })
  .refine((v) => v.signers.some((s) => s.role === 'participant'), {
    message: 'The participant signs',
    path: ['signers'],
  });
export type ConsentSign = z.infer<typeof ZConsentSign>;

export const ZRevocationCreate = z
  .object({
    scope: z.enum(['whole', 'user', 'role']),
    userId: z.uuid().optional(),
    role: ZTeamRole.optional(),
    method: z.enum(['written', 'oral', 'on_screen']),
    note: z.string().trim().max(2000).optional(),
    /** When the participant asked; now when omitted. */
    requestedAt: ZInstant.optional(),
  })
  .refine((v) => (v.scope === 'user' ? v.userId !== undefined : v.scope === 'role' ? v.role !== undefined : true), {
    message: 'Name the person or role the revocation is for',
    path: ['scope'],
  });
export type RevocationCreate = z.infer<typeof ZRevocationCreate>;

export const ZConsentEvent = z.object({
  event: z.enum(['expiry', 'revocable_after']),
  occurredAt: ZInstant,
});

export const ZRevocation = z.object({
  id: z.uuid(),
  scope: z.enum(['whole', 'user', 'role']),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  role: ZTeamRole.nullable(),
  requestedAt: ZInstant,
  /** When it takes effect; null while a §2.35 consent waits for its stated time or event. */
  effectiveAt: ZInstant.nullable(),
  method: z.enum(['written', 'oral', 'on_screen']),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
});

export const ZConsent = z.object({
  id: z.uuid(),
  seriesId: z.uuid(),
  version: z.number().int(),
  participantId: z.uuid(),
  enrollmentId: z.uuid(),
  kind: ZConsentKind,
  /** Where the consent stands now (expiry and revocations applied). */
  state: ZConsentState,
  /** Expires within 30 days (by date). */
  expiringSoon: z.boolean(),
  templateId: z.uuid().nullable(),
  disclosingOrgs: z.array(z.object({ id: z.uuid(), name: z.string() })),
  recipientUsers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  recipientRoles: z.array(ZTeamRole),
  allowedClasses: z.array(ZDataClass),
  excludedClasses: z.array(ZDataClass),
  recordsFrom: ZInstant.nullable(),
  recordsTo: ZInstant.nullable(),
  description: z.string(),
  purposes: z.array(ZPurpose),
  effectiveFrom: ZInstant,
  expiresAt: ZInstant.nullable(),
  expiryEvent: z.string().nullable(),
  expiryEventOccurredAt: ZInstant.nullable(),
  revocableAfterAt: ZInstant.nullable(),
  revocableAfterEvent: z.string().nullable(),
  revocableAfterEventOccurredAt: ZInstant.nullable(),
  language: ZLocale,
  wordingVersion: z.string(),
  signedAt: ZInstant.nullable(),
  signers: z.array(ZSigner),
  attestedByName: z.string().nullable(),
  documentSha256: z.string().nullable(),
  signedCopySha256: z.string().nullable(),
  supersedesId: z.uuid().nullable(),
  createdAt: ZInstant,
  createdByName: z.string().nullable(),
  revocations: z.array(ZRevocation),
});
export type ConsentView = z.infer<typeof ZConsent>;

export const ZConsentList = z.object({
  items: z.array(ZConsent),
  /** The caller may create, sign and revoke consents of this participant. */
  canManage: z.boolean(),
  /**
   * The caller is the treatment program's own staff on the case: they decide restriction requests
   * (§2.26) and keep the accounting of disclosures (§2.24).
   */
  programStaff: z.boolean(),
});

export const ZConsentTemplateInput = z.object({
  name: z.string().trim().min(2).max(200),
  kind: ZConsentKind,
  disclosingOrgIds: z.array(z.uuid()).min(1).max(20),
  recipientRoles: z.array(ZTeamRole).max(10),
  allowedClasses: z.array(ZDataClass).min(1).max(20),
  excludedClasses: z.array(ZDataClass).max(20).default([]),
  purposes: z.array(ZPurpose).min(1).max(7),
  descriptionEn: z.string().trim().min(10).max(4000),
  descriptionEs: z.string().trim().min(10).max(4000),
  durationMonths: z.number().int().min(1).max(60).nullable().default(null),
  expiryEvent: z.string().trim().min(1).max(500).nullable().default(null),
  revocableAfterEvent: z.string().trim().min(1).max(500).nullable().default(null),
  active: z.boolean().default(true),
});
export type ConsentTemplateInput = z.infer<typeof ZConsentTemplateInput>;

export const ZConsentTemplate = ZConsentTemplateInput.extend({
  id: z.uuid(),
  programId: z.uuid(),
  createdAt: ZInstant,
});
export type ConsentTemplate = z.infer<typeof ZConsentTemplate>;

export const ZRestrictionCreate = z.object({
  dataClasses: z.array(ZDataClass).min(1).max(20),
  recipientUserIds: z.array(z.uuid()).max(50).default([]),
  recipientRoles: z.array(ZTeamRole).max(10).default([]),
  request: z.string().trim().min(3).max(2000),
  requestedAt: ZInstant.optional(),
});
export const ZRestrictionDecision = z.object({
  decision: z.enum(['agreed', 'declined', 'ended']),
  note: z.string().trim().max(2000).optional(),
});
export const ZRestriction = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  dataClasses: z.array(ZDataClass),
  recipientUsers: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
  recipientRoles: z.array(ZTeamRole),
  request: z.string(),
  status: z.enum(['requested', 'agreed', 'declined', 'ended']),
  requestedAt: ZInstant,
  decidedAt: ZInstant.nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
});

export const ZCourtOrderCreate = z.object({
  issuingCourt: z.string().trim().min(2).max(200),
  reference: z.string().trim().min(1).max(200),
  scope: z.string().trim().min(10).max(4000),
  dataClasses: z.array(ZDataClass).min(1).max(20),
  issuedAt: ZInstant,
  expiresAt: ZInstant.nullable().optional(),
});
export const ZCourtOrder = ZCourtOrderCreate.extend({
  id: z.uuid(),
  participantId: z.uuid(),
  expiresAt: ZInstant.nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: ZInstant,
});

export const ZBreakGlassCreate = z.object({
  /** The medical emergency, in a sentence or more. */
  reason: z.string().trim().min(15).max(2000),
});
export const ZBreakGlassReview = z.object({
  outcome: z.enum(['appropriate', 'inappropriate']),
  note: z.string().trim().max(2000).optional(),
});
export const ZBreakGlass = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  organizationName: z.string(),
  participantId: z.uuid(),
  participantName: z.string(),
  reason: z.string(),
  startsAt: ZInstant,
  expiresAt: ZInstant,
  reviewedAt: ZInstant.nullable(),
  reviewedByName: z.string().nullable(),
  reviewOutcome: z.enum(['appropriate', 'inappropriate']).nullable(),
  reviewNote: z.string().nullable(),
});

export const ZDisclosureEntry = z.object({
  id: z.uuid(),
  disclosedAt: ZInstant,
  recipientName: z.string(),
  recipientOrganization: z.string().nullable(),
  purpose: z.string(),
  basis: z.enum(['consent', 'court_order', 'break_glass']),
  consentId: z.uuid().nullable(),
  consentVersion: z.number().int().nullable(),
  dataClasses: z.array(ZDataClass),
  custodians: z.array(z.string()),
  recordCount: z.number().int(),
  channel: z.enum(['screen', 'export', 'api']),
});
export type DisclosureEntry = z.infer<typeof ZDisclosureEntry>;

export const ZAccountingQuery = z.object({
  format: z.enum(['json', 'csv', 'pdf']).default('json'),
  /** The accounting's language; the participant's by default. */
  lang: ZLocale.optional(),
});

export const ZAccounting = z.object({
  participantId: z.uuid(),
  participantName: z.string(),
  from: ZInstant,
  to: ZInstant,
  items: z.array(ZDisclosureEntry),
});

export const ZPreviewClass = z.object({
  dataClass: ZDataClass,
  shared: z.boolean(),
  /** Why: the rule that decided (see the disclosure decision), and the consent when one permits. */
  rule: z.string(),
  consentId: z.uuid().nullable(),
});
