import type { Locale } from '../users/users.schema.js';

/*
 * The instruments Tandem administers, as data: their items and answer scales in every language
 * Tandem speaks, how they are scored, their severity bands, and which answers call for a clinician's
 * follow-up. score-instrument.ts reads them; a new instrument (or a new version of one) is a new
 * entry here. Tandem scores only instruments free to use; a proprietary risk–need triage (RANT) is
 * recorded as its result, never re-implemented.
 */

type Text = Record<Locale, string>;

export type AnswerOption = { value: number; label: Text };

export type Band = { min: number; key: string; label: Text };

export type InstrumentDefinition = {
  id: InstrumentId;
  version: string;
  name: Text;
  /** The question every item answers ("Over the last 2 weeks…"), when there is one. */
  stem: Text | null;
  items: { id: string; text: Text; options: AnswerOption[] }[];
  /**
   * sum: one total of all items, in [min, max], read against the bands;
   * separate: every item stands on its own (the Readiness Ruler's importance and confidence are not summed).
   */
  scoring: { type: 'sum'; min: number; max: number; bands: Band[] } | { type: 'separate' };
  /** An item whose answer above 0 is routed to the clinician for a safety follow-up (PHQ-9 item 9). */
  safetyItem?: string;
  /** Where the instrument and its wording come from, and its terms of use. */
  source: string;
  /** A note on the translation, where the Spanish wording is not a published version. */
  translationNote?: Text;
};

export const INSTRUMENT_IDS = ['barc10', 'readiness_ruler', 'phq9', 'gad7'] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

const agreement6: AnswerOption[] = [
  { value: 1, label: { en: 'Strongly disagree', es: 'Muy en desacuerdo' } },
  { value: 2, label: { en: 'Disagree', es: 'En desacuerdo' } },
  { value: 3, label: { en: 'Somewhat disagree', es: 'Algo en desacuerdo' } },
  { value: 4, label: { en: 'Somewhat agree', es: 'Algo de acuerdo' } },
  { value: 5, label: { en: 'Agree', es: 'De acuerdo' } },
  { value: 6, label: { en: 'Strongly agree', es: 'Muy de acuerdo' } },
];

const frequency4: AnswerOption[] = [
  { value: 0, label: { en: 'Not at all', es: 'Ningún día' } },
  { value: 1, label: { en: 'Several days', es: 'Varios días' } },
  { value: 2, label: { en: 'More than half the days', es: 'Más de la mitad de los días' } },
  { value: 3, label: { en: 'Nearly every day', es: 'Casi todos los días' } },
];

const ruler: AnswerOption[] = Array.from({ length: 11 }, (_, value) => ({
  value,
  label: {
    en: value === 0 ? '0 — not at all' : value === 10 ? '10 — extremely' : String(value),
    es: value === 0 ? '0 — nada' : value === 10 ? '10 — muchísimo' : String(value),
  },
}));

const items = (prefix: string, options: AnswerOption[], texts: readonly Text[]) =>
  texts.map((text, i) => ({ id: `${prefix}${i + 1}`, text, options }));

const TWO_WEEKS: Text = {
  en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  es: 'Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?',
};

export const INSTRUMENTS: Record<InstrumentId, InstrumentDefinition> = {
  barc10: {
    id: 'barc10',
    version: 'barc10-2017',
    name: { en: 'BARC-10 (recovery capital)', es: 'BARC-10 (capital de recuperación)' },
    stem: {
      en: 'How much do you agree with each statement?',
      es: '¿Qué tan de acuerdo está con cada afirmación?',
    },
    items: items('barc', agreement6, [
      {
        en: 'There are more important things to me in life than using substances.',
        es: 'Hay cosas en mi vida más importantes para mí que consumir sustancias.',
      },
      { en: 'In general I am happy with my life.', es: 'En general estoy contento/a con mi vida.' },
      {
        en: 'I have enough energy to complete the tasks I set myself.',
        es: 'Tengo suficiente energía para completar las tareas que me propongo.',
      },
      {
        en: 'I am proud of the community I live in and feel part of it.',
        es: 'Estoy orgulloso/a de la comunidad en la que vivo y me siento parte de ella.',
      },
      { en: 'I get lots of support from friends.', es: 'Recibo mucho apoyo de mis amistades.' },
      {
        en: 'I regard my life as challenging and fulfilling without the need for using drugs or alcohol.',
        es: 'Considero que mi vida es estimulante y plena sin necesidad de consumir drogas o alcohol.',
      },
      {
        en: 'My living space has helped to drive my recovery journey.',
        es: 'El lugar donde vivo me ha ayudado a avanzar en mi camino de recuperación.',
      },
      { en: 'I take full responsibility for my actions.', es: 'Asumo toda la responsabilidad de mis actos.' },
      {
        en: 'I am happy dealing with a range of professional people.',
        es: 'Me siento a gusto tratando con distintos profesionales.',
      },
      {
        en: 'I am making good progress on my recovery journey.',
        es: 'Estoy avanzando bien en mi camino de recuperación.',
      },
    ]),
    // Higher is more recovery capital; 47 or more is associated with sustained remission.
    scoring: {
      type: 'sum',
      min: 10,
      max: 60,
      bands: [
        { min: 10, key: 'below_remission_threshold', label: { en: 'Below 47', es: 'Menos de 47' } },
        {
          min: 47,
          key: 'remission_threshold',
          label: { en: '47 or more (associated with sustained remission)', es: '47 o más (asociado a remisión sostenida)' },
        },
      ],
    },
    source:
      'Vilsaint CL, Kelly JF, et al. Development and validation of a Brief Assessment of Recovery Capital (BARC-10). Drug Alcohol Depend. 2017;177:71–76. Free to use (PhenX Toolkit).',
    translationNote: {
      en: 'The Spanish wording is Tandem’s working translation, not a validated version.',
      es: 'La redacción en español es una traducción de trabajo de Tandem, no una versión validada.',
    },
  },
  readiness_ruler: {
    id: 'readiness_ruler',
    version: 'readiness-ruler-1',
    name: { en: 'Readiness Ruler', es: 'Regla de disposición al cambio' },
    stem: {
      en: 'Thinking of the change you have in mind, on a scale from 0 to 10:',
      es: 'Pensando en el cambio que tiene en mente, en una escala del 0 al 10:',
    },
    items: items('ruler', ruler, [
      { en: 'How important is it to you to make this change?', es: '¿Qué tan importante es para usted hacer este cambio?' },
      {
        en: 'How confident are you that you could make this change?',
        es: '¿Qué tan seguro/a está de que podría hacer este cambio?',
      },
    ]).map((item, i) => ({ ...item, id: i === 0 ? 'importance' : 'confidence' })),
    scoring: { type: 'separate' },
    source: 'Motivational interviewing practice (importance and confidence rulers); free to use.',
  },
  phq9: {
    id: 'phq9',
    version: 'phq9-1999',
    name: { en: 'PHQ-9 (depression)', es: 'PHQ-9 (depresión)' },
    stem: TWO_WEEKS,
    items: items('phq', frequency4, [
      { en: 'Little interest or pleasure in doing things', es: 'Poco interés o placer en hacer cosas' },
      { en: 'Feeling down, depressed, or hopeless', es: 'Se ha sentido decaído/a, deprimido/a o sin esperanzas' },
      {
        en: 'Trouble falling or staying asleep, or sleeping too much',
        es: 'Ha tenido dificultad para quedarse o permanecer dormido/a, o ha dormido demasiado',
      },
      { en: 'Feeling tired or having little energy', es: 'Se ha sentido cansado/a o con poca energía' },
      { en: 'Poor appetite or overeating', es: 'Sin apetito o ha comido en exceso' },
      {
        en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
        es: 'Se ha sentido mal con usted mismo/a — o que es un fracaso o que ha quedado mal con usted mismo/a o con su familia',
      },
      {
        en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
        es: 'Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión',
      },
      {
        en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
        es: '¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? O lo contrario — muy inquieto/a o agitado/a, moviéndose mucho más de lo normal',
      },
      {
        en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
        es: 'Pensamientos de que estaría mejor muerto/a o de lastimarse de alguna manera',
      },
    ]),
    scoring: {
      type: 'sum',
      min: 0,
      max: 27,
      bands: [
        { min: 0, key: 'minimal', label: { en: 'Minimal', es: 'Mínima' } },
        { min: 5, key: 'mild', label: { en: 'Mild', es: 'Leve' } },
        { min: 10, key: 'moderate', label: { en: 'Moderate', es: 'Moderada' } },
        { min: 15, key: 'moderately_severe', label: { en: 'Moderately severe', es: 'Moderadamente grave' } },
        { min: 20, key: 'severe', label: { en: 'Severe', es: 'Grave' } },
      ],
    },
    safetyItem: 'phq9',
    source:
      'Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med. 2001;16(9):606–613. Developed with a grant from Pfizer; no permission required to reproduce, translate, display or distribute.',
  },
  gad7: {
    id: 'gad7',
    version: 'gad7-2006',
    name: { en: 'GAD-7 (anxiety)', es: 'GAD-7 (ansiedad)' },
    stem: TWO_WEEKS,
    items: items('gad', frequency4, [
      { en: 'Feeling nervous, anxious, or on edge', es: 'Se ha sentido nervioso/a, ansioso/a o con los nervios de punta' },
      { en: 'Not being able to stop or control worrying', es: 'No ha sido capaz de parar o controlar su preocupación' },
      { en: 'Worrying too much about different things', es: 'Se ha preocupado demasiado por motivos diferentes' },
      { en: 'Trouble relaxing', es: 'Ha tenido dificultad para relajarse' },
      {
        en: 'Being so restless that it is hard to sit still',
        es: 'Se ha sentido tan inquieto/a que no ha podido quedarse quieto/a',
      },
      { en: 'Becoming easily annoyed or irritable', es: 'Se ha molestado o irritado fácilmente' },
      { en: 'Feeling afraid, as if something awful might happen', es: 'Ha tenido miedo de que algo terrible fuera a pasar' },
    ]),
    scoring: {
      type: 'sum',
      min: 0,
      max: 21,
      bands: [
        { min: 0, key: 'minimal', label: { en: 'Minimal', es: 'Mínima' } },
        { min: 5, key: 'mild', label: { en: 'Mild', es: 'Leve' } },
        { min: 10, key: 'moderate', label: { en: 'Moderate', es: 'Moderada' } },
        { min: 15, key: 'severe', label: { en: 'Severe', es: 'Grave' } },
      ],
    },
    source:
      'Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092–1097. No permission required to reproduce, translate, display or distribute.',
  },
};

/** Quadrants of a risk–need triage (RANT), recorded as the tool gave them: Tandem never scores one. */
export const RISK_NEED_QUADRANTS = [
  'high_risk_high_need',
  'high_risk_low_need',
  'low_risk_high_need',
  'low_risk_low_need',
] as const;
export type RiskNeedQuadrant = (typeof RISK_NEED_QUADRANTS)[number];

/**
 * An instrument's answers as a reader is shown them: the safety item's answer (PHQ-9 item 9) only to the
 * clinicians of the program that holds the response — to anyone else, the prompt it raises does not exist.
 */
export function valuesSeenBy(instrument: string, values: Record<string, number>, clinician: boolean): Record<string, number> {
  const safetyItem = (INSTRUMENTS as Record<string, InstrumentDefinition | undefined>)[instrument]?.safetyItem;
  if (clinician || !safetyItem || !(safetyItem in values)) return values;
  const { [safetyItem]: _hidden, ...rest } = values;
  return rest;
}
