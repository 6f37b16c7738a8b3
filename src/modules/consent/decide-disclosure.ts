import type { Purpose } from '../access/access-context.js';
import type { TeamRole } from '../participants/participants.schema.js';
import type { DataClass } from '../records/data-classes.js';
import { COURT_SIDE_ROLES, type ConsentKind, PURPOSES_OF_KIND } from './consent-kinds.js';

export { CONSENT_KINDS, type ConsentKind } from './consent-kinds.js';

/*
 * The disclosure decision of 42 CFR Part 2 as Tandem enforces it (rules R0–R13 of
 * shared/domain/confidentiality.md): a pure function over plain data — no database, clock or
 * network. The access layer gathers the inputs and applies the answer to every read.
 */

export type ConsentStatus = 'draft' | 'active' | 'revocation_requested' | 'revoked' | 'expired';

/** An event a consent's expiry or revocation can wait for, e.g. "final disposition of case …". */
export type ConsentEvent = { description: string; occurredAt: Date | null };

/** A request to revoke: the whole consent, or one recipient (a person or a case role). */
export type Revocation = {
  requestedAt: Date;
  scope: { kind: 'whole' } | { kind: 'user'; userId: string } | { kind: 'role'; role: TeamRole };
};

export type Consent = {
  id: string;
  version: number;
  kind: ConsentKind;
  status: ConsentStatus;
  participantId: string;
  /** The case it was signed for: roles it names are roles on this case (null: any of the participant's cases). */
  enrollmentId: string | null;
  /** Programs that may disclose under it. */
  disclosingOrgIds: string[];
  /** Named people, and roles on this participant's case team. */
  recipients: { userIds: string[]; roles: TeamRole[] };
  allowedClasses: DataClass[];
  excludedClasses: DataClass[];
  /** Only records that happened within these dates (inclusive), when given. */
  recordsFrom: Date | null;
  recordsTo: Date | null;
  purposes: Purpose[];
  signedAt: Date | null;
  effectiveFrom: Date;
  expiresAt: Date | null;
  expiryEvent: ConsentEvent | null;
  /** §2.35 consents may be revocable only after a stated time or event (no later than final disposition). */
  revocableAfter: { at: Date | null; event: ConsentEvent | null } | null;
  revocations: Revocation[];
};

/** An agreed restriction request (§2.26) is a deny rule: these classes, to these recipients (all when empty). */
export type Restriction = {
  participantId: string;
  agreed: boolean;
  dataClasses: DataClass[];
  recipients: { userIds: string[]; roles: TeamRole[] };
};

/** A recorded Part 2 court order authorizing use in proceedings (R6). */
export type CourtOrder = { id: string; participantId: string; issuedAt: Date; expiresAt: Date | null; dataClasses: DataClass[] };

/** Emergency access by clinical staff (R11): reasoned, time-limited, reviewed. */
export type BreakGlassGrant = { id: string; userId: string; participantId: string; startsAt: Date; expiresAt: Date };

export type DisclosureRecord = {
  participantId: string;
  custodianOrgId: string;
  /**
   * Whether the custodian is a Part 2 program. Unknown (undefined) counts as Part 2: a record
   * whose protection is not known is protected (R1, fail closed).
   */
  custodianIsPart2: boolean | undefined;
  dataClass: DataClass;
  occurredAt: Date;
  /** The author, for counseling notes (visible to their author's treatment team only). */
  enteredBy: string | null;
};

export type DisclosureActor = {
  userId: string;
  /** Organizations the actor works for. */
  organizationIds: string[];
  /** The actor's active roles on this participant's case teams. */
  caseRoles: TeamRole[];
  /**
   * The same roles case by case. A consent signed for one case names roles on that case only; when
   * absent, the roles count on every case (a caller that does not know the cases).
   */
  caseRolesByEnrollment?: ReadonlyMap<string, readonly TeamRole[]>;
  /** Clinical staff of a treatment program (counselor, clinician): the only ones break-glass serves. */
  clinical: boolean;
  /** Holds any role in a court, probation, prosecution or defense organization: never break-glass (R11). */
  courtSide: boolean;
};

export type DisclosureInput = {
  actor: DisclosureActor;
  record: DisclosureRecord;
  purpose: Purpose;
  now: Date;
  consents: Consent[];
  restrictions: Restriction[];
  courtOrders: CourtOrder[];
  breakGlass: BreakGlassGrant[];
};

/** Why a decision went the way it did: the rule, and the consent that permitted when one did. */
export type DisclosureReason =
  | { rule: 'not_part2' }
  | { rule: 'own_program' }
  | { rule: 'consent'; consentId: string; version: number }
  | { rule: 'court_order'; orderId: string }
  | { rule: 'break_glass'; grantId: string }
  | { rule: 'R0_no_consent' }
  | { rule: 'R5_counseling_notes' }
  | { rule: 'R6_proceedings_need_consent_or_order' }
  | { rule: 'R8_excluded_by_consent'; consentId: string }
  | { rule: 'R10_restricted' };

export type Disclosure = { permit: boolean; reason: DisclosureReason; accountable: boolean };

const reached = (event: ConsentEvent | null, now: Date) => event?.occurredAt != null && event.occurredAt <= now;

/** When a revocation request takes effect: at once (R4), or for §2.35 not before its stated time/event (R3). */
export function revocationEffectiveAt(consent: Consent, revocation: Revocation): Date | null {
  if (consent.kind !== 'criminal_justice' || !consent.revocableAfter) return revocation.requestedAt;
  const { at, event } = consent.revocableAfter;
  const candidates = [at, event?.occurredAt ?? null].filter((d): d is Date => d !== null);
  // Neither the time nor the event has come: the request waits. (Whichever comes first frees it.)
  if (candidates.length === 0) return null;
  const earliest = new Date(Math.min(...candidates.map((d) => d.getTime())));
  return earliest > revocation.requestedAt ? earliest : revocation.requestedAt;
}

/** Is the consent in force at `now` (signed, begun, not expired, not wholly revoked)? */
export function consentInForce(consent: Consent, now: Date): boolean {
  // Fail closed: a consent marked revoked or expired discloses nothing, whatever its dates say.
  if (consent.status === 'draft' || consent.status === 'revoked' || consent.status === 'expired') return false;
  if (consent.signedAt === null || consent.signedAt > now) return false;
  if (consent.effectiveFrom > now) return false;
  if (consent.expiresAt !== null && consent.expiresAt <= now) return false;
  if (reached(consent.expiryEvent, now)) return false;
  for (const revocation of consent.revocations) {
    if (revocation.scope.kind !== 'whole') continue;
    const effective = revocationEffectiveAt(consent, revocation);
    if (effective !== null && effective <= now) return false;
  }
  return true;
}

/** Where a consent stands at `now`, as people are shown it: expiry and revocations applied. */
export function consentState(consent: Consent, now: Date): ConsentStatus {
  if (consent.status === 'draft') return 'draft';
  const whole = consent.revocations.filter((r) => r.scope.kind === 'whole');
  const revoked = whole.some((r) => {
    const effective = revocationEffectiveAt(consent, r);
    return effective !== null && effective <= now;
  });
  if (consent.status === 'revoked' || revoked) return 'revoked';
  const expired = (consent.expiresAt !== null && consent.expiresAt <= now) || reached(consent.expiryEvent, now);
  if (consent.status === 'expired' || expired) return 'expired';
  if (whole.length > 0 || consent.status === 'revocation_requested') return 'revocation_requested';
  return 'active';
}

/** Does the consent name this actor as a recipient (and not revoke them) at `now`? */
function namesRecipient(consent: Consent, actor: DisclosureActor, now: Date): boolean {
  const revokedUsers = new Set<string>();
  const revokedRoles = new Set<TeamRole>();
  for (const revocation of consent.revocations) {
    const effective = revocationEffectiveAt(consent, revocation);
    if (effective === null || effective > now) continue;
    if (revocation.scope.kind === 'user') revokedUsers.add(revocation.scope.userId);
    if (revocation.scope.kind === 'role') revokedRoles.add(revocation.scope.role);
  }
  // A revocation naming a person removes them, however the consent named them (by name or by role).
  if (revokedUsers.has(actor.userId)) return false;
  if (consent.recipients.userIds.includes(actor.userId)) return true;
  const roles =
    consent.enrollmentId !== null && actor.caseRolesByEnrollment
      ? (actor.caseRolesByEnrollment.get(consent.enrollmentId) ?? [])
      : actor.caseRoles;
  return roles.some((role) => consent.recipients.roles.includes(role) && !revokedRoles.has(role));
}

/** Court, probation, prosecution or defense: by organization or by a role on the case. */
const onCourtSide = (actor: DisclosureActor) =>
  actor.courtSide || actor.caseRoles.some((role) => COURT_SIDE_ROLES.includes(role));

/** Does the consent, in force, apply to this actor, record and purpose (class aside)? */
function applies(consent: Consent, input: DisclosureInput): boolean {
  const { actor, record, purpose, now } = input;
  // Every condition must hold; the cheap comparisons come first.
  return (
    consent.participantId === record.participantId &&
    consent.purposes.includes(purpose) &&
    PURPOSES_OF_KIND[consent.kind].includes(purpose) &&
    // Treatment, payment and operations stay with health care: never the court side, whatever role it names (R2).
    !(consent.kind === 'tpo' && onCourtSide(actor)) &&
    consent.disclosingOrgIds.includes(record.custodianOrgId) &&
    (consent.recordsFrom === null || record.occurredAt >= consent.recordsFrom) &&
    (consent.recordsTo === null || record.occurredAt <= consent.recordsTo) &&
    consentInForce(consent, now) &&
    namesRecipient(consent, actor, now)
  );
}

const covers = (consent: Consent, dataClass: DataClass) =>
  consent.allowedClasses.includes(dataClass) && !consent.excludedClasses.includes(dataClass);

function restricted(input: DisclosureInput): boolean {
  const { actor, record } = input;
  return input.restrictions.some(
    (r) =>
      r.agreed &&
      r.participantId === record.participantId &&
      r.dataClasses.includes(record.dataClass) &&
      ((r.recipients.userIds.length === 0 && r.recipients.roles.length === 0) ||
        r.recipients.userIds.includes(actor.userId) ||
        actor.caseRoles.some((role) => r.recipients.roles.includes(role))),
  );
}

const deny = (reason: DisclosureReason): Disclosure => ({ permit: false, reason, accountable: false });
const permit = (reason: DisclosureReason, accountable: boolean): Disclosure => ({ permit: true, reason, accountable });

/**
 * Permit or deny one record to one actor for one purpose at one time, with the reason. `accountable`
 * is true when a permitted disclosure must be entered in the participant's accounting of
 * disclosures (a Part 2 record reaching someone outside the program that made it, R7).
 */
export function decideDisclosure(input: DisclosureInput): Disclosure {
  const { actor, record, purpose, now } = input;

  // Records of courts, probation, defense, prosecution and partners are theirs: role rules only.
  if (record.custodianIsPart2 === false) return permit({ rule: 'not_part2' }, false);

  // Inside the program that made the record. Counseling notes: their author's treatment team only (R5).
  if (actor.organizationIds.includes(record.custodianOrgId) && purpose !== 'legal_proceedings') {
    if (record.dataClass !== 'counseling_note') return permit({ rule: 'own_program' }, false);
    const onTreatmentTeam = actor.userId === record.enteredBy || actor.caseRoles.includes('treatment_provider');
    if (onTreatmentTeam) return permit({ rule: 'own_program' }, false);
  }

  // Deny rules come before any permission (R8: deny overrides permit; R10: agreed restrictions).
  if (restricted(input)) return deny({ rule: 'R10_restricted' });
  const applicable = input.consents.filter((consent) => applies(consent, input));
  const excluding = applicable.find((consent) => consent.excludedClasses.includes(record.dataClass));
  if (excluding) return deny({ rule: 'R8_excluded_by_consent', consentId: excluding.id });

  // Use in proceedings against the participant: only a legal-proceedings consent or a court order (R6).
  if (purpose === 'legal_proceedings') {
    const consent = applicable.find((c) => c.kind === 'legal_proceedings' && covers(c, record.dataClass));
    if (consent) return permit({ rule: 'consent', consentId: consent.id, version: consent.version }, true);
    const order = input.courtOrders.find(
      (o) =>
        o.participantId === record.participantId &&
        o.issuedAt <= now &&
        (o.expiresAt === null || o.expiresAt > now) &&
        o.dataClasses.includes(record.dataClass),
    );
    if (order) return permit({ rule: 'court_order', orderId: order.id }, true);
    return deny({ rule: 'R6_proceedings_need_consent_or_order' });
  }

  // Counseling notes ride only on their own consent (R5).
  const usable = applicable.filter((c) =>
    record.dataClass === 'counseling_note' ? c.kind === 'counseling_notes' : c.kind !== 'counseling_notes',
  );
  const consent = usable.find((c) => c.kind !== 'legal_proceedings' && covers(c, record.dataClass));
  if (consent) return permit({ rule: 'consent', consentId: consent.id, version: consent.version }, true);

  // Emergency access: clinical staff only, never court, probation, prosecution or defense (R11).
  if (actor.clinical && !onCourtSide(actor) && purpose === 'treatment' && record.dataClass !== 'counseling_note') {
    const grant = input.breakGlass.find(
      (g) => g.userId === actor.userId && g.participantId === record.participantId && g.startsAt <= now && g.expiresAt > now,
    );
    if (grant) return permit({ rule: 'break_glass', grantId: grant.id }, true);
  }

  return deny(record.dataClass === 'counseling_note' ? { rule: 'R5_counseling_notes' } : { rule: 'R0_no_consent' });
}
