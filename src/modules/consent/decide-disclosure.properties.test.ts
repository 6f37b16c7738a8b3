import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Purpose } from '../access/access-context.js';
import { TEAM_ROLES } from '../participants/participants.schema.js';
import { DATA_CLASSES } from '../records/data-classes.js';
import { PURPOSES_OF_KIND } from './consent-kinds.js';
import {
  CONSENT_KINDS,
  type Consent,
  type ConsentEvent,
  consentInForce,
  type DisclosureInput,
  decideDisclosure,
  type Restriction,
} from './decide-disclosure.js';

/*
 * Properties of the disclosure decision over generated cases: small pools of participants,
 * organizations, people and dates, so that generated consents often do (and often do not) apply.
 * 2,000 cases each (18,000 a run), besides the example tests.
 */

const RUNS = { numRuns: 2_000 };
const NOW = new Date('2026-11-22T12:00:00Z');
const PARTICIPANTS = ['p1', 'p2'];
const PROGRAMS = ['provider', 'provider-2'];
const USERS = ['u1', 'u2', 'u3'];
const ENROLLMENTS = ['e1', 'e2'];
const PURPOSES: Purpose[] = [
  'treatment',
  'payment',
  'operations',
  'court_monitoring',
  'supervision',
  'legal_representation',
  'legal_proceedings',
];

const date = fc.integer({ min: -400, max: 400 }).map((days) => new Date(NOW.getTime() + days * 86_400_000));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const subset = <T>(values: readonly T[]) => fc.subarray([...values]);
const event: fc.Arbitrary<ConsentEvent | null> = maybe(
  fc.record({ description: fc.constant('Final disposition'), occurredAt: maybe(date) }),
);

const consent: fc.Arbitrary<Consent> = fc.record({
  id: fc.uuid(),
  version: fc.integer({ min: 1, max: 3 }),
  kind: fc.constantFrom(...CONSENT_KINDS),
  status: fc.constantFrom('draft', 'active', 'active', 'active', 'revocation_requested', 'revoked', 'expired'),
  participantId: fc.constantFrom(...PARTICIPANTS),
  enrollmentId: maybe(fc.constantFrom(...ENROLLMENTS)),
  disclosingOrgIds: subset(PROGRAMS),
  recipients: fc.record({ userIds: subset(USERS), roles: subset(TEAM_ROLES) }),
  allowedClasses: subset(DATA_CLASSES),
  excludedClasses: subset(DATA_CLASSES),
  recordsFrom: maybe(date),
  recordsTo: maybe(date),
  purposes: subset(PURPOSES),
  signedAt: maybe(date),
  effectiveFrom: date,
  expiresAt: maybe(date),
  expiryEvent: event,
  revocableAfter: maybe(fc.record({ at: maybe(date), event })),
  revocations: fc.array(
    fc.record({
      requestedAt: date,
      scope: fc.oneof(
        fc.constant({ kind: 'whole' as const }),
        fc.record({ kind: fc.constant('user' as const), userId: fc.constantFrom(...USERS) }),
        fc.record({ kind: fc.constant('role' as const), role: fc.constantFrom(...TEAM_ROLES) }),
      ),
    }),
    { maxLength: 2 },
  ),
});

const restriction: fc.Arbitrary<Restriction> = fc.record({
  participantId: fc.constantFrom(...PARTICIPANTS),
  agreed: fc.boolean(),
  dataClasses: subset(DATA_CLASSES),
  recipients: fc.record({ userIds: subset(USERS), roles: subset(TEAM_ROLES) }),
});

const input: fc.Arbitrary<DisclosureInput> = fc.record({
  actor: fc
    .record({
      userId: fc.constantFrom(...USERS),
      organizationIds: subset(['provider', 'provider-2', 'court', 'probation']),
      caseRoles: subset(TEAM_ROLES),
      clinical: fc.boolean(),
      courtSide: fc.boolean(),
      // Roles held on one case only, or (undefined) on every case.
      onlyOn: maybe(fc.constantFrom(...ENROLLMENTS)),
    })
    .map(({ onlyOn, ...actor }) =>
      onlyOn === null ? actor : { ...actor, caseRolesByEnrollment: new Map([[onlyOn, actor.caseRoles]]) },
    ),
  record: fc.record({
    participantId: fc.constantFrom(...PARTICIPANTS),
    custodianOrgId: fc.constantFrom(...PROGRAMS),
    custodianIsPart2: fc.constantFrom(true, true, true, undefined),
    dataClass: fc.constantFrom(...DATA_CLASSES),
    occurredAt: date,
    enteredBy: maybe(fc.constantFrom(...USERS)),
  }),
  purpose: fc.constantFrom(...PURPOSES),
  now: fc.constant(NOW),
  consents: fc.array(consent, { maxLength: 4 }),
  restrictions: fc.array(restriction, { maxLength: 2 }),
  courtOrders: fc.array(
    fc.record({
      id: fc.constant('order'),
      participantId: fc.constantFrom(...PARTICIPANTS),
      issuedAt: date,
      expiresAt: maybe(date),
      dataClasses: subset(DATA_CLASSES),
    }),
    { maxLength: 1 },
  ),
  breakGlass: fc.array(
    fc.record({
      id: fc.constant('grant'),
      userId: fc.constantFrom(...USERS),
      participantId: fc.constantFrom(...PARTICIPANTS),
      startsAt: date,
      expiresAt: date,
    }),
    { maxLength: 1 },
  ),
});

/**
 * An actor outside the program that made the record: staff of the court (in any role on the case — a
 * court's own case manager too), or of probation, prosecution or defense.
 */
const courtSide = input.map((i) => ({
  ...i,
  actor: { ...i.actor, organizationIds: ['court'], courtSide: true },
}));

/**
 * A case where the first consent applies: in force, for the record's participant, program, class and
 * dates, naming the actor, for the purpose — an actor of another health-care program, with no
 * restriction or court-side role. Properties then change one thing and watch the answer.
 */
const applicableCase = fc.tuple(input, consent).map(([i, c]): DisclosureInput => {
  const dataClass = i.record.dataClass === 'counseling_note' ? 'clinical_note' : i.record.dataClass;
  const kind = c.kind === 'counseling_notes' || c.kind === 'legal_proceedings' || c.kind === 'tpo' ? 'general' : c.kind;
  const purpose = PURPOSES_OF_KIND[kind].includes(i.purpose) ? i.purpose : PURPOSES_OF_KIND[kind][0]!;
  const past = new Date(i.now.getTime() - 30 * 86_400_000);
  return {
    ...i,
    purpose,
    actor: { userId: 'u1', organizationIds: ['provider-2'], caseRoles: [], clinical: false, courtSide: false },
    record: { ...i.record, dataClass, custodianOrgId: 'provider', occurredAt: past },
    restrictions: [],
    courtOrders: [],
    breakGlass: [],
    consents: [
      {
        ...c,
        kind,
        status: 'active',
        participantId: i.record.participantId,
        enrollmentId: null,
        disclosingOrgIds: ['provider'],
        recipients: { userIds: ['u1'], roles: [] },
        allowedClasses: [dataClass],
        excludedClasses: [],
        recordsFrom: null,
        recordsTo: null,
        purposes: [purpose],
        signedAt: past,
        effectiveFrom: past,
        expiresAt: null,
        expiryEvent: null,
        revocableAfter: null,
        revocations: [],
      },
    ],
  };
});

describe('disclosure decision properties', () => {
  it('shows a court-side actor nothing of a Part 2 record without a consent in force that covers it (or a court order)', () => {
    fc.assert(
      fc.property(courtSide, (i) => {
        const decision = decideDisclosure(i);
        if (!decision.permit) return;
        expect(decision.accountable).toBe(true);
        if (decision.reason.rule === 'court_order') {
          expect(i.purpose).toBe('legal_proceedings');
          return;
        }
        expect(decision.reason.rule).toBe('consent');
        const used = i.consents.find((c) => decision.reason.rule === 'consent' && c.id === decision.reason.consentId)!;
        // Treatment, payment and operations consents never reach the court side.
        expect(used.kind).not.toBe('tpo');
        expect(used.participantId).toBe(i.record.participantId);
        expect(consentInForce(used, i.now)).toBe(true);
        expect(used.allowedClasses).toContain(i.record.dataClass);
        expect(used.excludedClasses).not.toContain(i.record.dataClass);
        expect(used.disclosingOrgIds).toContain(i.record.custodianOrgId);
      }),
      RUNS,
    );
  });

  it('discloses nothing through a revoked or expired consent', () => {
    fc.assert(
      fc.property(courtSide, fc.constantFrom('status', 'expiry', 'revocation'), (i, how) => {
        const past = new Date(i.now.getTime() - 86_400_000);
        const ended = i.consents.map((c) =>
          how === 'status'
            ? { ...c, status: 'revoked' as const }
            : how === 'expiry'
              ? { ...c, expiresAt: new Date(i.now.getTime() - 1) }
              : // A revocation asked for yesterday, of a consent revocable at any time (or whose time has come).
                {
                  ...c,
                  revocableAfter: c.revocableAfter ? { at: past, event: null } : null,
                  revocations: [...c.revocations, { requestedAt: past, scope: { kind: 'whole' as const } }],
                },
        );
        const decision = decideDisclosure({ ...i, consents: ended });
        expect(decision.permit && decision.reason.rule === 'consent').toBe(false);
      }),
      RUNS,
    );
  });

  it('serves a role only on the case its consent was signed for', () => {
    fc.assert(
      fc.property(applicableCase, fc.constantFrom(...TEAM_ROLES), (i, role) => {
        // The actor holds the role on case e1; the consent names the role (and nobody by name).
        const actor = { ...i.actor, caseRoles: [role], caseRolesByEnrollment: new Map([['e1', [role]]]) };
        const forCase = (enrollmentId: string | null) => ({
          ...i,
          actor,
          consents: [{ ...i.consents[0]!, enrollmentId, recipients: { userIds: [], roles: [role] } }],
        });
        expect(decideDisclosure(forCase('e2')).permit).toBe(false);
        expect(decideDisclosure(forCase('e1')).reason.rule).toBe('consent');
        expect(decideDisclosure(forCase(null)).reason.rule).toBe('consent');
      }),
      RUNS,
    );
  });

  it('never lets a treatment, payment and operations consent reach the court side', () => {
    fc.assert(
      fc.property(
        applicableCase,
        fc.constantFrom('treatment', 'payment', 'operations') as fc.Arbitrary<Purpose>,
        (i, purpose) => {
          const tpo = { ...i, purpose, consents: [{ ...i.consents[0]!, kind: 'tpo' as const, purposes: [purpose] }] };
          // Another health-care provider receives under it…
          expect(decideDisclosure(tpo).reason.rule).toBe('consent');
          // …court staff (a court's own case manager included), probation, prosecution and defense never do.
          const courtActor = { ...tpo.actor, organizationIds: ['court'], courtSide: true };
          expect(decideDisclosure({ ...tpo, actor: courtActor }).permit).toBe(false);
          const byRole = { ...tpo.actor, caseRoles: ['probation_officer' as const] };
          expect(decideDisclosure({ ...tpo, actor: byRole }).permit).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('does not let a §2.35 consent be revoked before its stated time', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (i, daysAhead, daysBefore) => {
        const until = new Date(i.now.getTime() + daysAhead * 86_400_000);
        const cj = i.consents.map((c) => ({
          ...c,
          kind: 'criminal_justice' as const,
          revocableAfter: { at: until, event: null },
        }));
        const early = cj.map((c) => ({
          ...c,
          status: c.status === 'active' ? ('revocation_requested' as const) : c.status,
          revocations: [
            ...c.revocations.filter((r) => r.requestedAt >= until),
            { requestedAt: new Date(i.now.getTime() - daysBefore * 86_400_000), scope: { kind: 'whole' as const } },
          ],
        }));
        const withoutEarly = cj.map((c) => ({ ...c, revocations: c.revocations.filter((r) => r.requestedAt >= until) }));
        expect(decideDisclosure({ ...i, consents: early }).permit).toBe(
          decideDisclosure({ ...i, consents: withoutEarly }).permit,
        );
      }),
      RUNS,
    );
  });

  it('never widens access when an unrelated consent is added', () => {
    fc.assert(
      fc.property(input, consent, fc.constantFrom('participant', 'recipient', 'program'), (i, extra, how) => {
        // About someone else; naming other people only; or from programs that did not make the record.
        const unrelated =
          how === 'participant'
            ? { ...extra, participantId: `not-${i.record.participantId}` }
            : how === 'recipient'
              ? { ...extra, recipients: { userIds: USERS.filter((u) => u !== i.actor.userId), roles: [] } }
              : { ...extra, disclosingOrgIds: PROGRAMS.filter((o) => o !== i.record.custodianOrgId) };
        const before = decideDisclosure(i);
        const after = decideDisclosure({ ...i, consents: [...i.consents, unrelated] });
        if (after.permit) expect(before.permit).toBe(true);
        if (how === 'participant') expect(after).toEqual(before);
      }),
      RUNS,
    );
  });

  it('lets deny override permit: an agreed restriction or an applicable exclusion never widens access', () => {
    fc.assert(
      fc.property(input, restriction, (i, extra) => {
        const before = decideDisclosure(i);
        const withRestriction = decideDisclosure({ ...i, restrictions: [...i.restrictions, extra] });
        if (!before.permit) expect(withRestriction.permit).toBe(false);
        const blocking = {
          ...extra,
          agreed: true,
          participantId: i.record.participantId,
          dataClasses: [i.record.dataClass],
          recipients: { userIds: [], roles: [] },
        };
        const blocked = decideDisclosure({ ...i, restrictions: [blocking] });
        if (blocked.permit) expect(['not_part2', 'own_program']).toContain(blocked.reason.rule);
        const excluding = i.consents.map((c) => ({ ...c, excludedClasses: [...c.excludedClasses, i.record.dataClass] }));
        const excluded = decideDisclosure({ ...i, consents: excluding });
        if (excluded.permit) expect(['not_part2', 'own_program', 'court_order', 'break_glass']).toContain(excluded.reason.rule);
      }),
      RUNS,
    );
  });

  it('never passes counseling notes under a §2.35, general or TPO consent', () => {
    fc.assert(
      fc.property(input, (i) => {
        const note = { ...i, record: { ...i.record, dataClass: 'counseling_note' as const } };
        const decision = decideDisclosure(note);
        if (decision.permit && decision.reason.rule === 'consent') {
          const used = i.consents.find((c) => decision.reason.rule === 'consent' && c.id === decision.reason.consentId)!;
          expect(['criminal_justice', 'general', 'tpo']).not.toContain(used.kind);
        }
        if (decision.permit) expect(decision.reason.rule).not.toBe('break_glass');
      }),
      RUNS,
    );
  });
});
