import type { ConditionDraft } from '../modules/agreements/validate-condition.js';
import { validateCondition } from '../modules/agreements/validate-condition.js';
import { type AlignCondition, alignGoals, type Reconciliation } from '../modules/goals/align-goals.js';
import type {
  Difficulty,
  GoalOwner,
  GoalSubstances,
  Indicator,
  LifeArea,
  Spectrum,
  StepActor,
} from '../modules/goals/goal-kinds.js';
import type { NaturalSupport } from '../modules/goals/goals.tables.js';
import { INSTRUMENTS, type InstrumentId } from '../modules/instruments/instrument-catalog.js';
import { type InstrumentScore, scoreInstrument } from '../modules/instruments/score-instrument.js';
import { MEDICATIONS } from '../modules/medications/medication-catalog.js';
import { addDays } from './participant-history.js';
import { makeFakers } from './people.js';
import type { Plan, PlannedParticipant } from './plan.js';

/*
 * Goals, plans, agreements and instruments for synthetic participants, as a harm-reduction court
 * keeps them: each participant's own goal in their words beside the court's abstinence expectation
 * (distal early on, with proximal goals for attendance, honesty and carrying naloxone), the team's
 * decisions on the alignment view, a person-centered plan with steps and natural supports, and
 * BARC-10, PHQ-9 and Readiness Ruler series that change over time. Anthony's is the story of the
 * source document; one participant on MOUD has an agreement whose first draft tried to make them
 * taper it, refused by the condition validator. A separate seeded generator, so the rest of a plan
 * does not move.
 */

type Text = { en: string; es: string };

export type PlannedGoal = {
  id: string;
  owner: GoalOwner;
  words: string;
  language: 'en' | 'es';
  spectrum: Spectrum | null;
  substances: GoalSubstances;
  lifeArea: LifeArea;
  difficulty: Difficulty;
  status: 'active' | 'met';
  targetOn: string | null;
  indicators: Indicator[];
  templateId: string | null;
  custodianOrgId: string;
  enteredBy: string | null;
  createdOn: string;
  events: {
    kind: 'classified' | 'status' | 'progress' | 'observed';
    difficulty?: Difficulty;
    status?: 'active' | 'met';
    note?: string;
    indicator?: number;
    met?: boolean;
    observedOn?: string;
    enteredBy: string | null;
    on: string;
  }[];
  steps: {
    id: string;
    action: string;
    actor: StepActor;
    actorName: string;
    dueOn: string | null;
    status: 'open' | 'done';
    doneOn: string | null;
    on: string;
  }[];
};

export type PlannedGoals = {
  goals: PlannedGoal[];
  plan: {
    id: string;
    skills: string[];
    supports: NaturalSupport[];
    reviewOn: string;
    custodianOrgId: string;
    enteredBy: string | null;
    on: string;
  } | null;
  decisions: {
    id: string;
    findingKey: string;
    rule: string;
    choice: Reconciliation;
    note: string;
    custodianOrgId: string;
    enteredBy: string | null;
    on: string;
  }[];
  instruments: {
    id: string;
    instrument: InstrumentId;
    completedOn: string;
    respondent: 'participant' | 'staff_read';
    language: 'en' | 'es';
    answers: Record<string, number>;
    score: InstrumentScore;
    custodianOrgId: string;
    enteredBy: string | null;
  }[];
  agreement: {
    id: string;
    language: 'en' | 'es';
    acknowledgedOn: string;
    witnessedBy: string | null;
    custodianOrgId: string;
    enteredBy: string | null;
    conditions: (ConditionDraft & { id: string; monitoredBy: string; frequency: string })[];
    /** A draft the validator refused before this version (kept only in the audit log). */
    refusedDraft: { wording: string; ruleIds: string[] } | null;
  } | null;
};

const OWN_WORDS: Text[] = [
  { en: 'Use less and keep my job', es: 'Consumir menos y no perder mi trabajo' },
  { en: 'Stop using heroin, maybe keep drinking on weekends', es: 'Dejar la heroína, quizás seguir tomando los fines de semana' },
  { en: 'Stay alive and get my kids back', es: 'Seguir con vida y recuperar a mis hijos' },
  { en: 'Be done with pills for good', es: 'Dejar las pastillas para siempre' },
  { en: 'Not use alone anymore', es: 'No volver a consumir a solas' },
  { en: 'Get through this program and stay out of jail', es: 'Terminar este programa y no volver a la cárcel' },
];
const OTHER_AREAS: { area: LifeArea; words: Text }[] = [
  { area: 'housing', words: { en: 'Find my own place', es: 'Encontrar un lugar propio' } },
  { area: 'employment_education', words: { en: 'Finish my GED', es: 'Terminar mi GED' } },
  { area: 'family', words: { en: 'See my daughter every weekend', es: 'Ver a mi hija todos los fines de semana' } },
  { area: 'health', words: { en: 'Get my teeth fixed', es: 'Arreglarme los dientes' } },
];
const SKILLS: Text[] = [
  { en: 'Noticing cravings early', es: 'Notar los antojos a tiempo' },
  { en: 'Asking for help before using', es: 'Pedir ayuda antes de consumir' },
  { en: 'Planning the evenings', es: 'Planificar las noches' },
  { en: 'Saying no to old friends who use', es: 'Decir que no a viejos amigos que consumen' },
];

const MANDATE_ABSTINENCE: Text = {
  en: 'Abstain from alcohol and other non-prescribed substances',
  es: 'Abstenerse del alcohol y de otras sustancias no recetadas',
};

/** Answers that total near `target` (clamped to what the instrument allows), spread over its items. */
function answersFor(id: InstrumentId, target: number): Record<string, number> {
  const def = INSTRUMENTS[id];
  const values = def.items.map((i) => i.options.map((o) => o.value));
  const min = values.reduce((a, v) => a + Math.min(...v), 0);
  const answers = def.items.map((_, i) => Math.min(...values[i]!));
  let left = Math.max(0, target - min);
  for (let round = 0; left > 0 && round < 10; round++) {
    for (let i = 0; i < answers.length && left > 0; i++) {
      if (id === 'phq9' && def.items[i]!.id === 'phq9') continue; // item 9 stays 0 unless asked for
      if (answers[i]! < Math.max(...values[i]!)) {
        answers[i]!++;
        left--;
      }
    }
  }
  return Object.fromEntries(def.items.map((item, i) => [item.id, answers[i]!]));
}

function scored(id: InstrumentId, answers: Record<string, number>): InstrumentScore {
  const result = scoreInstrument(id, answers);
  if (!result.ok) throw new Error(`demo answers for ${id} do not score`);
  return result.score;
}

const conditionIdsOf = (a: PlannedGoals['agreement']): AlignCondition[] =>
  (a?.conditions ?? []).map((c) => ({
    id: c.id,
    kind: c.kind,
    substances: c.substances ?? null,
    sanctioned: c.sanctioned ?? false,
  }));

export function planGoals(
  plan: Plan,
  options: {
    today: string;
    seed: number;
    /** Who gets goals: by default every active participant. */
    include?: (p: PlannedParticipant) => boolean;
    stories?: { anthony?: string; moudTaper?: string };
  },
): void {
  const { english: faker } = makeFakers(options.seed);
  const uuid = () => faker.string.uuid();
  const { today } = options;
  for (const p of plan.participants) {
    if (p.enrollment.status !== 'active' || !(options.include?.(p) ?? true)) continue;
    const team = p.enrollment.team.filter((m) => m.endedOn === null);
    const counselor = team.find((m) => m.role === 'treatment_provider');
    const coordinator = team.find((m) => m.role === 'coordinator');
    const peer = team.find((m) => m.role === 'peer_specialist');
    if (!counselor) continue;
    const lang: 'en' | 'es' = p.language === 'es' ? 'es' : 'en';
    const admitted = p.enrollment.statusHistory.find((h) => h.to === 'active')?.on ?? p.enrollment.referredOn;
    const clamp = (day: string) => [admitted, day > today ? today : day].sort().at(-1)!;
    const court = { org: coordinator?.organizationId ?? p.enrollment.courtId, by: coordinator?.userId ?? null };
    const provider = { org: counselor.organizationId, by: counselor.userId };
    const anthony = p.id === options.stories?.anthony;
    const early = (p.enrollment.currentPhaseIndex ?? 0) <= 1;
    const goals: PlannedGoal[] = [];
    const goal = (
      g: Omit<PlannedGoal, 'id' | 'events' | 'steps' | 'status' | 'targetOn' | 'templateId' | 'language' | 'indicators'> &
        Partial<PlannedGoal>,
    ) => {
      const planned: PlannedGoal = {
        id: uuid(),
        status: 'active',
        targetOn: null,
        templateId: null,
        indicators: [],
        language: lang,
        events: [],
        steps: [],
        ...g,
      };
      if (planned.events.length === 0 || planned.events[0]!.kind !== 'classified') {
        planned.events.unshift({
          kind: 'classified',
          difficulty: planned.difficulty,
          enteredBy: planned.enteredBy,
          on: planned.createdOn,
        });
      }
      goals.push(planned);
      return planned;
    };
    const start = clamp(addDays(admitted, 3));

    // The participant's own goal, in their words.
    const own = goal({
      owner: 'participant',
      words: anthony ? 'Stop using so much and stay out of jail' : faker.helpers.arrayElement(OWN_WORDS)[lang],
      spectrum: anthony
        ? 'risk_reduction'
        : faker.helpers.weightedArrayElement([
            { value: 'risk_reduction' as const, weight: 5 },
            { value: 'abstinence' as const, weight: 3 },
            { value: 'safer_practices' as const, weight: 2 },
          ]),
      substances: 'all',
      lifeArea: 'substance_use',
      difficulty: 'proximal',
      custodianOrgId: provider.org,
      enteredBy: provider.by,
      createdOn: start,
    });
    if (own.spectrum === 'abstinence') own.difficulty = early ? 'distal' : 'proximal';
    own.steps.push({
      id: uuid(),
      action:
        lang === 'es'
          ? 'Contarle al equipo cuando consuma, sin esperar la prueba'
          : 'Tell the team when I use, before a test does',
      actor: 'participant',
      actorName: '',
      dueOn: null,
      status: 'open',
      doneOn: null,
      on: start,
    });

    // The court's expectation: abstinence, distal for now, reclassified from proximal with the reason.
    const reclassifiedOn = clamp(addDays(start, 14));
    const distalNow = anthony || early;
    goal({
      owner: 'mandate',
      words: MANDATE_ABSTINENCE[lang],
      spectrum: 'abstinence',
      substances: 'all',
      lifeArea: 'substance_use',
      difficulty: distalNow ? 'distal' : 'proximal',
      custodianOrgId: court.org,
      enteredBy: court.by,
      createdOn: start,
      templateId: 'mandate_abstinence',
      indicators: [{ kind: 'no_positive_tests', substances: 'all', days: 30 }],
      events: [
        { kind: 'classified', difficulty: 'proximal', enteredBy: court.by, on: start },
        ...(distalNow
          ? [
              {
                kind: 'classified' as const,
                difficulty: 'distal' as const,
                note: anthony
                  ? 'Anthony has not yet had 30 days without use. Abstinence stays his distal goal; honesty, attendance and carrying naloxone are his proximal goals, and a return to use is answered with a treatment adjustment.'
                  : lang === 'es'
                    ? 'Todavía no hay 30 días sin consumo: la abstinencia es distal por ahora, con metas próximas de asistencia y honestidad.'
                    : 'Not yet 30 days without use: abstinence is distal for now, with proximal goals for attendance and honesty.',
                enteredBy: court.by,
                on: reclassifiedOn,
              },
            ]
          : []),
      ],
    });

    // Proximal goals the team builds on.
    const observedOn = clamp(addDays(today, -faker.number.int({ min: 1, max: 10 })));
    goal({
      owner: 'provider',
      words: lang === 'es' ? 'Asistir a los grupos de tratamiento según lo programado' : 'Attend treatment groups as scheduled',
      spectrum: null,
      substances: null,
      lifeArea: 'substance_use',
      difficulty: 'proximal',
      templateId: 'proximal_attendance',
      indicators: [{ kind: 'attendance_per_week', count: 3, eventKinds: ['treatment_group', 'intensive_outpatient'] }],
      custodianOrgId: provider.org,
      enteredBy: provider.by,
      createdOn: start,
    });
    if (anthony || faker.number.float() < 0.6) {
      const naloxone = goal({
        owner: 'provider',
        words: lang === 'es' ? 'Llevar naloxona' : 'Carry naloxone',
        spectrum: 'safer_practices',
        substances: null,
        lifeArea: 'substance_use',
        difficulty: 'proximal',
        templateId: 'proximal_carry_naloxone',
        indicators: [{ kind: 'observed', label: { en: 'Carries naloxone', es: 'Lleva naloxona' } }],
        custodianOrgId: provider.org,
        enteredBy: provider.by,
        createdOn: start,
      });
      naloxone.events.push({ kind: 'observed', indicator: 0, met: true, observedOn, enteredBy: provider.by, on: observedOn });
      naloxone.steps.push({
        id: uuid(),
        action: lang === 'es' ? 'Recoger un kit de naloxona y aprender a usarlo' : 'Pick up a naloxone kit and learn to use it',
        actor: peer ? 'peer' : 'counselor',
        actorName: '',
        dueOn: null,
        status: 'done',
        doneOn: clamp(addDays(start, 7)),
        on: start,
      });
    }
    if (anthony) {
      goal({
        owner: 'provider',
        words: 'Be honest with the team about use',
        spectrum: null,
        substances: null,
        lifeArea: 'recovery_capital',
        difficulty: 'proximal',
        templateId: 'proximal_honesty',
        indicators: [{ kind: 'observed', label: { en: 'Tells the team about use', es: 'Le cuenta al equipo sobre el consumo' } }],
        custodianOrgId: provider.org,
        enteredBy: provider.by,
        createdOn: start,
        events: [
          { kind: 'classified', difficulty: 'proximal', enteredBy: provider.by, on: start },
          {
            kind: 'progress',
            note: 'Told his counselor about using twice last month, before any test showed it. He says he wants to take this more seriously.',
            enteredBy: provider.by,
            on: clamp(addDays(today, -12)),
          },
          { kind: 'observed', indicator: 0, met: true, observedOn, enteredBy: provider.by, on: observedOn },
        ],
      });
    }
    // A goal of their own in another part of life.
    const other = faker.helpers.arrayElement(OTHER_AREAS);
    goal({
      owner: 'participant',
      words: anthony ? 'Get my own place' : other.words[lang],
      spectrum: null,
      substances: null,
      lifeArea: anthony ? 'housing' : other.area,
      difficulty: 'distal',
      targetOn: addDays(today, faker.number.int({ min: 60, max: 240 })),
      custodianOrgId: provider.org,
      enteredBy: provider.by,
      createdOn: start,
    });

    // The agreement: Anthony's as the source tells it; the MOUD participant's after a refused draft.
    let agreement: PlannedGoals['agreement'] = null;
    const moudTaper = p.id === options.stories?.moudTaper;
    if (anthony || moudTaper) {
      const moud = p.monitoring?.prescriptions.find((r) => MEDICATIONS[r.medication].category === 'moud');
      const conditions: NonNullable<PlannedGoals['agreement']>['conditions'] = [
        {
          id: uuid(),
          kind: 'treatment_attendance',
          wording: { [lang]: lang === 'es' ? 'Asistir al tratamiento según lo programado.' : 'Attend treatment as scheduled.' },
          monitoredBy: 'Treatment provider',
          frequency: 'Weekly',
        },
        {
          id: uuid(),
          kind: 'testing',
          wording: {
            [lang]:
              lang === 'es'
                ? 'Hacerse pruebas al azar al menos dos veces por semana.'
                : 'Submit to random testing at least twice a week.',
          },
          monitoredBy: 'Coordinator',
          frequency: 'Twice a week',
        },
        {
          id: uuid(),
          kind: 'court_appearance',
          wording: { [lang]: lang === 'es' ? 'Presentarse a cada audiencia.' : 'Appear at every court date.' },
          monitoredBy: 'Court',
          frequency: 'Every two weeks',
        },
        {
          id: uuid(),
          kind: 'abstinence',
          wording: {
            [lang]:
              lang === 'es'
                ? 'No consumir alcohol ni otras sustancias que no le hayan recetado.'
                : 'Abstain from alcohol and other substances not prescribed to you.',
          },
          substances: 'all',
          exceptsPrescribed: true,
          sanctioned: true,
          fromPhase: 2,
          monitoredBy: 'Coordinator',
          frequency: 'Every test',
        },
      ];
      if (moudTaper) {
        conditions.push({
          id: uuid(),
          kind: 'medication',
          wording: {
            [lang]: lang === 'es' ? 'Tomar sus medicamentos como se los recetaron.' : 'Take your medications as prescribed.',
          },
          medication: { action: 'take_as_prescribed', of: 'any_prescribed' },
          monitoredBy: 'Treatment provider',
          frequency: 'Ongoing',
        });
      }
      const refusedWording = `Taper off ${moud?.medication === 'methadone' ? 'methadone' : 'buprenorphine'} before graduation.`;
      const refusal = validateCondition({ kind: 'other', wording: { en: refusedWording } });
      agreement = {
        id: uuid(),
        language: lang,
        acknowledgedOn: clamp(addDays(admitted, 1)),
        witnessedBy: court.by,
        custodianOrgId: p.enrollment.courtId,
        enteredBy: court.by,
        conditions,
        refusedDraft: moudTaper
          ? { wording: refusedWording, ruleIds: refusal.findings.filter((f) => f.severity === 'refuse').map((f) => f.ruleId) }
          : null,
      };
    }

    // The team's decisions on the alignment view.
    const alignment = alignGoals({
      goals: goals.map((g) => ({ ...g })),
      conditions: conditionIdsOf(agreement),
      facts: { daysWithoutUse: distalNow ? 10 : 40 },
    });
    const decisions: PlannedGoals['decisions'] = [];
    for (const f of alignment.findings) {
      const choice: Reconciliation | null =
        f.rule === 'mandate_abstinence_participant_reduction'
          ? 'reclassify_distal_with_proximal_step'
          : f.rule === 'sanction_on_distal_goal'
            ? 'respond_with_service_adjustment'
            : null;
      if (!choice || !(anthony || faker.number.float() < 0.5)) continue;
      decisions.push({
        id: uuid(),
        findingKey: f.key,
        rule: f.rule,
        choice,
        note: anthony
          ? choice === 'respond_with_service_adjustment'
            ? 'Agreed at staffing: while abstinence is distal for Anthony, a return to use is met with more treatment, not a sanction.'
            : 'Agreed with Anthony: abstinence is the long-term goal; using less, honesty, attendance and naloxone come first.'
          : '',
        custodianOrgId: provider.org,
        enteredBy: provider.by,
        on: reclassifiedOn,
      });
    }

    // The plan as a whole.
    const skills = faker.helpers.arrayElements(SKILLS, 2).map((s) => s[lang]);
    const planned: PlannedGoals['plan'] = {
      id: uuid(),
      skills: anthony ? ['Noticing cravings early', 'Asking for help before using'] : skills,
      supports: anthony
        ? [{ name: 'Lisa Marsh', relationship: 'sister', permission: true }]
        : [
            {
              name: faker.person.firstName(),
              relationship: faker.helpers.arrayElement(
                lang === 'es' ? ['hermana', 'madre', 'amigo'] : ['sister', 'mother', 'friend'],
              ),
              permission: faker.number.float() < 0.8,
            },
          ],
      reviewOn: addDays(today, faker.number.int({ min: 7, max: 45 })),
      custodianOrgId: provider.org,
      enteredBy: provider.by,
      on: start,
    };

    // Instruments: BARC-10 every few months, rising; PHQ-9 easing; the Readiness Ruler at intake.
    const instruments: PlannedGoals['instruments'] = [];
    const barcStart = anthony ? 31 : faker.number.int({ min: 22, max: 40 });
    const phqStart = anthony ? 12 : faker.number.int({ min: 3, max: 16 });
    const series = [0, 45, 90, 135].map((d) => addDays(start, d)).filter((d) => d <= today);
    for (const [i, on] of series.entries()) {
      const barc = answersFor('barc10', barcStart + i * (anthony ? 6 : faker.number.int({ min: 0, max: 6 })));
      instruments.push({
        id: uuid(),
        instrument: 'barc10',
        completedOn: on,
        respondent: 'participant',
        language: lang,
        answers: barc,
        score: scored('barc10', barc),
        custodianOrgId: provider.org,
        enteredBy: provider.by,
      });
      if (i < 2) {
        const phq = answersFor('phq9', Math.max(0, phqStart - i * 4));
        instruments.push({
          id: uuid(),
          instrument: 'phq9',
          completedOn: on,
          respondent: 'staff_read',
          language: lang,
          answers: phq,
          score: scored('phq9', phq),
          custodianOrgId: provider.org,
          enteredBy: provider.by,
        });
      }
    }
    const ruler = {
      importance: anthony ? 9 : faker.number.int({ min: 5, max: 10 }),
      confidence: anthony ? 4 : faker.number.int({ min: 2, max: 8 }),
    };
    instruments.push({
      id: uuid(),
      instrument: 'readiness_ruler',
      completedOn: start,
      respondent: 'participant',
      language: lang,
      answers: ruler,
      score: scored('readiness_ruler', ruler),
      custodianOrgId: provider.org,
      enteredBy: provider.by,
    });
    p.goals = { goals, plan: planned, decisions, instruments, agreement };
  }
}
