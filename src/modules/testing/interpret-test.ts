import { MEDICATIONS, type Medication } from '../medications/medication-catalog.js';
import { CARRY_OVER_ANALYTE, type SpecimenType, type SubstanceGroup } from './substances.js';

/*
 * What a drug or alcohol test says, kept apart fact by fact: a pure rule over plain data (no database,
 * clock or network). A missed test, a refusal, a dilute or adulterated specimen, a positive for a
 * prescribed medication and a positive for an unauthorized substance are different outcomes, never
 * one "positive". A screen awaiting confirmation is presumptive. An expected medication that is absent
 * is a clinical flag for the treatment team, never a violation. A cannabinoid positive within the
 * elimination window of an earlier one is "possible carry-over — review" unless the
 * creatinine-normalized criterion shows new use.
 */

/** The criteria this rule applies, as data with their sources; a court's policy may adjust them. */
export const TESTING_CRITERIA = {
  version: '2026-12',
  /**
   * Urine specimen validity, HHS Mandatory Guidelines for Federal Workplace Drug Testing Programs
   * (urine, 2017), section 3.8: creatinine in mg/dL, specific gravity, pH.
   */
  validity: {
    temperatureC: { min: 32, max: 38 },
    diluteCreatinineBelow: 20,
    diluteSpecificGravityBelow: 1.003,
    substitutedCreatinineBelow: 2,
    substitutedSpecificGravity: { atMost: 1.001, atLeast: 1.02 },
    adulteratedPh: { below: 4, atLeast: 11 },
    invalidPh: { below: 4.5, atLeast: 9 },
  },
  /**
   * Cannabis carry-over: Huestis & Cone, J Anal Toxicol 1998;22:445–454 — of two specimens collected at
   * least 24 h apart, a ratio of creatinine-normalized THC-COOH (later ÷ earlier) of 0.5 or more
   * indicates new use. Within the window after a positive and below the ratio (or without the values
   * to compute it) a positive is flagged for review, not counted as new use.
   */
  carryOver: { windowDays: 30, minimumHoursApart: 24, newUseRatio: 0.5 },
} as const;

export type TestingCriteria = {
  validity: (typeof TESTING_CRITERIA)['validity'];
  carryOver: { windowDays: number; minimumHoursApart: number; newUseRatio: number };
};

/** How a scheduled test went at the collection site. */
export type CollectionStatus = 'scheduled' | 'collected' | 'missed' | 'unable_to_provide' | 'refused';

/** A lab's or collector's word on the specimen itself, when it gives one. */
export type ReportedValidity = 'valid' | 'dilute' | 'substituted' | 'adulterated' | 'invalid';

export type SpecimenValidity = {
  temperatureC?: number | null;
  creatinineMgDl?: number | null;
  specificGravity?: number | null;
  ph?: number | null;
  /** Oxidants, nitrite or another adulterant found. */
  adulterantDetected?: boolean | null;
  reported?: ReportedValidity | null;
};

export type AnalyteResult = {
  analyte: string;
  group: SubstanceGroup;
  stage: 'screen' | 'confirmation';
  result: 'positive' | 'negative' | 'inconclusive';
  /** Quantitative value as reported, and its unit (ng/mL for THC-COOH). */
  value?: number | null;
  unit?: string | null;
};

export type PrescriptionForTest = {
  id: string;
  medication: Medication;
  /** What an `other` prescription covers, from the prescriber's record; the catalog decides for the rest. */
  covers?: readonly SubstanceGroup[];
  startedOn: string;
  endedOn: string | null;
};

/** An earlier cannabinoid-positive specimen of the same participant, for the carry-over criterion. */
export type EarlierCannabinoidPositive = {
  testId: string;
  collectedAt: Date;
  thcCoohNgMl: number | null;
  creatinineMgDl: number | null;
};

/** A review of a test: a participant's dispute of a screen, or the team's look at a possible carry-over. */
export type TestReview = {
  kind: 'dispute' | 'carry_over';
  status: 'open' | 'closed';
  /**
   * What the team found on closing: a carry-over review, new use or carry-over; a dispute, that the
   * result stands or that it does not (then it is not counted, whatever it says).
   */
  finding?: 'new_use' | 'carry_over' | 'result_stands' | 'result_overturned' | null;
};

export type TestForInterpretation = {
  collection: CollectionStatus;
  specimenType: SpecimenType;
  collectedAt: Date | null;
  validity: SpecimenValidity;
  results: AnalyteResult[];
  /** A confirmation asked of the lab (on a dispute or by staff) that has not come back. */
  confirmationRequested: boolean;
  reviews: TestReview[];
};

export const TEST_OUTCOMES = [
  'pending',
  'negative',
  'positive_unauthorized',
  'positive_authorized',
  'dilute',
  'invalid',
  'missed',
  'unable_to_provide',
  'refused',
] as const;
export type TestOutcome = (typeof TEST_OUTCOMES)[number];

export type ValidityFinding = 'valid' | 'unknown' | 'dilute' | 'substituted' | 'adulterated' | 'invalid';

export type AnalyteFinding = {
  analyte: string;
  group: SubstanceGroup;
  /** The result that stands: the confirmation when there is one, else the screen. */
  stage: 'screen' | 'confirmation';
  finding: 'negative' | 'inconclusive' | 'unauthorized' | 'authorized';
  /** A positive screen without a confirmation. */
  presumptive: boolean;
  /** The prescriptions that account for an authorized positive. */
  prescriptionIds: string[];
  /** A confirmation reversed a positive screen. */
  screenOverturned: boolean;
};

export type CarryOver = {
  earlierTestId: string;
  hoursApart: number;
  /** Later ÷ earlier creatinine-normalized THC-COOH; null when either value is missing. */
  ratio: number | null;
  /** True when the criterion indicates new use; null when it cannot be applied. */
  newUse: boolean | null;
};

export type TestFlag =
  /** For the treatment team only: a prescribed medication expected in the specimen was not found. */
  | { kind: 'expected_medication_absent'; group: SubstanceGroup; prescriptionId: string }
  | ({ kind: 'possible_carry_over' } & CarryOver)
  | { kind: 'temperature_out_of_range' };

export type Interpretation = {
  outcome: TestOutcome;
  /** Any positive that stands rests on a screen alone. */
  presumptive: boolean;
  validity: ValidityFinding;
  findings: AnalyteFinding[];
  flags: TestFlag[];
  /** The carry-over criterion's reading, when it was applied (whether or not it flagged). */
  carryOver: CarryOver | null;
  /** Unauthorized use this test shows, as the team may count it (not while a carry-over is under review). */
  countsAsUse: boolean;
  /** May the team respond to it yet? Not while pending, disputed, or awaiting a confirmation asked for. */
  usableForResponse: boolean;
  /** What the test's reviews and requests said, as the conclusion read them. */
  context: InterpretationContext;
  criteriaVersion: string;
};

export type InterpretationContext = {
  disputeOpen: boolean;
  /** A dispute closed with the finding that the result does not stand. */
  overturned: boolean;
  carryOverFinding: 'new_use' | 'carry_over' | null;
  confirmationRequested: boolean;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Specimen validity from the collector's and lab's readings (urine criteria; other specimens take the lab's word). */
export function specimenValidity(
  specimenType: SpecimenType,
  v: SpecimenValidity,
  criteria: TestingCriteria['validity'] = TESTING_CRITERIA.validity,
): { validity: ValidityFinding; temperatureOutOfRange: boolean } {
  const findings: ValidityFinding[] = [];
  if (v.reported && v.reported !== 'valid') findings.push(v.reported);
  if (v.adulterantDetected) findings.push('adulterated');
  let temperatureOutOfRange = false;
  if (specimenType === 'urine') {
    const { creatinineMgDl: cr, specificGravity: sg, ph, temperatureC: temp } = v;
    if (temp != null && (temp < criteria.temperatureC.min || temp > criteria.temperatureC.max)) {
      temperatureOutOfRange = true;
      findings.push('invalid');
    }
    if (ph != null) {
      if (ph < criteria.adulteratedPh.below || ph >= criteria.adulteratedPh.atLeast) findings.push('adulterated');
      else if (ph < criteria.invalidPh.below || ph >= criteria.invalidPh.atLeast) findings.push('invalid');
    }
    if (cr != null && sg != null) {
      if (cr < criteria.substitutedCreatinineBelow) {
        const substituted = sg <= criteria.substitutedSpecificGravity.atMost || sg >= criteria.substitutedSpecificGravity.atLeast;
        findings.push(substituted ? 'substituted' : 'invalid');
      } else if (cr < criteria.diluteCreatinineBelow && sg < criteria.diluteSpecificGravityBelow) {
        findings.push(sg > criteria.substitutedSpecificGravity.atMost ? 'dilute' : 'invalid');
      }
    }
  }
  const order: ValidityFinding[] = ['adulterated', 'substituted', 'invalid', 'dilute'];
  const worst = order.find((f) => findings.includes(f));
  if (worst) return { validity: worst, temperatureOutOfRange };
  const measured = v.reported === 'valid' || (specimenType === 'urine' && v.creatinineMgDl != null && v.specificGravity != null);
  return { validity: measured ? 'valid' : 'unknown', temperatureOutOfRange };
}

/** The substance groups a prescription accounts for. */
export function coveredGroups(p: PrescriptionForTest): readonly SubstanceGroup[] {
  return p.medication === 'other' ? (p.covers ?? []) : MEDICATIONS[p.medication].covers;
}

const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dayOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));

/** Prescriptions in effect on the day of collection (or still detectable after they ended). */
export function prescriptionsInEffect(prescriptions: readonly PrescriptionForTest[], collectedAt: Date): PrescriptionForTest[] {
  const day = dayOf(collectedAt);
  return prescriptions.filter(
    (p) => p.startedOn <= day && (p.endedOn === null || day <= addDays(p.endedOn, MEDICATIONS[p.medication].detectionDays)),
  );
}

/** The result that stands for each analyte: a confirmation over a screen. */
function standingResults(results: readonly AnalyteResult[]) {
  const byAnalyte = new Map<string, { screen?: AnalyteResult; confirmation?: AnalyteResult }>();
  for (const r of results) {
    const entry = byAnalyte.get(r.analyte) ?? {};
    entry[r.stage] = r;
    byAnalyte.set(r.analyte, entry);
  }
  return [...byAnalyte.values()].map(({ screen, confirmation }) => ({
    standing: (confirmation ?? screen)!,
    screenOverturned: screen?.result === 'positive' && confirmation?.result === 'negative',
  }));
}

/** The carry-over criterion for a cannabinoid positive, against the latest earlier positive in the window. */
export function readCarryOver(
  collectedAt: Date,
  thcCoohNgMl: number | null,
  creatinineMgDl: number | null,
  earlier: readonly EarlierCannabinoidPositive[],
  criteria: TestingCriteria['carryOver'] = TESTING_CRITERIA.carryOver,
): CarryOver | null {
  const previous = earlier
    .filter((e) => e.collectedAt < collectedAt && collectedAt.getTime() - e.collectedAt.getTime() <= criteria.windowDays * DAY)
    .sort((a, b) => b.collectedAt.getTime() - a.collectedAt.getTime())[0];
  if (!previous) return null;
  const hoursApart = (collectedAt.getTime() - previous.collectedAt.getTime()) / HOUR;
  const normalized = (thc: number | null, cr: number | null) => (thc != null && cr != null && cr > 0 ? thc / cr : null);
  const later = normalized(thcCoohNgMl, creatinineMgDl);
  const before = normalized(previous.thcCoohNgMl, previous.creatinineMgDl);
  const ratio = later !== null && before !== null && before > 0 ? Math.round((later / before) * 1000) / 1000 : null;
  const applicable = ratio !== null && hoursApart >= criteria.minimumHoursApart;
  return {
    earlierTestId: previous.testId,
    hoursApart: Math.round(hoursApart * 10) / 10,
    ratio,
    newUse: applicable ? ratio >= criteria.newUseRatio : null,
  };
}

/**
 * Interprets one test against the participant's prescriptions, earlier cannabinoid positives and the
 * test's reviews.
 */
export function interpretTest(
  test: TestForInterpretation,
  prescriptions: readonly PrescriptionForTest[],
  earlierCannabinoidPositives: readonly EarlierCannabinoidPositive[] = [],
  criteria: TestingCriteria = TESTING_CRITERIA,
): Interpretation {
  // Whatever a participant disputes (a screen, or a test recorded as missed) waits until the dispute is closed.
  const disputeOpen = test.reviews.some((r) => r.kind === 'dispute' && r.status === 'open');
  const base = {
    criteriaVersion: TESTING_CRITERIA.version,
    carryOver: null,
    presumptive: false,
    findings: [],
    flags: [],
    context: { disputeOpen, overturned: false, carryOverFinding: null, confirmationRequested: test.confirmationRequested },
  };
  if (test.collection === 'missed' || test.collection === 'unable_to_provide' || test.collection === 'refused') {
    // Facts of their own: not a positive, not a negative. The team responds to them as what they are.
    return { ...base, outcome: test.collection, validity: 'unknown', countsAsUse: false, usableForResponse: !disputeOpen };
  }
  const { validity, temperatureOutOfRange } = specimenValidity(test.specimenType, test.validity, criteria.validity);
  const flags: TestFlag[] = temperatureOutOfRange ? [{ kind: 'temperature_out_of_range' }] : [];
  if (test.collection === 'scheduled' || test.collectedAt === null) {
    return { ...base, outcome: 'pending', validity, flags, countsAsUse: false, usableForResponse: false };
  }
  const collectedAt = test.collectedAt;
  const inEffect = prescriptionsInEffect(prescriptions, collectedAt);
  const findings: AnalyteFinding[] = standingResults(test.results).map(({ standing, screenOverturned }) => {
    const base = {
      analyte: standing.analyte,
      group: standing.group,
      stage: standing.stage,
      presumptive: false,
      prescriptionIds: [] as string[],
      screenOverturned,
    };
    if (standing.result !== 'positive') return { ...base, finding: standing.result };
    const covering = inEffect.filter((p) => coveredGroups(p).includes(standing.group)).map((p) => p.id);
    return {
      ...base,
      finding: covering.length > 0 ? ('authorized' as const) : ('unauthorized' as const),
      presumptive: standing.stage === 'screen',
      prescriptionIds: covering,
    };
  });

  // An expected medication not found (in a specimen that can be read) is the treatment team's flag.
  if (validity === 'valid' || validity === 'unknown') {
    for (const p of inEffect) {
      if (!MEDICATIONS[p.medication].expectedInSpecimen) continue;
      if (p.endedOn !== null && dayOf(collectedAt) > p.endedOn) continue;
      for (const group of coveredGroups(p)) {
        const tested = findings.filter((f) => f.group === group);
        if (tested.length > 0 && tested.every((f) => f.finding === 'negative')) {
          flags.push({ kind: 'expected_medication_absent', group, prescriptionId: p.id });
        }
      }
    }
  }

  // Cannabinoids: new use, or possibly what an earlier use left behind?
  let carryOver: CarryOver | null = null;
  const cannabinoid = findings.find((f) => f.analyte === CARRY_OVER_ANALYTE && f.finding === 'unauthorized');
  if (cannabinoid) {
    const value = test.results.find((r) => r.analyte === CARRY_OVER_ANALYTE && r.stage === cannabinoid.stage)?.value ?? null;
    carryOver = readCarryOver(
      collectedAt,
      value,
      test.validity.creatinineMgDl ?? null,
      earlierCannabinoidPositives,
      criteria.carryOver,
    );
    if (carryOver && carryOver.newUse !== true) flags.push({ kind: 'possible_carry_over', ...carryOver });
  }

  const context: InterpretationContext = {
    disputeOpen,
    overturned: test.reviews.some((r) => r.kind === 'dispute' && r.status === 'closed' && r.finding === 'result_overturned'),
    carryOverFinding: (() => {
      const finding = test.reviews.find((r) => r.kind === 'carry_over')?.finding;
      return finding === 'new_use' || finding === 'carry_over' ? finding : null;
    })(),
    confirmationRequested: test.confirmationRequested,
  };
  return conclude({ validity, findings, flags, carryOver }, context);
}

/** From what a test's results say to its outcome, and whether it counts and may be responded to. */
function conclude(
  parts: { validity: ValidityFinding; findings: AnalyteFinding[]; flags: TestFlag[]; carryOver: CarryOver | null },
  context: InterpretationContext,
): Interpretation {
  const { validity, findings, flags, carryOver } = parts;
  const unauthorized = findings.filter((f) => f.finding === 'unauthorized');
  const unreadable = validity === 'invalid' || validity === 'adulterated' || validity === 'substituted';
  const outcome: TestOutcome = unreadable
    ? 'invalid'
    : unauthorized.length > 0
      ? 'positive_unauthorized'
      : validity === 'dilute'
        ? 'dilute'
        : findings.length === 0 || findings.some((f) => f.finding === 'inconclusive')
          ? 'pending'
          : findings.some((f) => f.finding === 'authorized')
            ? 'positive_authorized'
            : 'negative';
  const presumptive = outcome === 'positive_unauthorized' ? unauthorized.every((f) => f.presumptive) : false;
  const carryOverOpen = flags.some((f) => f.kind === 'possible_carry_over') && context.carryOverFinding !== 'new_use';
  // What counts as use: an unauthorized positive other than a cannabinoid under carry-over review.
  const countable = unauthorized.filter((f) => !(f.analyte === CARRY_OVER_ANALYTE && carryOverOpen));
  return {
    outcome,
    presumptive,
    validity,
    findings,
    flags,
    carryOver,
    countsAsUse: outcome === 'positive_unauthorized' && countable.length > 0 && !context.overturned,
    usableForResponse: outcome !== 'pending' && !context.disputeOpen && !(presumptive && context.confirmationRequested),
    context,
    criteriaVersion: TESTING_CRITERIA.version,
  };
}

/**
 * The interpretation a reader is shown, from the stored one (made with everything known): the same,
 * but a positive is authorized only by prescriptions the reader may see, and a flag names only what
 * they may see. Null when that cannot be worked out from the stored interpretation (its carry-over
 * reading rests on a test the reader may not see, or a cannabinoid positive becomes theirs to read)
 * — the caller then interprets the test again from what the reader may see.
 */
export function interpretationSeenBy(
  stored: Interpretation,
  knows: { prescription: (id: string) => boolean; test: (id: string) => boolean },
): Interpretation | null {
  if (stored.carryOver && !knows.test(stored.carryOver.earlierTestId)) return null;
  const findings = stored.findings.map((f): AnalyteFinding => {
    if (f.finding !== 'authorized') return f;
    const seen = f.prescriptionIds.filter((id) => knows.prescription(id));
    if (seen.length > 0) return { ...f, prescriptionIds: seen };
    return { ...f, finding: 'unauthorized', presumptive: f.stage === 'screen', prescriptionIds: [] };
  });
  if (findings.some((f, i) => f.analyte === CARRY_OVER_ANALYTE && f.finding !== stored.findings[i]!.finding)) return null;
  const flags = stored.flags.filter((f) => f.kind !== 'expected_medication_absent' || knows.prescription(f.prescriptionId));
  // Nothing the reader may not see informed it: the stored interpretation is theirs as it is.
  const changed = findings.some((f, i) => f.finding !== stored.findings[i]!.finding);
  if (!changed) return { ...stored, findings, flags };
  return conclude({ validity: stored.validity, findings, flags, carryOver: stored.carryOver }, stored.context);
}

/**
 * The unauthorized findings of an interpretation that count as use, as the team may count them: none
 * when a dispute overturned the result; never a cannabinoid finding under carry-over review.
 */
export function countableFindings(interpretation: Interpretation): AnalyteFinding[] {
  if (interpretation.context.overturned) return [];
  const carryOverOpen =
    interpretation.flags.some((f) => f.kind === 'possible_carry_over') && interpretation.context.carryOverFinding !== 'new_use';
  return interpretation.findings.filter(
    (f) => f.finding === 'unauthorized' && !(f.analyte === CARRY_OVER_ANALYTE && carryOverOpen),
  );
}
