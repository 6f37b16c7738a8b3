import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Purpose } from '../access/access-context.js';
import { TEAM_ROLES } from '../participants/participants.schema.js';
import { DATA_CLASSES } from '../records/data-classes.js';
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
 * 2,000 cases each; with the example tests, well over 10,000 decisions per run.
 */

const RUNS = { numRuns: 2_000 };
const NOW = new Date('2026-11-22T12:00:00Z');
const PARTICIPANTS = ['p1', 'p2'];
const PROGRAMS = ['provider', 'provider-2'];
const USERS = ['u1', 'u2', 'u3'];
const PURPOSES: Purpose[] = [
  'treatment',
  'payment',
  'operations',
  'court_monitoring',
  'supervision',
  'legal_representation',
  'legal_proceedings',
];
const COURT_SIDE = ['judge', 'coordinator', 'probation_officer', 'prosecutor', 'defense_attorney'] as const;

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
  actor: fc.record({
    userId: fc.constantFrom(...USERS),
    organizationIds: subset(['provider', 'provider-2', 'court', 'probation']),
    caseRoles: subset(TEAM_ROLES),
    clinical: fc.boolean(),
    courtSide: fc.boolean(),
  }),
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

/** An actor outside the program that made the record, holding only court-side roles. */
const courtSide = input.map((i) => ({
  ...i,
  actor: {
    ...i.actor,
    organizationIds: ['court'],
    courtSide: true,
    caseRoles: i.actor.caseRoles.filter((r) => (COURT_SIDE as readonly string[]).includes(r)),
  },
}));

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
      fc.property(courtSide, fc.boolean(), (i, byStatus) => {
        const ended = i.consents.map((c) =>
          byStatus ? { ...c, status: 'revoked' as const } : { ...c, expiresAt: new Date(i.now.getTime() - 1) },
        );
        const decision = decideDisclosure({ ...i, consents: ended });
        expect(decision.permit && decision.reason.rule === 'consent').toBe(false);
      }),
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

  it('never widens access when a consent about someone else is added', () => {
    fc.assert(
      fc.property(input, consent, (i, extra) => {
        const unrelated = { ...extra, participantId: `not-${i.record.participantId}` };
        expect(decideDisclosure({ ...i, consents: [...i.consents, unrelated] })).toEqual(decideDisclosure(i));
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
