import { describe, expect, it } from 'vitest';
import type { Consent, DisclosureActor, DisclosureInput, DisclosureRecord } from './decide-disclosure.js';
import { consentInForce, decideDisclosure, revocationEffectiveAt } from './decide-disclosure.js';

// Anthony's case: the court (a non-Part 2 organization), the treatment program (Part 2).
const PROVIDER = 'org-provider';
const OTHER_PROVIDER = 'org-other-provider';
const COURT = 'org-court';
const ANTHONY = 'participant-anthony';
const day = (d: string) => new Date(`${d}T12:00:00Z`);
const NOW = day('2026-11-22');

const judge: DisclosureActor = {
  userId: 'judge',
  organizationIds: [COURT],
  caseRoles: ['judge'],
  clinical: false,
  courtSide: true,
};
const coordinator: DisclosureActor = {
  userId: 'coordinator',
  organizationIds: [COURT],
  caseRoles: ['coordinator'],
  clinical: false,
  courtSide: true,
};
const probation: DisclosureActor = {
  userId: 'probation',
  organizationIds: ['org-probation'],
  caseRoles: ['probation_officer'],
  clinical: false,
  courtSide: true,
};
const defense: DisclosureActor = {
  userId: 'defense',
  organizationIds: ['org-defense'],
  caseRoles: ['defense_attorney'],
  clinical: false,
  courtSide: true,
};
const counselor: DisclosureActor = {
  userId: 'counselor',
  organizationIds: [PROVIDER],
  caseRoles: ['treatment_provider'],
  clinical: true,
  courtSide: false,
};
const otherClinician: DisclosureActor = {
  userId: 'er-clinician',
  organizationIds: [OTHER_PROVIDER],
  caseRoles: [],
  clinical: true,
  courtSide: false,
};

/** Anthony's §2.35 consent: attendance, test results and phase progress to the court side; no clinical or counseling notes. */
const section235 = (overrides: Partial<Consent> = {}): Consent => ({
  id: 'consent-235',
  version: 1,
  kind: 'criminal_justice',
  status: 'active',
  participantId: ANTHONY,
  enrollmentId: null,
  disclosingOrgIds: [PROVIDER],
  recipients: { userIds: [], roles: ['judge', 'coordinator', 'probation_officer', 'prosecutor'] },
  allowedClasses: ['attendance', 'test_result', 'phase_progress', 'moud_enrollment'],
  excludedClasses: ['clinical_note', 'counseling_note', 'diagnosis'],
  recordsFrom: null,
  recordsTo: null,
  purposes: ['court_monitoring', 'supervision'],
  signedAt: day('2026-08-20'),
  effectiveFrom: day('2026-08-20'),
  expiresAt: null,
  expiryEvent: { description: 'Final disposition of case RB-2026-0001', occurredAt: null },
  revocableAfter: { at: null, event: { description: 'Final disposition of case RB-2026-0001', occurredAt: null } },
  revocations: [],
  ...overrides,
});

const record = (overrides: Partial<DisclosureRecord> = {}): DisclosureRecord => ({
  participantId: ANTHONY,
  custodianOrgId: PROVIDER,
  custodianIsPart2: true,
  dataClass: 'attendance',
  occurredAt: day('2026-11-01'),
  enteredBy: 'counselor',
  ...overrides,
});

const decide = (overrides: Partial<DisclosureInput>) =>
  decideDisclosure({
    actor: judge,
    record: record(),
    purpose: 'court_monitoring',
    now: NOW,
    consents: [section235()],
    restrictions: [],
    courtOrders: [],
    breakGlass: [],
    ...overrides,
  });

describe('the Anthony scenario', () => {
  it('shows the court his attendance, test results and phase progress, as accountable disclosures', () => {
    for (const dataClass of ['attendance', 'test_result', 'phase_progress'] as const) {
      for (const actor of [judge, coordinator, probation]) {
        const purpose = actor === probation ? 'supervision' : 'court_monitoring';
        const decision = decide({ actor, purpose, record: record({ dataClass }) });
        expect(decision, `${actor.userId} ${dataClass}`).toEqual({
          permit: true,
          reason: { rule: 'consent', consentId: 'consent-235', version: 1 },
          accountable: true,
        });
      }
    }
  });

  it('keeps his disclosure of use, a clinical note, from every court-side user though the consent is in force', () => {
    for (const actor of [judge, coordinator, probation, defense]) {
      expect(decide({ actor, record: record({ dataClass: 'clinical_note' }) }).permit, actor.userId).toBe(false);
    }
  });

  it('lets his counselor see everything her program recorded, without an accounting entry', () => {
    for (const dataClass of ['clinical_note', 'attendance', 'diagnosis', 'counseling_note'] as const) {
      expect(decide({ actor: counselor, purpose: 'treatment', record: record({ dataClass }) })).toEqual({
        permit: true,
        reason: { rule: 'own_program' },
        accountable: false,
      });
    }
  });
});

describe('disclosure rules', () => {
  it('R0: denies without a covering consent', () => {
    expect(decide({ consents: [] }).reason).toEqual({ rule: 'R0_no_consent' });
    expect(decide({ record: record({ dataClass: 'medication' }) }).reason).toEqual({ rule: 'R0_no_consent' });
  });

  it('R1: treats a record of unknown protection as a Part 2 record', () => {
    expect(decide({ consents: [], record: record({ custodianIsPart2: undefined }) }).permit).toBe(false);
    expect(decide({ consents: [], record: record({ custodianIsPart2: false, custodianOrgId: COURT }) })).toEqual({
      permit: true,
      reason: { rule: 'not_part2' },
      accountable: false,
    });
  });

  it('R2: needs the dates, the recipient, the discloser, the class and the purpose to match', () => {
    expect(decide({ now: day('2026-08-19') }).permit).toBe(false); // before it was signed
    expect(decide({ consents: [section235({ effectiveFrom: day('2026-12-01') })] }).permit).toBe(false);
    expect(decide({ actor: defense, purpose: 'legal_representation' }).permit).toBe(false); // not a recipient
    expect(decide({ record: record({ custodianOrgId: OTHER_PROVIDER }) }).permit).toBe(false); // not a discloser
    expect(decide({ purpose: 'operations' }).permit).toBe(false); // purpose not allowed
    expect(decide({ consents: [section235({ status: 'draft' })] }).permit).toBe(false);
    expect(decide({ consents: [section235({ signedAt: null })] }).permit).toBe(false);
    const window = section235({ recordsFrom: day('2026-11-05'), recordsTo: day('2026-11-30') });
    expect(decide({ consents: [window] }).permit).toBe(false); // record from before the window
    expect(decide({ consents: [window], record: record({ occurredAt: day('2026-11-10') }) }).permit).toBe(true);
    const named = section235({ recipients: { userIds: ['judge'], roles: [] } });
    expect(decide({ consents: [named] }).permit).toBe(true);
    expect(decide({ consents: [named], actor: coordinator }).permit).toBe(false);
  });

  it('R3: records a §2.35 revocation asked for early, but applies it only at the stated time or event', () => {
    const early = { requestedAt: day('2026-10-01'), scope: { kind: 'whole' as const } };
    const waiting = section235({ status: 'revocation_requested', revocations: [early] });
    expect(revocationEffectiveAt(waiting, early)).toBeNull();
    expect(decide({ consents: [waiting] }).permit).toBe(true);
    const disposed = section235({
      status: 'revocation_requested',
      revocations: [early],
      revocableAfter: { at: null, event: { description: 'Final disposition', occurredAt: day('2026-11-15') } },
    });
    expect(decide({ consents: [disposed], now: day('2026-11-14') }).permit).toBe(true);
    expect(decide({ consents: [disposed], now: day('2026-11-16') }).permit).toBe(false);
    const dated = section235({
      status: 'revocation_requested',
      revocations: [early],
      revocableAfter: { at: day('2027-02-01'), event: null },
    });
    expect(decide({ consents: [dated] }).permit).toBe(true);
    expect(decide({ consents: [dated], now: day('2027-02-02') }).permit).toBe(false);
  });

  it('R4: other revocations act at once, wholly or for one recipient', () => {
    const general = section235({ id: 'general', kind: 'general', revocableAfter: null });
    const whole = { ...general, revocations: [{ requestedAt: day('2026-11-20'), scope: { kind: 'whole' as const } }] };
    expect(decide({ consents: [whole] }).permit).toBe(false);
    expect(decide({ consents: [whole], now: day('2026-11-19') }).permit).toBe(true);
    const partial = {
      ...general,
      revocations: [{ requestedAt: day('2026-11-20'), scope: { kind: 'role' as const, role: 'probation_officer' as const } }],
    };
    expect(decide({ consents: [partial], actor: probation, purpose: 'supervision' }).permit).toBe(false);
    expect(decide({ consents: [partial], actor: judge }).permit).toBe(true);
    const person = {
      ...general,
      revocations: [{ requestedAt: day('2026-11-20'), scope: { kind: 'user' as const, userId: 'judge' } }],
    };
    expect(decide({ consents: [person], actor: judge }).permit).toBe(false);
    expect(decide({ consents: [person], actor: coordinator }).permit).toBe(true);
  });

  it('R4: an expired consent (date or event) discloses nothing', () => {
    expect(decide({ consents: [section235({ expiresAt: day('2026-11-21') })] }).permit).toBe(false);
    const event = section235({ expiryEvent: { description: 'Final disposition', occurredAt: day('2026-11-21') } });
    expect(consentInForce(event, NOW)).toBe(false);
    expect(decide({ consents: [event] }).permit).toBe(false);
  });

  it('R5: counseling notes pass only under their own consent, never under §2.35, general or TPO', () => {
    const note = record({ dataClass: 'counseling_note', enteredBy: 'counselor' });
    const broad = (kind: Consent['kind']) =>
      section235({
        id: kind,
        kind,
        allowedClasses: ['counseling_note'],
        excludedClasses: [],
        revocableAfter: null,
        purposes: ['court_monitoring', 'treatment'],
      });
    for (const kind of ['criminal_justice', 'general', 'tpo'] as const) {
      expect(decide({ record: note, consents: [broad(kind)] }).reason, kind).toEqual({ rule: 'R5_counseling_notes' });
      expect(decide({ record: note, consents: [broad(kind)], actor: otherClinician, purpose: 'treatment' }).permit, kind).toBe(
        false,
      );
    }
    expect(decide({ record: note, consents: [broad('counseling_notes')] }).permit).toBe(true);
    // Within the program: the author's treatment team only.
    const intake = {
      userId: 'intake',
      organizationIds: [PROVIDER],
      caseRoles: [],
      clinical: true,
      courtSide: false,
    } satisfies DisclosureActor;
    expect(decide({ record: note, actor: intake, purpose: 'treatment', consents: [] }).permit).toBe(false);
  });

  it('R6: use in proceedings against the participant needs a legal-proceedings consent or a court order', () => {
    const everything = section235({
      id: 'general',
      kind: 'general',
      purposes: ['court_monitoring', 'legal_proceedings'],
      revocableAfter: null,
    });
    expect(decide({ purpose: 'legal_proceedings', consents: [everything] }).reason).toEqual({
      rule: 'R6_proceedings_need_consent_or_order',
    });
    expect(decide({ purpose: 'legal_proceedings', actor: counselor, consents: [] }).permit).toBe(false);
    const legal = section235({ id: 'legal', kind: 'legal_proceedings', purposes: ['legal_proceedings'], revocableAfter: null });
    expect(decide({ purpose: 'legal_proceedings', consents: [legal] }).reason).toEqual({
      rule: 'consent',
      consentId: 'legal',
      version: 1,
    });
    const order = {
      id: 'order-1',
      participantId: ANTHONY,
      issuedAt: day('2026-11-01'),
      expiresAt: null,
      dataClasses: ['attendance' as const],
    };
    expect(decide({ purpose: 'legal_proceedings', consents: [], courtOrders: [order] })).toEqual({
      permit: true,
      reason: { rule: 'court_order', orderId: 'order-1' },
      accountable: true,
    });
    expect(
      decide({ purpose: 'legal_proceedings', consents: [], courtOrders: [order], record: record({ dataClass: 'test_result' }) })
        .permit,
    ).toBe(false);
  });

  it('R8: when consents disagree, the exclusion wins — not the newest', () => {
    const newer = section235({
      id: 'newer',
      kind: 'general',
      version: 2,
      allowedClasses: ['clinical_note'],
      excludedClasses: [],
      revocableAfter: null,
    });
    expect(decide({ record: record({ dataClass: 'clinical_note' }), consents: [newer] }).permit).toBe(true);
    expect(decide({ record: record({ dataClass: 'clinical_note' }), consents: [section235(), newer] }).reason).toEqual({
      rule: 'R8_excluded_by_consent',
      consentId: 'consent-235',
    });
  });

  it('R10: an agreed restriction denies what a consent would permit; a pending one does not', () => {
    const restriction = {
      participantId: ANTHONY,
      agreed: true,
      dataClasses: ['test_result' as const],
      recipients: { userIds: [], roles: ['probation_officer' as const] },
    };
    expect(
      decide({
        actor: probation,
        purpose: 'supervision',
        record: record({ dataClass: 'test_result' }),
        restrictions: [restriction],
      }).reason,
    ).toEqual({
      rule: 'R10_restricted',
    });
    expect(decide({ record: record({ dataClass: 'test_result' }), restrictions: [restriction] }).permit).toBe(true);
    expect(
      decide({
        actor: probation,
        purpose: 'supervision',
        record: record({ dataClass: 'test_result' }),
        restrictions: [{ ...restriction, agreed: false }],
      }).permit,
    ).toBe(true);
  });

  it('R11: break-glass serves clinical staff in an emergency, for a time, never the court side', () => {
    const grant = {
      id: 'grant-1',
      userId: 'er-clinician',
      participantId: ANTHONY,
      startsAt: day('2026-11-22'),
      expiresAt: new Date(day('2026-11-22').getTime() + 4 * 3_600_000),
    };
    const clinical = record({ dataClass: 'clinical_note' });
    expect(decide({ actor: otherClinician, purpose: 'treatment', record: clinical, consents: [], breakGlass: [grant] })).toEqual({
      permit: true,
      reason: { rule: 'break_glass', grantId: 'grant-1' },
      accountable: true,
    });
    expect(
      decide({
        actor: otherClinician,
        purpose: 'treatment',
        record: clinical,
        consents: [],
        breakGlass: [grant],
        now: day('2026-11-23'),
      }).permit,
    ).toBe(false);
    const courtGrant = { ...grant, userId: 'judge' };
    expect(
      decide({
        actor: { ...judge, clinical: true },
        purpose: 'treatment',
        record: clinical,
        consents: [],
        breakGlass: [courtGrant],
      }).permit,
    ).toBe(false);
    // Court staff without a role on this case are court side all the same.
    const clerk = {
      userId: 'judge',
      organizationIds: [COURT],
      caseRoles: [],
      clinical: true,
      courtSide: true,
    } satisfies DisclosureActor;
    expect(decide({ actor: clerk, purpose: 'treatment', record: clinical, consents: [], breakGlass: [courtGrant] }).permit).toBe(
      false,
    );
    expect(
      decide({
        actor: otherClinician,
        purpose: 'treatment',
        record: record({ dataClass: 'counseling_note' }),
        consents: [],
        breakGlass: [grant],
      }).permit,
    ).toBe(false);
  });

  it('R12: another participant’s consent opens nothing', () => {
    expect(decide({ consents: [section235({ participantId: 'someone-else' })] }).permit).toBe(false);
  });

  it('TPO consents never reach the court', () => {
    const tpo = section235({
      id: 'tpo',
      kind: 'tpo',
      purposes: ['treatment', 'court_monitoring'],
      recipients: { userIds: [], roles: ['judge', 'treatment_provider'] },
      revocableAfter: null,
    });
    expect(decide({ consents: [tpo] }).permit).toBe(false);
    expect(
      decide({ consents: [tpo], actor: { ...otherClinician, caseRoles: ['treatment_provider'] }, purpose: 'treatment' }).permit,
    ).toBe(true);
  });
});
