import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEDICATION_CODES, MEDICATIONS } from '../medications/medication-catalog.js';
import {
  type AnalyteResult,
  interpretationSeenBy,
  interpretTest,
  type PrescriptionForTest,
  readCarryOver,
  specimenValidity,
  type TestForInterpretation,
} from './interpret-test.js';
import { BUILT_IN_ANALYTE_CODES, BUILT_IN_ANALYTES, SPECIMEN_TYPES } from './substances.js';

const at = (iso: string) => new Date(iso);
const COLLECTED = at('2026-11-20T15:00:00Z');
const valid = { temperatureC: 34, creatinineMgDl: 80, specificGravity: 1.015, ph: 6 };

const result = (
  analyte: keyof typeof BUILT_IN_ANALYTES,
  r: AnalyteResult['result'],
  stage: AnalyteResult['stage'] = 'screen',
  value?: number,
) => ({
  analyte,
  group: BUILT_IN_ANALYTES[analyte],
  stage,
  result: r,
  value: value ?? null,
  unit: value === undefined ? null : 'ng/mL',
});

const test = (overrides: Partial<TestForInterpretation> = {}): TestForInterpretation => ({
  collection: 'collected',
  specimenType: 'urine',
  collectedAt: COLLECTED,
  validity: valid,
  results: [],
  confirmationRequested: false,
  reviews: [],
  ...overrides,
});

const bupe: PrescriptionForTest = { id: 'rx-bupe', medication: 'buprenorphine_naloxone', startedOn: '2026-06-01', endedOn: null };
const methadone: PrescriptionForTest = { id: 'rx-methadone', medication: 'methadone', startedOn: '2026-01-10', endedOn: null };
const lorazepam: PrescriptionForTest = {
  id: 'rx-benzo',
  medication: 'benzodiazepine',
  startedOn: '2026-10-01',
  endedOn: '2026-11-30',
};

describe('outcomes are kept apart', () => {
  it.each([
    ['missed', 'missed'],
    ['unable_to_provide', 'unable_to_provide'],
    ['refused', 'refused'],
  ] as const)('%s is its own outcome, never a positive', (collection, outcome) => {
    const i = interpretTest(test({ collection, collectedAt: null, results: [] }), []);
    expect(i.outcome).toBe(outcome);
    expect(i.countsAsUse).toBe(false);
  });

  it('a test not yet collected, or without results, is pending', () => {
    expect(interpretTest(test({ collection: 'scheduled', collectedAt: null }), []).outcome).toBe('pending');
    expect(interpretTest(test(), []).outcome).toBe('pending');
  });

  it('all negative is negative', () => {
    const i = interpretTest(test({ results: [result('opiates', 'negative'), result('cocaine', 'negative')] }), []);
    expect(i).toMatchObject({ outcome: 'negative', presumptive: false, countsAsUse: false, usableForResponse: true });
  });

  it('a positive screen without confirmation is presumptive, and says so', () => {
    const i = interpretTest(test({ results: [result('cocaine', 'positive')] }), []);
    expect(i).toMatchObject({ outcome: 'positive_unauthorized', presumptive: true, countsAsUse: true });
    expect(i.findings[0]).toMatchObject({ finding: 'unauthorized', presumptive: true });
  });

  it('a confirmation stands over the screen: a confirmed negative overturns a positive screen', () => {
    const i = interpretTest(
      test({ results: [result('cocaine', 'positive'), result('cocaine', 'negative', 'confirmation')] }),
      [],
    );
    expect(i.outcome).toBe('negative');
    expect(i.findings[0]).toMatchObject({ stage: 'confirmation', screenOverturned: true });
    const confirmed = interpretTest(
      test({ results: [result('cocaine', 'positive'), result('cocaine', 'positive', 'confirmation', 310)] }),
      [],
    );
    expect(confirmed).toMatchObject({ outcome: 'positive_unauthorized', presumptive: false });
  });

  it('inconclusive results wait', () => {
    expect(interpretTest(test({ results: [result('opiates', 'inconclusive')] }), []).outcome).toBe('pending');
  });
});

describe('prescriptions: a positive for a prescribed medication is not use', () => {
  it('buprenorphine and norbuprenorphine under a buprenorphine prescription are positive-authorized', () => {
    const i = interpretTest(
      test({
        results: [result('buprenorphine', 'positive'), result('norbuprenorphine', 'positive'), result('fentanyl', 'negative')],
      }),
      [bupe],
    );
    expect(i).toMatchObject({ outcome: 'positive_authorized', countsAsUse: false });
    expect(i.findings.filter((f) => f.finding === 'authorized').map((f) => f.prescriptionIds)).toEqual([
      ['rx-bupe'],
      ['rx-bupe'],
    ]);
  });

  it('methadone covers methadone and EDDP; benzodiazepines under a benzodiazepine prescription', () => {
    expect(
      interpretTest(test({ results: [result('methadone', 'positive'), result('eddp', 'positive')] }), [methadone]).outcome,
    ).toBe('positive_authorized');
    expect(interpretTest(test({ results: [result('benzodiazepines', 'positive')] }), [lorazepam]).outcome).toBe(
      'positive_authorized',
    );
  });

  it('a prescription does not cover other substances: fentanyl while on buprenorphine is unauthorized', () => {
    const i = interpretTest(test({ results: [result('buprenorphine', 'positive'), result('fentanyl', 'positive')] }), [bupe]);
    expect(i.outcome).toBe('positive_unauthorized');
    expect(i.findings.find((f) => f.analyte === 'fentanyl')?.finding).toBe('unauthorized');
  });

  it('a prescription covers only its dates, with the medication’s detection window after it ends', () => {
    const ended: PrescriptionForTest = { ...lorazepam, endedOn: '2026-11-15' };
    const stillShowing = interpretTest(test({ results: [result('benzodiazepines', 'positive')] }), [ended]);
    expect(stillShowing.outcome).toBe('positive_authorized');
    const longAfter = interpretTest(
      test({ collectedAt: at('2026-12-20T15:00:00Z'), results: [result('benzodiazepines', 'positive')] }),
      [ended],
    );
    expect(longAfter.outcome).toBe('positive_unauthorized');
    const notYet: PrescriptionForTest = { ...bupe, startedOn: '2026-11-25' };
    expect(interpretTest(test({ results: [result('buprenorphine', 'positive')] }), [notYet]).outcome).toBe(
      'positive_unauthorized',
    );
  });

  it('an `other` prescription covers what its record says', () => {
    const rx: PrescriptionForTest = {
      id: 'rx-x',
      medication: 'other',
      covers: ['barbiturates'],
      startedOn: '2026-01-01',
      endedOn: null,
    };
    expect(interpretTest(test({ results: [result('barbiturates', 'positive')] }), [rx]).outcome).toBe('positive_authorized');
  });

  it('an expected medication that is absent is a clinical flag, never a violation', () => {
    const i = interpretTest(test({ results: [result('buprenorphine', 'negative'), result('norbuprenorphine', 'negative')] }), [
      bupe,
    ]);
    expect(i.outcome).toBe('negative');
    expect(i.countsAsUse).toBe(false);
    expect(i.flags).toEqual([{ kind: 'expected_medication_absent', group: 'buprenorphine', prescriptionId: 'rx-bupe' }]);
    // Not flagged when the panel did not look for it, or the specimen cannot be read.
    expect(interpretTest(test({ results: [result('cocaine', 'negative')] }), [bupe]).flags).toEqual([]);
    const dilute = interpretTest(
      test({ validity: { creatinineMgDl: 12, specificGravity: 1.002 }, results: [result('buprenorphine', 'negative')] }),
      [bupe],
    );
    expect(dilute.flags).toEqual([]);
  });
});

describe('specimen validity (urine, HHS criteria)', () => {
  it.each([
    [{ creatinineMgDl: 80, specificGravity: 1.015, ph: 6, temperatureC: 34 }, 'valid'],
    [{ creatinineMgDl: 15, specificGravity: 1.002 }, 'dilute'],
    [{ creatinineMgDl: 1.5, specificGravity: 1.0008 }, 'substituted'],
    [{ creatinineMgDl: 1.5, specificGravity: 1.01 }, 'invalid'],
    [{ creatinineMgDl: 80, specificGravity: 1.015, ph: 3.5 }, 'adulterated'],
    [{ creatinineMgDl: 80, specificGravity: 1.015, ph: 9.5 }, 'invalid'],
    [{ creatinineMgDl: 80, specificGravity: 1.015, adulterantDetected: true }, 'adulterated'],
    [{ creatinineMgDl: 80, specificGravity: 1.015, temperatureC: 30 }, 'invalid'],
    [{ reported: 'dilute' as const }, 'dilute'],
    [{}, 'unknown'],
  ])('%o → %s', (validity, expected) => {
    expect(specimenValidity('urine', validity).validity).toBe(expected);
  });

  it('urine criteria do not apply to other specimens; the lab’s word does', () => {
    expect(specimenValidity('oral_fluid', { creatinineMgDl: 1, specificGravity: 1.0 }).validity).toBe('unknown');
    expect(specimenValidity('oral_fluid', { reported: 'invalid' }).validity).toBe('invalid');
  });

  it('a dilute negative is dilute; a dilute positive is still a positive; an adulterated one is invalid', () => {
    const dilute = { creatinineMgDl: 15, specificGravity: 1.002 };
    expect(interpretTest(test({ validity: dilute, results: [result('opiates', 'negative')] }), []).outcome).toBe('dilute');
    expect(interpretTest(test({ validity: dilute, results: [result('opiates', 'positive')] }), []).outcome).toBe(
      'positive_unauthorized',
    );
    expect(
      interpretTest(test({ validity: { ...valid, adulterantDetected: true }, results: [result('opiates', 'positive')] }), []),
    ).toMatchObject({ outcome: 'invalid', countsAsUse: false });
  });

  it('a temperature out of range is flagged', () => {
    const i = interpretTest(test({ validity: { ...valid, temperatureC: 39.5 }, results: [result('opiates', 'negative')] }), []);
    expect(i.outcome).toBe('invalid');
    expect(i.flags).toContainEqual({ kind: 'temperature_out_of_range' });
  });
});

describe('cannabinoids: possible carry-over', () => {
  const earlier = [{ testId: 'earlier', collectedAt: at('2026-11-17T15:00:00Z'), thcCoohNgMl: 120, creatinineMgDl: 100 }];

  it('applies the creatinine-normalized ratio (Huestis & Cone): below 0.5 is possible carry-over, for review', () => {
    // 40/80 = 0.5 ng/mg·dL… normalized later 0.5, earlier 1.2: ratio 0.417.
    const i = interpretTest(test({ results: [result('thc_cooh', 'positive', 'confirmation', 40)] }), [], earlier);
    expect(i.outcome).toBe('positive_unauthorized');
    expect(i.carryOver).toEqual({ earlierTestId: 'earlier', hoursApart: 72, ratio: 0.417, newUse: false });
    expect(i.flags).toContainEqual({
      kind: 'possible_carry_over',
      earlierTestId: 'earlier',
      hoursApart: 72,
      ratio: 0.417,
      newUse: false,
    });
    expect(i.countsAsUse).toBe(false);
  });

  it('a ratio of 0.5 or more indicates new use, and counts', () => {
    const i = interpretTest(test({ results: [result('thc_cooh', 'positive', 'confirmation', 150)] }), [], earlier);
    expect(i.carryOver?.newUse).toBe(true);
    expect(i.flags.some((f) => f.kind === 'possible_carry_over')).toBe(false);
    expect(i.countsAsUse).toBe(true);
  });

  it('without the values, or less than 24 hours apart, the criterion cannot decide: review', () => {
    const screenOnly = interpretTest(test({ results: [result('thc_cooh', 'positive')] }), [], earlier);
    expect(screenOnly.carryOver).toMatchObject({ ratio: null, newUse: null });
    expect(screenOnly.countsAsUse).toBe(false);
    const soon = readCarryOver(at('2026-11-17T23:00:00Z'), 100, 80, earlier);
    expect(soon).toMatchObject({ hoursApart: 8, newUse: null });
  });

  it('outside the window there is nothing to carry over; the team’s finding settles a review', () => {
    const old = [{ ...earlier[0]!, collectedAt: at('2026-09-01T15:00:00Z') }];
    const fresh = interpretTest(test({ results: [result('thc_cooh', 'positive')] }), [], old);
    expect(fresh).toMatchObject({ carryOver: null, countsAsUse: true });
    const reviewed = interpretTest(
      test({
        results: [result('thc_cooh', 'positive')],
        reviews: [{ kind: 'carry_over', status: 'closed', finding: 'new_use' }],
      }),
      [],
      earlier,
    );
    expect(reviewed.countsAsUse).toBe(true);
  });

  it('other unauthorized positives still count while the cannabinoid one is reviewed', () => {
    const i = interpretTest(test({ results: [result('thc_cooh', 'positive'), result('cocaine', 'positive')] }), [], earlier);
    expect(i.countsAsUse).toBe(true);
  });
});

describe('disputes and confirmation', () => {
  it('a disputed screen is not used for a response until the dispute is closed', () => {
    const open = interpretTest(
      test({ results: [result('opiates', 'positive')], reviews: [{ kind: 'dispute', status: 'open' }] }),
      [],
    );
    expect(open.usableForResponse).toBe(false);
    const closed = interpretTest(
      test({ results: [result('opiates', 'positive')], reviews: [{ kind: 'dispute', status: 'closed' }] }),
      [],
    );
    expect(closed.usableForResponse).toBe(true);
  });

  it('a dispute the team upholds (the result does not stand) leaves nothing to count', () => {
    const reviews = [{ kind: 'dispute' as const, status: 'closed' as const, finding: 'result_overturned' as const }];
    const i = interpretTest(test({ results: [result('opiates', 'positive')], reviews }), []);
    expect(i).toMatchObject({ outcome: 'positive_unauthorized', countsAsUse: false, usableForResponse: true });
  });

  it('a presumptive result awaiting a confirmation asked for waits for it', () => {
    expect(
      interpretTest(test({ results: [result('opiates', 'positive')], confirmationRequested: true }), []).usableForResponse,
    ).toBe(false);
  });
});

describe('properties', () => {
  const analyte = fc.constantFrom(...BUILT_IN_ANALYTE_CODES);
  const analyteResult = fc.record({
    analyte,
    stage: fc.constantFrom('screen' as const, 'confirmation' as const),
    result: fc.constantFrom('positive' as const, 'negative' as const, 'inconclusive' as const),
    value: fc.option(fc.double({ min: 0, max: 2000, noNaN: true }), { nil: null }),
  });
  const aTest = fc.record({
    collection: fc.constantFrom(
      'scheduled' as const,
      'collected' as const,
      'missed' as const,
      'unable_to_provide' as const,
      'refused' as const,
    ),
    specimenType: fc.constantFrom(...SPECIMEN_TYPES),
    collectedAt: fc.option(fc.date({ min: at('2026-01-01T00:00:00Z'), max: at('2026-12-31T00:00:00Z'), noInvalidDate: true }), {
      nil: null,
    }),
    validity: fc.record({
      temperatureC: fc.option(fc.double({ min: 25, max: 42, noNaN: true }), { nil: null }),
      creatinineMgDl: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: null }),
      specificGravity: fc.option(fc.double({ min: 0.999, max: 1.04, noNaN: true }), { nil: null }),
      ph: fc.option(fc.double({ min: 2, max: 12, noNaN: true }), { nil: null }),
      adulterantDetected: fc.option(fc.boolean(), { nil: null }),
    }),
    results: fc
      .array(analyteResult, { maxLength: 8 })
      .map((rs) => rs.map((r) => ({ ...r, group: BUILT_IN_ANALYTES[r.analyte], unit: null }))),
    confirmationRequested: fc.boolean(),
    reviews: fc.array(
      fc.record({
        kind: fc.constantFrom('dispute' as const, 'carry_over' as const),
        status: fc.constantFrom('open' as const, 'closed' as const),
        finding: fc.constantFrom(
          'new_use' as const,
          'carry_over' as const,
          'result_stands' as const,
          'result_overturned' as const,
          null,
        ),
      }),
      { maxLength: 2 },
    ),
  });
  const prescription = fc.record({
    id: fc.uuid(),
    medication: fc.constantFrom(...MEDICATION_CODES),
    startedOn: fc.constantFrom('2025-12-01', '2026-03-01', '2026-06-15', '2026-11-01'),
    endedOn: fc.constantFrom(null, '2026-04-01', '2026-09-30', '2026-12-31'),
  });
  const earlier = fc.array(
    fc.record({
      testId: fc.uuid(),
      collectedAt: fc.date({ min: at('2025-12-01T00:00:00Z'), max: at('2026-12-31T00:00:00Z'), noInvalidDate: true }),
      thcCoohNgMl: fc.option(fc.double({ min: 1, max: 2000, noNaN: true }), { nil: null }),
      creatinineMgDl: fc.option(fc.double({ min: 1, max: 300, noNaN: true }), { nil: null }),
    }),
    { maxLength: 3 },
  );
  const runs = { numRuns: 1500 };

  it('a missed, refused or unable-to-provide test is never use and never anything else', () => {
    fc.assert(
      fc.property(aTest, fc.array(prescription, { maxLength: 3 }), earlier, (t, rx, e) => {
        const i = interpretTest(t, rx, e);
        if (t.collection === 'missed' || t.collection === 'refused' || t.collection === 'unable_to_provide') {
          return i.outcome === t.collection && !i.countsAsUse;
        }
        return !['missed', 'refused', 'unable_to_provide'].includes(i.outcome);
      }),
      runs,
    );
  });

  it('adding a prescription never turns a result against the participant', () => {
    fc.assert(
      fc.property(aTest, fc.array(prescription, { maxLength: 3 }), prescription, earlier, (t, rx, extra, e) => {
        const before = interpretTest(t, rx, e);
        const after = interpretTest(t, [...rx, extra], e);
        return (
          (!after.countsAsUse || before.countsAsUse) &&
          (after.outcome !== 'positive_unauthorized' || before.outcome === 'positive_unauthorized')
        );
      }),
      runs,
    );
  });

  it('use is counted only from an unauthorized positive, and never from an absent medication', () => {
    fc.assert(
      fc.property(aTest, fc.array(prescription, { maxLength: 3 }), earlier, (t, rx, e) => {
        const i = interpretTest(t, rx, e);
        if (i.countsAsUse && !i.findings.some((f) => f.finding === 'unauthorized')) return false;
        if (i.countsAsUse && i.outcome !== 'positive_unauthorized') return false;
        // Taking the absent-medication flags away changes nothing else.
        return i.flags
          .filter((f) => f.kind === 'expected_medication_absent')
          .every((f) => {
            const finding = i.findings.filter((x) => x.group === f.group);
            return finding.every((x) => x.finding === 'negative');
          });
      }),
      runs,
    );
  });

  it('a positive covered by a prescription in effect is never unauthorized', () => {
    fc.assert(
      fc.property(aTest, fc.array(prescription, { maxLength: 3 }), (t, rx) => {
        const i = interpretTest(t, rx);
        return i.findings.every((f) => f.finding !== 'unauthorized' || f.prescriptionIds.length === 0);
      }),
      runs,
    );
  });

  it('an open dispute always holds a response back; so does anything pending', () => {
    fc.assert(
      fc.property(aTest, (t) => {
        const i = interpretTest(t, []);
        const disputed = t.reviews.some((r) => r.kind === 'dispute' && r.status === 'open');
        if (disputed && i.usableForResponse) return false;
        return !(i.outcome === 'pending' && i.usableForResponse);
      }),
      runs,
    );
  });

  it('what a reader is shown is what the test says from what they may see', () => {
    fc.assert(
      fc.property(
        aTest,
        fc.array(prescription, { maxLength: 4 }),
        earlier,
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (t, rx, e, seesRx, seesTests) => {
          const stored = interpretTest(t, rx, e);
          const visibleRx = rx.filter((_, i) => seesRx[i]);
          const visibleEarlier = e.filter((_, i) => seesTests[i]);
          const seen = interpretationSeenBy(stored, {
            prescription: (id) => visibleRx.some((p) => p.id === id),
            test: (id) => visibleEarlier.some((x) => x.testId === id),
          });
          if (seen === null) return true;
          const direct = interpretTest(t, visibleRx, visibleEarlier);
          const strip = (i: typeof direct) => ({ ...i, flags: i.flags.filter((f) => f.kind !== 'expected_medication_absent') });
          expect(strip(seen)).toEqual(strip(direct));
        },
      ),
      runs,
    );
  });

  it('… also where prescriptions authorize positives the reader may or may not know of', () => {
    const covering = MEDICATION_CODES.filter((m) => MEDICATIONS[m].covers.length > 0);
    const authorizedCase = fc
      .record({
        meds: fc.subarray(covering, { minLength: 1, maxLength: 3 }),
        seesRx: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        stage: fc.constantFrom('screen' as const, 'confirmation' as const),
        extra: fc.subarray(BUILT_IN_ANALYTE_CODES, { maxLength: 3 }),
      })
      .map(({ meds, seesRx, stage, extra }) => {
        const rx = meds.map((m, i) => ({ id: `rx-${i}`, medication: m, startedOn: '2026-01-01', endedOn: null }));
        const analytes = [
          ...new Set([
            ...meds.flatMap((m) =>
              BUILT_IN_ANALYTE_CODES.filter((a) => (MEDICATIONS[m].covers as readonly string[]).includes(BUILT_IN_ANALYTES[a])),
            ),
            ...extra,
          ]),
        ];
        return { rx, seesRx, t: test({ results: analytes.map((a) => result(a, 'positive', stage)) }) };
      });
    let changed = 0;
    fc.assert(
      fc.property(authorizedCase, ({ rx, seesRx, t }) => {
        const stored = interpretTest(t, rx, []);
        const visibleRx = rx.filter((_, i) => seesRx[i]);
        const seen = interpretationSeenBy(stored, { prescription: (id) => visibleRx.some((p) => p.id === id), test: () => true });
        if (seen === null) return;
        if (seen.outcome !== stored.outcome) changed += 1;
        const strip = (i: ReturnType<typeof interpretTest>) => ({
          ...i,
          flags: i.flags.filter((f) => f.kind !== 'expected_medication_absent'),
        });
        expect(strip(seen)).toEqual(strip(interpretTest(t, visibleRx, [])));
        // Never more authorized than what the reader may see accounts for.
        for (const f of seen.findings)
          if (f.finding === 'authorized') expect(f.prescriptionIds.every((id) => visibleRx.some((p) => p.id === id))).toBe(true);
      }),
      runs,
    );
    // The cases do exercise a reader who knows less.
    expect(changed).toBeGreaterThan(100);
  });
});
