import { createHash } from 'node:crypto';
import type { AttendanceKind, AttendanceOutcome } from '../modules/attendance/attendance.schema.js';
import { parseHl7Instant } from '../modules/labs/read-oru.js';
import type { Medication } from '../modules/medications/medication-catalog.js';
import { DEFAULT_PHASES } from '../modules/programs/default-phases.js';
import { type DrawPool, drawDay, weekOf } from '../modules/testing/draw-tests.js';
import {
  type AnalyteResult,
  type EarlierCannabinoidPositive,
  type Interpretation,
  interpretTest,
  type PrescriptionForTest,
} from '../modules/testing/interpret-test.js';
import { BUILT_IN_ANALYTES, type BuiltInAnalyte } from '../modules/testing/substances.js';
import { addDays } from './participant-history.js';
import { makeFakers } from './people.js';
import type { Plan, PlannedParticipant } from './plan.js';

/*
 * Monitoring for synthetic participants, as a court would see it: testing plans (call-in groups or
 * drawn on their own), the daily draws themselves (the same reproducible scheme the court runs), the
 * tests they called — twice a week, results from the lab a day later — with the patterns the field
 * knows: people on MOUD positive for their medication, occasional returns to use that grow rarer over
 * time, a few dilute or missed tests, one screen disputed and confirmed negative, and a cannabis
 * series whose later positives are carry-over; attendance at groups, hearings and probation; and
 * prescriptions. A separate seeded generator, so the rest of a plan does not move.
 */

export type PlannedTest = {
  id: string;
  drawId: string | null;
  reason: 'random' | 'for_cause';
  specimenType: 'urine';
  notifiedAt: string;
  reportBy: string;
  collection: 'scheduled' | 'collected' | 'missed' | 'refused';
  collectedAt: string | null;
  observed: boolean | null;
  temperatureC: number | null;
  creatinineMgDl: number | null;
  specificGravity: number | null;
  accessionId: string;
  custodianOrgId: string;
  results: (AnalyteResult & { cutoff: number | null; reportedAt: string })[];
  confirmationRequestedAt: string | null;
  review: { statement: string; openedAt: string; closedAt: string; finding: 'result_overturned' } | null;
  interpretation: Interpretation;
};

export type PlannedAttendance = {
  id: string;
  kind: AttendanceKind;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  outcome: AttendanceOutcome;
  custodianOrgId: string;
};

export type PlannedPrescription = {
  id: string;
  medication: Medication;
  productName: string;
  dose: string;
  prescriber: string;
  dispenser: string;
  startedOn: string;
  endedOn: string | null;
  custodianOrgId: string;
};

export type PlannedMonitoring = {
  plan: {
    id: string;
    method: 'random' | 'group';
    groupId: string | null;
    testsPerWeek: number | null;
    collectorOrgId: string;
    startsOn: string;
  };
  prescriptions: PlannedPrescription[];
  tests: PlannedTest[];
  attendance: PlannedAttendance[];
};

export type PlannedDraw = {
  id: string;
  courtId: string;
  drawDate: string;
  seed: string;
  pool: DrawPool;
  selectedGroupIds: string[];
  selectedPlanIds: string[];
  holiday: string | null;
  drawnAt: string;
};

/** United States federal holidays observed by the demo courts. */
const HOLIDAYS: Record<string, string> = {
  '2025-11-27': 'Thanksgiving Day',
  '2025-12-25': 'Christmas Day',
  '2026-01-01': "New Year's Day",
  '2026-01-19': 'Martin Luther King Jr. Day',
  '2026-02-16': "Washington's Birthday",
  '2026-05-25': 'Memorial Day',
  '2026-06-19': 'Juneteenth',
  '2026-07-03': 'Independence Day (observed)',
  '2026-09-07': 'Labor Day',
  '2026-10-12': 'Columbus Day',
  '2026-11-11': 'Veterans Day',
  '2026-11-26': 'Thanksgiving Day',
  '2026-12-25': 'Christmas Day',
  '2027-01-01': "New Year's Day",
  '2027-01-18': 'Martin Luther King Jr. Day',
  '2027-02-15': "Washington's Birthday",
};

const PANEL: BuiltInAnalyte[] = [
  'amphetamine',
  'methamphetamine',
  'cocaine',
  'opiates',
  'oxycodone',
  'fentanyl',
  'buprenorphine',
  'methadone',
  'benzodiazepines',
  'thc_cooh',
  'etg',
  'xylazine',
];
const CUTOFFS: Partial<Record<BuiltInAnalyte, number>> = {
  thc_cooh: 50,
  etg: 500,
  fentanyl: 1,
  cocaine: 150,
  methamphetamine: 500,
};

/** What a participant tends to return to, if anything. */
const SUBSTANCES: { weight: number; value: BuiltInAnalyte | null }[] = [
  { weight: 35, value: null },
  { weight: 18, value: 'fentanyl' },
  { weight: 14, value: 'methamphetamine' },
  { weight: 10, value: 'etg' },
  { weight: 12, value: 'thc_cooh' },
  { weight: 6, value: 'cocaine' },
  { weight: 5, value: 'opiates' },
];

/** An hour of a court's local day, as an instant. */
const atLocal =
  (timeZone: string) =>
  (date: string, hour: number, minute = 0) =>
    parseHl7Instant(
      `${date.replaceAll('-', '')}${String(hour).padStart(2, '0')}${String(minute).padStart(2, '0')}`,
      timeZone,
    )!.toISOString();

/** When a participant was admitted and left (the plan's status history). */
function servedSpan(p: PlannedParticipant, today: string): { from: string; to: string } | null {
  const admitted = p.enrollment.statusHistory.find((h) => h.to === 'active')?.on;
  if (!admitted) return null;
  const left = p.enrollment.statusHistory.find(
    (h) => h.on >= admitted && !['active', 'referred', 'screening'].includes(h.to),
  )?.on;
  return { from: admitted, to: left && left < today ? left : today };
}

export function planMonitoring(
  plan: Plan,
  options: {
    today: string;
    seed: number;
    /** Days of history for each participant (their whole stay when shorter). */
    historyDays: number;
    /** Participants given a long history instead (the benchmark's two years). */
    longHistory?: { ids: ReadonlySet<string>; days: number };
    /** How the lab's accession numbers begin (unique across every plan written to one database). */
    accessionPrefix?: string;
    /** Participants whose stories the README tells: Anthony (no MOUD, negatives), a disputed screen, a cannabis carry-over. */
    stories?: { anthony?: string; disputed?: string; carryOver?: string };
  },
): void {
  const { english: faker } = makeFakers(options.seed);
  const uuid = () => faker.string.uuid();
  const accessions = new Set<string>();
  const accession = (): string => {
    const id = `${options.accessionPrefix ?? 'RT'}${faker.string.numeric(8)}`;
    if (accessions.has(id)) return accession();
    accessions.add(id);
    return id;
  };
  plan.testingGroups ??= [];
  plan.holidays ??= [];
  plan.draws ??= [];
  for (const court of plan.organizations.filter((o) => o.kind === 'court')) {
    const at = atLocal(court.timeZone);
    const provider = plan.organizations.find((o) => o.partnerOf === court.id && o.kind === 'treatment_provider');
    const probation = plan.organizations.find((o) => o.partnerOf === court.id && o.kind === 'probation');
    if (!provider) continue;
    for (const [on, name] of Object.entries(HOLIDAYS)) plan.holidays.push({ id: uuid(), courtId: court.id, on, name });
    const groups = ['Blue', 'Green', 'Gold', 'Purple'].map((name) => ({ id: uuid(), courtId: court.id, name, testsPerWeek: 2 }));
    plan.testingGroups.push(...groups);
    const people = plan.participants.filter((p) => p.enrollment.courtId === court.id);
    type Member = { participant: PlannedParticipant; monitoring: PlannedMonitoring; span: { from: string; to: string } };
    const members: Member[] = [];
    for (const [index, participant] of people.entries()) {
      const served = servedSpan(participant, options.today);
      if (!served) continue;
      const days = options.longHistory?.ids.has(participant.id) ? options.longHistory.days : options.historyDays;
      // The later of admission and the start of the history (dates as text sort as dates).
      const from = [served.from, addDays(served.to, -days)].sort().at(-1)!;
      const long = options.longHistory?.ids.has(participant.id) === true;
      // A long history is tested on its own schedule, twice a week throughout (about 200 tests in two years).
      const byGroup = !long && index % 3 !== 0;
      const collector = index % 4 === 1 && probation ? probation.id : provider.id;
      const monitoring: PlannedMonitoring = {
        plan: {
          id: uuid(),
          method: byGroup ? 'group' : 'random',
          groupId: byGroup ? groups[index % groups.length]!.id : null,
          testsPerWeek: long ? 2 : null,
          collectorOrgId: collector,
          startsOn: served.from,
        },
        prescriptions: [],
        tests: [],
        attendance: [],
      };
      participant.monitoring = monitoring;
      members.push({ participant, monitoring, span: { from, to: served.to } });
    }
    if (members.length === 0) continue;

    // Prescriptions: MOUD for about a third; one participant on a benzodiazepine too.
    const moud = new Map<string, Medication>();
    for (const [i, m] of members.entries()) {
      const plain = m.participant.id === options.stories?.anthony;
      if (plain || faker.number.float() > 0.35) continue;
      const medication = faker.helpers.weightedArrayElement<Medication>([
        { weight: 5, value: 'buprenorphine_naloxone' },
        { weight: 3, value: 'methadone' },
        { weight: 1, value: 'buprenorphine_extended_release' },
        { weight: 1, value: 'naltrexone_extended_release' },
      ]);
      moud.set(m.participant.id, medication);
      m.monitoring.prescriptions.push({
        id: uuid(),
        medication,
        productName: {
          buprenorphine_naloxone: 'buprenorphine/naloxone 8 mg/2 mg film',
          methadone: 'methadone oral solution',
          buprenorphine_extended_release: 'extended-release buprenorphine 300 mg monthly injection',
          naltrexone_extended_release: 'extended-release naltrexone 380 mg monthly injection',
        }[medication as string]!,
        dose:
          medication === 'methadone'
            ? `${faker.number.int({ min: 60, max: 120 })} mg daily`
            : medication === 'buprenorphine_naloxone'
              ? '16 mg daily'
              : 'monthly',
        prescriber: `Dr. ${faker.person.lastName()}`,
        dispenser: medication === 'methadone' ? `${court.name.split(' ')[0]} Opioid Treatment Program` : 'Main Street Pharmacy',
        startedOn: addDays(m.span.from, -faker.number.int({ min: 0, max: 120 })),
        endedOn: null,
        custodianOrgId: provider.id,
      });
      if (i === 5) {
        m.monitoring.prescriptions.push({
          id: uuid(),
          medication: 'benzodiazepine',
          productName: 'clonazepam 0.5 mg',
          dose: 'twice daily',
          prescriber: `Dr. ${faker.person.lastName()}`,
          dispenser: 'Main Street Pharmacy',
          startedOn: addDays(m.span.from, 10),
          endedOn: null,
          custodianOrgId: provider.id,
        });
      }
    }
    const returnsTo = new Map(
      members.map((m) => [
        m.participant.id,
        m.participant.id === options.stories?.anthony
          ? null
          : m.participant.id === options.stories?.carryOver
            ? ('thc_cooh' as const)
            : faker.helpers.weightedArrayElement(SUBSTANCES),
      ]),
    );

    // The draws, day by day, over the longest span any member has.
    const first = [options.today, ...members.map((m) => m.span.from)].sort()[0]!;
    const weekSeeds = new Map<string, string>();
    for (let day = first; day <= options.today; day = addDays(day, 1)) {
      const active = members.filter((m) => m.span.from <= day && day <= m.span.to);
      if (active.length === 0) continue;
      const { weekStart } = weekOf(day);
      const seed =
        weekSeeds.get(weekStart) ?? createHash('sha256').update(`${options.seed}|${court.id}|${weekStart}`).digest('hex');
      weekSeeds.set(weekStart, seed);
      const grouped = new Set(active.map((m) => m.monitoring.plan.groupId).filter(Boolean));
      const pool: DrawPool = {
        groups: groups.filter((g) => grouped.has(g.id)).map((g) => ({ id: g.id, testsPerWeek: g.testsPerWeek })),
        plans: active
          .filter((m) => m.monitoring.plan.method === 'random')
          .map((m) => ({
            id: m.monitoring.plan.id,
            testsPerWeek:
              m.monitoring.plan.testsPerWeek ??
              (m.participant.enrollment.currentPhaseIndex === DEFAULT_PHASES.length - 1 ? 1 : 2),
          })),
      };
      const selected = drawDay(seed, day, pool);
      const draw: PlannedDraw = {
        id: uuid(),
        courtId: court.id,
        drawDate: day,
        seed,
        pool,
        selectedGroupIds: selected.groupIds,
        selectedPlanIds: selected.planIds,
        holiday: HOLIDAYS[day] ?? null,
        drawnAt: at(day, 5),
      };
      plan.draws.push(draw);
      for (const m of active) {
        const called =
          selected.planIds.includes(m.monitoring.plan.id) ||
          (m.monitoring.plan.groupId !== null && selected.groupIds.includes(m.monitoring.plan.groupId));
        if (called) m.monitoring.tests.push(plannedTest(m, day, draw.id));
      }
    }

    /** One called test: what happened, and what the lab found. */
    function plannedTest(m: Member, day: string, drawId: string | null): PlannedTest {
      const notifiedAt = at(day, 6);
      const daysAgo = Math.round((Date.parse(`${options.today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
      const roll = faker.number.float();
      const base = {
        id: uuid(),
        drawId,
        reason: drawId ? ('random' as const) : ('for_cause' as const),
        specimenType: 'urine' as const,
        notifiedAt,
        reportBy: new Date(Date.parse(notifiedAt) + 8 * 3_600_000).toISOString(),
        accessionId: accession(),
        custodianOrgId: m.monitoring.plan.collectorOrgId,
        confirmationRequestedAt: null,
        review: null,
      };
      if (daysAgo === 0 && roll < 0.6) {
        return {
          ...base,
          collection: 'scheduled',
          collectedAt: null,
          observed: null,
          temperatureC: null,
          creatinineMgDl: null,
          specificGravity: null,
          results: [],
          interpretation: interpretTest(
            {
              collection: 'scheduled',
              specimenType: 'urine',
              collectedAt: null,
              validity: {},
              results: [],
              confirmationRequested: false,
              reviews: [],
            },
            [],
          ),
        };
      }
      if (roll > 0.97 && daysAgo > 0) {
        const collection = roll > 0.995 ? ('refused' as const) : ('missed' as const);
        return {
          ...base,
          collection,
          collectedAt: null,
          observed: null,
          temperatureC: null,
          creatinineMgDl: null,
          specificGravity: null,
          results: [],
          interpretation: interpretTest(
            {
              collection,
              specimenType: 'urine',
              collectedAt: null,
              validity: {},
              results: [],
              confirmationRequested: false,
              reviews: [],
            },
            [],
          ),
        };
      }
      const collectedAt = new Date(Date.parse(notifiedAt) + faker.number.int({ min: 60, max: 420 }) * 60_000).toISOString();
      const dilute = faker.number.float() < 0.02;
      const creatinine = dilute
        ? faker.number.float({ min: 8, max: 18, fractionDigits: 1 })
        : faker.number.float({ min: 40, max: 220, fractionDigits: 1 });
      const gravity = dilute ? 1.002 : faker.number.float({ min: 1.008, max: 1.028, fractionDigits: 3 });
      const reportedAt = new Date(Date.parse(collectedAt) + faker.number.int({ min: 18, max: 30 }) * 3_600_000).toISOString();
      const medication = moud.get(m.participant.id);
      const weeksIn =
        (Date.parse(`${day}T00:00:00Z`) -
          Date.parse(`${m.participant.enrollment.statusHistory.find((h) => h.to === 'active')!.on}T00:00:00Z`)) /
        (7 * 86_400_000);
      const substance = returnsTo.get(m.participant.id) ?? null;
      // Returns to use grow rarer the longer someone is in the program.
      const used = substance !== null && faker.number.float() < 0.16 * Math.exp(-weeksIn / 14);
      const positive = new Set<BuiltInAnalyte>();
      if (used) positive.add(substance);
      if (medication === 'methadone') positive.add('methadone');
      if (medication === 'buprenorphine_naloxone' || medication === 'buprenorphine_extended_release')
        positive.add('buprenorphine');
      if (m.monitoring.prescriptions.some((p) => p.medication === 'benzodiazepine')) positive.add('benzodiazepines');
      const results: PlannedTest['results'] = PANEL.map((analyte) => ({
        analyte,
        group: BUILT_IN_ANALYTES[analyte],
        stage: 'screen',
        result: positive.has(analyte) ? 'positive' : 'negative',
        value: null,
        unit: null,
        cutoff: CUTOFFS[analyte] ?? null,
        reportedAt,
      }));
      if (medication === 'methadone')
        results.push({
          analyte: 'eddp',
          group: 'methadone',
          stage: 'screen',
          result: 'positive',
          value: null,
          unit: null,
          cutoff: null,
          reportedAt,
        });
      // Unauthorized positives are confirmed by LC-MS/MS (cannabis with its quantitative value).
      for (const analyte of positive) {
        if (!used || analyte !== substance) continue;
        results.push({
          analyte,
          group: BUILT_IN_ANALYTES[analyte],
          stage: 'confirmation',
          result: 'positive',
          value: analyte === 'thc_cooh' ? faker.number.int({ min: 30, max: 400 }) : null,
          unit: analyte === 'thc_cooh' ? 'ng/mL' : null,
          cutoff: analyte === 'thc_cooh' ? 15 : null,
          reportedAt: new Date(Date.parse(reportedAt) + 24 * 3_600_000).toISOString(),
        });
      }
      const pending = daysAgo === 0 || (daysAgo === 1 && faker.number.float() < 0.5);
      return {
        ...base,
        collection: 'collected',
        collectedAt,
        observed: true,
        temperatureC: faker.number.float({ min: 32.5, max: 36.5, fractionDigits: 1 }),
        creatinineMgDl: creatinine,
        specificGravity: gravity,
        results: pending ? [] : results,
        interpretation: null as unknown as Interpretation,
      };
    }

    // Stories the demo tells.
    const disputed = members.find((m) => m.participant.id === options.stories?.disputed);
    if (disputed) {
      const test = disputed.monitoring.tests.filter((t) => t.collection === 'collected' && t.results.length > 0).at(-4);
      if (test) {
        const screenAt = test.results[0]!.reportedAt;
        test.results = test.results.map((r) => (r.analyte === 'opiates' ? { ...r, result: 'positive' } : r));
        test.confirmationRequestedAt = new Date(Date.parse(screenAt) + 2 * 3_600_000).toISOString();
        test.results.push({
          analyte: 'opiates',
          group: 'opiates',
          stage: 'confirmation',
          result: 'negative',
          value: null,
          unit: null,
          cutoff: null,
          reportedAt: new Date(Date.parse(screenAt) + 30 * 3_600_000).toISOString(),
        });
        test.review = {
          statement: 'I take a poppy-seed muffin most mornings and I have not used. I am asking for the lab to confirm.',
          openedAt: test.confirmationRequestedAt,
          closedAt: new Date(Date.parse(screenAt) + 32 * 3_600_000).toISOString(),
          finding: 'result_overturned',
        };
      }
    }
    const carry = members.find((m) => m.participant.id === options.stories?.carryOver);
    if (carry) {
      // A positive, then a falling creatinine-normalized series: new use once, carry-over after.
      const collected = carry.monitoring.tests.filter((t) => t.collection === 'collected' && t.results.length > 0).slice(-6, -2);
      const values = [400, 150, 60, 24, 0];
      collected.forEach((test, i) => {
        const value = values[i]!;
        test.creatinineMgDl = 100;
        test.results = test.results.filter((r) => r.analyte !== 'thc_cooh');
        test.results.push(
          {
            analyte: 'thc_cooh',
            group: 'cannabinoids',
            stage: 'screen',
            result: 'positive',
            value: null,
            unit: null,
            cutoff: 50,
            reportedAt: test.results[0]!.reportedAt,
          },
          {
            analyte: 'thc_cooh',
            group: 'cannabinoids',
            stage: 'confirmation',
            result: 'positive',
            value,
            unit: 'ng/mL',
            cutoff: 15,
            reportedAt: test.results[0]!.reportedAt,
          },
        );
      });
    }

    // A buprenorphine prescription whose medication a test did not find: for the treatment team to look at.
    const onBuprenorphine = members.find((m) => moud.get(m.participant.id) === 'buprenorphine_naloxone');
    const absent = onBuprenorphine?.monitoring.tests.filter((t) => t.collection === 'collected' && t.results.length > 0).at(-3);
    if (absent) absent.results = absent.results.map((r) => (r.analyte === 'buprenorphine' ? { ...r, result: 'negative' } : r));

    // Every test's interpretation, with the prescriptions and earlier cannabis positives it is read against.
    for (const m of members) {
      const prescriptions: PrescriptionForTest[] = m.monitoring.prescriptions.map((p) => ({
        id: p.id,
        medication: p.medication,
        startedOn: p.startedOn,
        endedOn: p.endedOn,
      }));
      const earlier: EarlierCannabinoidPositive[] = [];
      for (const test of m.monitoring.tests) {
        if (test.collection === 'scheduled' || test.collection === 'missed' || test.collection === 'refused') {
          if (!test.interpretation)
            test.interpretation = interpretTest(
              {
                collection: test.collection,
                specimenType: 'urine',
                collectedAt: null,
                validity: {},
                results: [],
                confirmationRequested: false,
                reviews: [],
              },
              [],
            );
          continue;
        }
        const collectedAt = new Date(test.collectedAt!);
        const input = {
          collection: 'collected' as const,
          specimenType: 'urine' as const,
          collectedAt,
          validity: {
            temperatureC: test.temperatureC,
            creatinineMgDl: test.creatinineMgDl,
            specificGravity: test.specificGravity,
          },
          results: test.results,
          confirmationRequested: false,
          reviews: test.review ? [{ kind: 'dispute' as const, status: 'closed' as const, finding: test.review.finding }] : [],
        };
        test.interpretation = interpretTest(input, prescriptions, earlier);
        const thc = test.results.find((r) => r.analyte === 'thc_cooh' && r.stage === 'confirmation' && r.result === 'positive');
        if (thc)
          earlier.push({ testId: test.id, collectedAt, thcCoohNgMl: thc.value ?? null, creatinineMgDl: test.creatinineMgDl });
      }
    }

    // Attendance: a weekly group, hearings every other week, probation once a month; the next two weeks scheduled.
    for (const m of members) {
      const end = m.span.to === options.today ? addDays(options.today, 14) : m.span.to;
      const longer = options.longHistory?.ids.has(m.participant.id);
      for (let day = m.span.from; day <= end; day = addDays(day, 1)) {
        const weekday = weekOf(day).day;
        const events: [AttendanceKind, string, number, number, string][] = [];
        if (weekday === 1) events.push(['treatment_group', 'Recovery skills group', 17, 90, provider.id]);
        if (longer && (weekday === 3 || weekday === 5))
          events.push(['treatment_group', 'Relapse prevention group', 17, 90, provider.id]);
        if (longer && weekday === 0) events.push(['treatment_individual', 'Individual session', 10, 50, provider.id]);
        if (longer && weekday === 2) events.push(['peer_support', 'Peer check-in', 12, 30, provider.id]);
        if (weekday === 3 && Number(day.slice(8, 10)) % 14 < 7)
          events.push(['court_hearing', 'Status review hearing', 9, 30, court.id]);
        if (probation && weekday === 2 && Number(day.slice(8, 10)) <= 7)
          events.push(['probation_appointment', 'Monthly check-in', 14, 30, probation.id]);
        for (const [kind, title, hour, minutes, custodian] of events) {
          const scheduledAt = at(day, hour);
          // Drawn for every event so that the rest of the plan is the same whatever the hour.
          const drawn = faker.helpers.weightedArrayElement([
            { weight: 88, value: 'attended' as const },
            { weight: 4, value: 'late' as const },
            { weight: 4, value: 'excused' as const },
            { weight: 4, value: 'missed' as const },
          ]);
          // What has not happened yet (later today, or on a day to come) is only scheduled.
          const outcome: AttendanceOutcome = day > options.today || Date.parse(scheduledAt) > Date.now() ? 'scheduled' : drawn;
          m.monitoring.attendance.push({
            id: uuid(),
            kind,
            title,
            scheduledAt,
            durationMinutes: minutes,
            outcome,
            custodianOrgId: custodian,
          });
        }
      }
    }
  }
}
