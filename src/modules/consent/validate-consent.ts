import { COURT_SIDE_ROLES, JUSTICE_RECIPIENT_ROLES, PURPOSES_OF_KIND } from './consent-kinds.js';
import type { Consent, ConsentStatus } from './decide-disclosure.js';

/*
 * What makes a consent document valid before anyone signs it (42 CFR §2.31, §2.35 and the 2024
 * rule's separate consent for counseling notes), and which status changes a consent can make.
 * Pure rules; the consent operations call them and refuse what they report.
 */

/** A consent being written: everything but what signing and revoking add. */
export type ConsentDraft = Omit<Consent, 'id' | 'version' | 'status' | 'signedAt' | 'revocations' | 'enrollmentId'> & {
  /** The information to be disclosed, in plain language for the participant (§2.31(a)(3)). */
  description: string;
};

export type ConsentProblem = {
  field: keyof ConsentDraft | 'recipients.roles';
  code:
    | 'missing_disclosers'
    | 'missing_recipients'
    | 'missing_information'
    | 'missing_description'
    | 'missing_purpose'
    | 'missing_expiry'
    | 'class_both_allowed_and_excluded'
    | 'counseling_notes_need_own_consent'
    | 'counseling_consent_only_counseling_notes'
    | 'purpose_not_for_kind'
    | 'recipient_not_in_justice_system'
    | 'court_side_recipient_for_tpo'
    | 'justice_consent_needs_revocation_point'
    | 'revocation_point_only_for_justice_consent'
    | 'dates_out_of_order';
};

/** Every problem with a draft; empty when it may be signed. */
export function validateConsent(draft: ConsentDraft): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  const problem = (field: ConsentProblem['field'], code: ConsentProblem['code']) => problems.push({ field, code });

  // §2.31 elements: who discloses, to whom, what, why, until when.
  if (draft.disclosingOrgIds.length === 0) problem('disclosingOrgIds', 'missing_disclosers');
  if (draft.recipients.userIds.length === 0 && draft.recipients.roles.length === 0) problem('recipients', 'missing_recipients');
  if (draft.allowedClasses.length === 0) problem('allowedClasses', 'missing_information');
  if (draft.description.trim().length < 10) problem('description', 'missing_description');
  if (draft.purposes.length === 0) problem('purposes', 'missing_purpose');
  if (draft.expiresAt === null && draft.expiryEvent === null) problem('expiresAt', 'missing_expiry');

  if (draft.allowedClasses.some((c) => draft.excludedClasses.includes(c)))
    problem('excludedClasses', 'class_both_allowed_and_excluded');

  // Counseling notes need a consent of their own, which covers nothing else.
  if (draft.kind === 'counseling_notes') {
    if (draft.allowedClasses.some((c) => c !== 'counseling_note'))
      problem('allowedClasses', 'counseling_consent_only_counseling_notes');
  } else if (draft.allowedClasses.includes('counseling_note')) {
    problem('allowedClasses', 'counseling_notes_need_own_consent');
  }

  if (draft.purposes.some((p) => !PURPOSES_OF_KIND[draft.kind].includes(p))) problem('purposes', 'purpose_not_for_kind');

  if (draft.kind === 'criminal_justice') {
    if (draft.recipients.roles.some((role) => !JUSTICE_RECIPIENT_ROLES.includes(role))) {
      problem('recipients.roles', 'recipient_not_in_justice_system');
    }
    // §2.35(d): revocable only upon a stated time or ascertainable event, no later than final disposition.
    if (!draft.revocableAfter || (draft.revocableAfter.at === null && draft.revocableAfter.event === null)) {
      problem('revocableAfter', 'justice_consent_needs_revocation_point');
    }
  } else if (draft.revocableAfter) {
    problem('revocableAfter', 'revocation_point_only_for_justice_consent');
  }

  if (draft.kind === 'tpo' && draft.recipients.roles.some((role) => COURT_SIDE_ROLES.includes(role))) {
    problem('recipients.roles', 'court_side_recipient_for_tpo');
  }

  if (draft.recordsFrom && draft.recordsTo && draft.recordsFrom > draft.recordsTo) problem('recordsTo', 'dates_out_of_order');
  if (draft.expiresAt && draft.expiresAt <= draft.effectiveFrom) problem('expiresAt', 'dates_out_of_order');
  return problems;
}

/**
 * The status changes a consent makes. Only drafts are edited; a signed consent never changes — a new
 * version replaces it. A §2.35 revocation asked for before its time waits as `revocation_requested`.
 */
export const CONSENT_TRANSITIONS: Record<ConsentStatus, readonly ConsentStatus[]> = {
  draft: ['active'],
  active: ['revocation_requested', 'revoked', 'expired'],
  revocation_requested: ['revoked', 'expired'],
  revoked: [],
  expired: [],
};

export function canChangeConsentStatus(from: ConsentStatus, to: ConsentStatus): boolean {
  return CONSENT_TRANSITIONS[from].includes(to);
}

export function isEditable(status: ConsentStatus): boolean {
  return status === 'draft';
}
