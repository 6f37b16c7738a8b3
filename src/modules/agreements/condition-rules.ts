import type { Locale } from '../users/users.schema.js';

/*
 * The rules an agreement's conditions are checked against, as data: each rule names the standard it
 * comes from, whether it refuses a condition or warns about it, the check it makes and, in every
 * language Tandem speaks, why. A rule set is dated and versioned with the standards it follows; a
 * condition's check records the version it was checked against. validate-condition.ts reads them.
 */

/** Words that name a medication for opioid use disorder, as people write them (generic and brand names). */
const MOUD_WORDS = [
  'moud',
  'mat',
  'medication[- ]assisted treatment',
  'medications? for opioid use disorder',
  'methadone',
  'metadona',
  'buprenorphine',
  'buprenorfina',
  'suboxone',
  'subutex',
  'zubsolv',
  'sublocade',
  'brixadi',
  'naltrexone',
  'naltrexona',
  'vivitrol',
];

export type ConditionCheck =
  /** A medication condition asking one of these actions of a prescribed medication (or of any). */
  | { type: 'medication_action'; actions: readonly ('stop' | 'taper' | 'refuse')[] }
  /** A medication condition asking to start or switch to a medication no prescriber ordered. */
  | { type: 'compelled_medication' }
  /** Abstinence that does not except prescribed medications. */
  | { type: 'abstinence_without_prescription_exception' }
  /** Abstinence from all substances, with sanctions, before this phase. */
  | { type: 'sanctioned_abstinence_before_phase'; phase: number }
  /** Wording that asks to stop, taper or refuse MOUD, whatever the condition's kind. */
  | { type: 'wording'; patterns: Record<Locale, readonly RegExp[]> };

export type ConditionRule = {
  id: string;
  severity: 'refuse' | 'warn';
  /** The standard or law the rule follows. */
  source: string;
  check: ConditionCheck;
  reason: Record<Locale, string>;
};

export type ConditionRuleSet = {
  version: string;
  /** The standards this version follows, and when it was adopted. */
  standards: string;
  adoptedOn: string;
  rules: readonly ConditionRule[];
};

const moud = `(?:${MOUD_WORDS.join('|')})`;
/** Up to two words between the verb and the medication ("stop taking methadone"); three in Spanish ("reducir la dosis de metadona"). */
const gap = String.raw`(?:\W+\w+){0,2}?\W+`;
const gapEs = String.raw`(?:\W+\w+){0,3}?\W+`;

export const CONDITION_RULES: ConditionRuleSet = {
  version: '2026-12',
  standards:
    'All Rise Adult Treatment Court Best Practice Standards, 2nd edition (2023) and consolidated version (2025); BJA and SAMHSA grant conditions; the Americans with Disabilities Act as the Department of Justice applies it to MOUD',
  adoptedOn: '2026-12-01',
  rules: [
    {
      id: 'no-stopping-prescribed-medication',
      severity: 'refuse',
      source: 'All Rise 2023, MOUD; BJA/SAMHSA grant conditions; ADA',
      check: { type: 'medication_action', actions: ['stop', 'taper', 'refuse'] },
      reason: {
        en: 'A condition may not require stopping, tapering or refusing a prescribed medication — for a phase, for graduation or at all. That is between the participant and their prescriber.',
        es: 'Una condición no puede exigir suspender, reducir o rechazar un medicamento recetado, ni para una fase, ni para graduarse, ni nunca. Eso es entre el participante y quien se lo receta.',
      },
    },
    {
      id: 'no-compelled-medication',
      severity: 'refuse',
      source: 'All Rise 2023, MOUD',
      check: { type: 'compelled_medication' },
      reason: {
        en: 'A condition may not compel a specific medication without a prescriber’s order: which medication, if any, is the prescriber’s decision with the participant.',
        es: 'Una condición no puede imponer un medicamento determinado sin la orden de quien lo receta: qué medicamento tomar, si alguno, lo decide quien receta junto con el participante.',
      },
    },
    {
      id: 'abstinence-excepts-prescribed',
      severity: 'refuse',
      source: 'All Rise 2023, drug and alcohol testing (only unauthorized substances count); ADA',
      check: { type: 'abstinence_without_prescription_exception' },
      reason: {
        en: 'Abstinence must except medications taken as prescribed; otherwise MOUD or another prescription would count as a violation.',
        es: 'La abstinencia debe exceptuar los medicamentos tomados según la receta; si no, el tratamiento con medicamentos u otra receta contaría como un incumplimiento.',
      },
    },
    {
      id: 'wording-stops-moud',
      severity: 'refuse',
      source: 'All Rise 2023, MOUD',
      check: {
        type: 'wording',
        patterns: {
          en: [
            new RegExp(
              String.raw`\b(?:stop\w*|discontinu\w*|taper\w*|wean\w*|quit\w*|ceas\w*|detox\w*|reduc\w*|(?:come|get|go|be|been|being)\s+off|free\s+(?:of|from)|no\s+longer\s+(?:take|use|on))${gap}${moud}\b`,
              'i',
            ),
            new RegExp(
              String.raw`\b${moud}\b${gap}(?:must|will|shall|to)\s+(?:end|stop|cease|be\s+(?:discontinued|tapered|stopped|reduced))`,
              'i',
            ),
            new RegExp(String.raw`\b(?:no|without)\s+${moud}\b`, 'i'),
          ],
          es: [
            new RegExp(
              String.raw`\b(?:dej\w*(?:\s+de)?(?:\s+(?:tomar|usar))?|suspend\w*|retir\w*|reduc\w*|disminu\w*|abandon\w*|interrump\w*|(?:estar|quedar)\s+libre\s+de)${gapEs}${moud}\b`,
              'i',
            ),
            new RegExp(String.raw`\b(?:sin|ninguna?)\s+${moud}\b`, 'i'),
          ],
        },
      },
      reason: {
        en: 'The wording reads as requiring the participant to stop, taper or go without medication for opioid use disorder. If it does not mean that, say what it does mean.',
        es: 'La redacción se entiende como una exigencia de suspender, reducir o prescindir del medicamento para el trastorno por consumo de opioides. Si no quiere decir eso, diga lo que quiere decir.',
      },
    },
    {
      id: 'abstinence-early-with-sanctions',
      severity: 'warn',
      source: 'All Rise 2023, incentives, sanctions and service adjustments (proximal and distal goals)',
      check: { type: 'sanctioned_abstinence_before_phase', phase: 2 },
      reason: {
        en: 'Abstinence from all substances from the first phase, with sanctions attached: for most participants abstinence is still a distal goal early on, which the standards answer with service adjustments, not sanctions. Consider a proximal step first (honesty, attendance, reduced use) and abstinence later.',
        es: 'Abstinencia de toda sustancia desde la primera fase, con sanciones: para la mayoría de los participantes la abstinencia es todavía una meta lejana al principio, y las normas responden a ella con ajustes de servicios, no con sanciones. Considere primero un paso cercano (honestidad, asistencia, menos consumo) y la abstinencia más adelante.',
      },
    },
  ],
};
