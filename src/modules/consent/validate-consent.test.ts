import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ConsentDraft, canChangeConsentStatus, isEditable, validateConsent } from './validate-consent.js';

const day = (d: string) => new Date(`${d}T12:00:00Z`);

/** Anthony's §2.35 consent as the court's template would draft it. */
const justice = (overrides: Partial<ConsentDraft> = {}): ConsentDraft => ({
  kind: 'criminal_justice',
  participantId: 'anthony',
  disclosingOrgIds: ['provider'],
  recipients: { userIds: [], roles: ['judge', 'coordinator', 'probation_officer'] },
  allowedClasses: ['attendance', 'test_result', 'phase_progress'],
  excludedClasses: ['clinical_note', 'counseling_note', 'diagnosis'],
  recordsFrom: null,
  recordsTo: null,
  purposes: ['court_monitoring', 'supervision'],
  effectiveFrom: day('2026-08-20'),
  expiresAt: null,
  expiryEvent: { description: 'Final disposition of case RB-2026-0001', occurredAt: null },
  revocableAfter: { at: null, event: { description: 'Final disposition of case RB-2026-0001', occurredAt: null } },
  description: 'Attendance, drug test results and phase progress, for the court to monitor my progress.',
  ...overrides,
});

const codes = (draft: ConsentDraft) => validateConsent(draft).map((p) => p.code);

describe('consent validation', () => {
  it('accepts a complete §2.35 consent', () => {
    expect(validateConsent(justice())).toEqual([]);
  });

  it('requires every §2.31 element', () => {
    expect(
      codes(
        justice({
          disclosingOrgIds: [],
          recipients: { userIds: [], roles: [] },
          allowedClasses: [],
          description: ' ',
          purposes: [],
          expiresAt: null,
          expiryEvent: null,
        }),
      ).sort(),
    ).toEqual([
      'missing_description',
      'missing_disclosers',
      'missing_expiry',
      'missing_information',
      'missing_purpose',
      'missing_recipients',
    ]);
  });

  it('keeps counseling notes on a consent of their own, which covers nothing else', () => {
    expect(codes(justice({ allowedClasses: ['attendance', 'counseling_note'], excludedClasses: [] }))).toContain(
      'counseling_notes_need_own_consent',
    );
    const notes = justice({
      kind: 'counseling_notes',
      revocableAfter: null,
      allowedClasses: ['counseling_note'],
      excludedClasses: [],
      purposes: ['treatment'],
      recipients: { userIds: ['psychiatrist'], roles: [] },
    });
    expect(validateConsent(notes)).toEqual([]);
    expect(codes({ ...notes, allowedClasses: ['counseling_note', 'clinical_note'] })).toContain(
      'counseling_consent_only_counseling_notes',
    );
  });

  it('limits §2.35 recipients to the justice system that mandated treatment, and needs a revocation point', () => {
    expect(codes(justice({ recipients: { userIds: [], roles: ['judge', 'defense_attorney'] } }))).toContain(
      'recipient_not_in_justice_system',
    );
    expect(codes(justice({ revocableAfter: null }))).toContain('justice_consent_needs_revocation_point');
    expect(codes(justice({ revocableAfter: { at: null, event: null } }))).toContain('justice_consent_needs_revocation_point');
    expect(codes(justice({ purposes: ['court_monitoring', 'legal_proceedings'] }))).toContain('purpose_not_for_kind');
  });

  it('keeps TPO consents away from the court side, and revocation points to §2.35', () => {
    const tpo = justice({
      kind: 'tpo',
      revocableAfter: null,
      purposes: ['treatment'],
      recipients: { userIds: [], roles: ['treatment_provider', 'judge'] },
    });
    expect(codes(tpo)).toEqual(['court_side_recipient_for_tpo']);
    expect(codes(justice({ kind: 'general', purposes: ['court_monitoring'] }))).toEqual([
      'revocation_point_only_for_justice_consent',
    ]);
  });

  it('refuses a class both allowed and excluded, and dates out of order', () => {
    expect(codes(justice({ excludedClasses: ['attendance'] }))).toEqual(['class_both_allowed_and_excluded']);
    expect(codes(justice({ recordsFrom: day('2026-10-01'), recordsTo: day('2026-09-01') }))).toEqual(['dates_out_of_order']);
    expect(codes(justice({ expiresAt: day('2026-08-01') }))).toEqual(['dates_out_of_order']);
  });

  it('never lets a signed consent change: only drafts are edited, and ended consents stay ended', () => {
    const statuses = ['draft', 'active', 'revocation_requested', 'revoked', 'expired'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.constantFrom(...statuses), (from, to) => {
        if (from === 'revoked' || from === 'expired' || from === to) expect(canChangeConsentStatus(from, to)).toBe(false);
        if (to === 'draft') expect(canChangeConsentStatus(from, to)).toBe(false);
        expect(isEditable(from)).toBe(from === 'draft');
      }),
    );
  });
});
