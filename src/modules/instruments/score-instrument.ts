import { INSTRUMENTS, type InstrumentId } from './instrument-catalog.js';

/*
 * Scoring an instrument: a pure rule over its definition (instrument-catalog.ts) and one set of
 * answers. Every item must be answered with one of its options; a summed instrument gets its total
 * and band, a separate one its items as they are; an answer above 0 on the safety item raises the
 * prompt that goes to the clinician.
 */

export type InstrumentScore = {
  instrument: InstrumentId;
  version: string;
  /** The total, for a summed instrument. */
  total: number | null;
  /** The band the total falls in (its key), for a summed instrument. */
  band: string | null;
  /** Each item's answer, in the instrument's order. */
  values: Record<string, number>;
  /** The safety item was answered above 0: a clinician follows up. */
  safetyPrompt: boolean;
};

export type ScoreProblem = { item: string; problem: 'missing' | 'not_an_option' | 'unknown_item' };

export function scoreInstrument(
  instrument: InstrumentId,
  answers: Readonly<Record<string, number>>,
): { ok: true; score: InstrumentScore } | { ok: false; problems: ScoreProblem[] } {
  const definition = INSTRUMENTS[instrument];
  const problems: ScoreProblem[] = [];
  const known = new Set(definition.items.map((i) => i.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) problems.push({ item: id, problem: 'unknown_item' });
  const values: Record<string, number> = {};
  for (const item of definition.items) {
    const answer = answers[item.id];
    if (answer === undefined) problems.push({ item: item.id, problem: 'missing' });
    else if (!item.options.some((o) => o.value === answer)) problems.push({ item: item.id, problem: 'not_an_option' });
    else values[item.id] = answer;
  }
  if (problems.length > 0) return { ok: false, problems };
  let total: number | null = null;
  let band: string | null = null;
  if (definition.scoring.type === 'sum') {
    total = Object.values(values).reduce((a, b) => a + b, 0);
    const t = total;
    band = [...definition.scoring.bands].reverse().find((b) => t >= b.min)?.key ?? null;
  }
  const safetyPrompt = definition.safetyItem !== undefined && (values[definition.safetyItem] ?? 0) > 0;
  return { ok: true, score: { instrument, version: definition.version, total, band, values, safetyPrompt } };
}
