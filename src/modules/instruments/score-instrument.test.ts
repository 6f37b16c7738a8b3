import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTRUMENT_IDS, INSTRUMENTS, valuesSeenBy } from './instrument-catalog.js';
import { scoreInstrument } from './score-instrument.js';

const all = (id: keyof typeof INSTRUMENTS, value: number) => Object.fromEntries(INSTRUMENTS[id].items.map((i) => [i.id, value]));

describe('scoreInstrument', () => {
  it('totals the BARC-10 between 10 and 60 and marks the remission threshold at 47', () => {
    expect(scoreInstrument('barc10', all('barc10', 1))).toMatchObject({ ok: true, score: { total: 10 } });
    expect(scoreInstrument('barc10', all('barc10', 6))).toMatchObject({ ok: true, score: { total: 60 } });
    const at = (total: number) => {
      const answers = all('barc10', 4); // 40
      const items = Object.keys(answers);
      for (let i = 0; i < total - 40; i++) answers[items[i % 10]!]! += 1;
      const result = scoreInstrument('barc10', answers);
      if (!result.ok) throw new Error('not scored');
      return result.score;
    };
    expect(at(46)).toMatchObject({ total: 46, band: 'below_remission_threshold' });
    expect(at(47)).toMatchObject({ total: 47, band: 'remission_threshold' });
  });

  it('places PHQ-9 totals in the bands 5/10/15/20 and GAD-7 totals in 5/10/15', () => {
    const phq = (total: number) => {
      const answers = all('phq9', 0);
      // Fill items 1–8 first, so item 9 stays 0 and no safety prompt is raised.
      for (let i = 0, left = total; left > 0; i++) {
        const add = Math.min(3, left);
        answers[`phq${i + 1}`] = add;
        left -= add;
      }
      const r = scoreInstrument('phq9', answers);
      return r.ok ? [r.score.total, r.score.band, r.score.safetyPrompt] : r.problems;
    };
    expect(phq(0)).toEqual([0, 'minimal', false]);
    expect(phq(4)).toEqual([4, 'minimal', false]);
    expect(phq(5)).toEqual([5, 'mild', false]);
    expect(phq(9)).toEqual([9, 'mild', false]);
    expect(phq(10)).toEqual([10, 'moderate', false]);
    expect(phq(15)).toEqual([15, 'moderately_severe', false]);
    expect(phq(20)).toEqual([20, 'severe', false]);
    expect(phq(24)).toEqual([24, 'severe', false]);
    const gad = (values: number[]) => {
      const r = scoreInstrument('gad7', Object.fromEntries(values.map((v, i) => [`gad${i + 1}`, v])));
      return r.ok ? r.score.band : null;
    };
    expect(gad([0, 0, 0, 0, 0, 0, 4 - 4])).toBe('minimal');
    expect(gad([1, 1, 1, 1, 1, 0, 0])).toBe('mild');
    expect(gad([3, 3, 3, 1, 0, 0, 0])).toBe('moderate');
    expect(gad([3, 3, 3, 3, 3, 0, 0])).toBe('severe');
    expect(gad([3, 3, 3, 3, 3, 3, 3])).toBe('severe');
  });

  it('raises the safety prompt whenever PHQ-9 item 9 is above 0, whatever the total', () => {
    const answers = all('phq9', 0);
    answers.phq9 = 1;
    expect(scoreInstrument('phq9', answers)).toMatchObject({
      ok: true,
      score: { total: 1, band: 'minimal', safetyPrompt: true },
    });
    answers.phq9 = 0;
    answers.phq1 = 3;
    expect(scoreInstrument('phq9', answers)).toMatchObject({ ok: true, score: { safetyPrompt: false } });
    // Only the PHQ-9 has a safety item.
    expect(scoreInstrument('gad7', all('gad7', 3))).toMatchObject({ ok: true, score: { safetyPrompt: false } });
  });

  it('keeps the Readiness Ruler’s importance and confidence apart, never summed', () => {
    expect(scoreInstrument('readiness_ruler', { importance: 9, confidence: 3 })).toEqual({
      ok: true,
      score: {
        instrument: 'readiness_ruler',
        version: 'readiness-ruler-1',
        total: null,
        band: null,
        values: { importance: 9, confidence: 3 },
        safetyPrompt: false,
      },
    });
  });

  it('refuses missing items, answers that are not an option, and items the instrument does not have', () => {
    const answers: Record<string, number> = all('gad7', 1);
    delete answers.gad3;
    answers.gad1 = 4;
    answers.gad8 = 0;
    const r = scoreInstrument('gad7', answers);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toEqual(
        expect.arrayContaining([
          { item: 'gad8', problem: 'unknown_item' },
          { item: 'gad1', problem: 'not_an_option' },
          { item: 'gad3', problem: 'missing' },
        ]),
      );
      expect(r.problems).toHaveLength(3);
    }
    expect(scoreInstrument('barc10', all('barc10', 0)).ok).toBe(false);
    expect(scoreInstrument('readiness_ruler', { importance: 11, confidence: 0 }).ok).toBe(false);
    expect(scoreInstrument('readiness_ruler', { importance: 2.5, confidence: 0 }).ok).toBe(false);
  });

  it('gives every complete set of answers a total in range and the band whose bounds hold it', () => {
    for (const id of INSTRUMENT_IDS) {
      const def = INSTRUMENTS[id];
      if (def.scoring.type !== 'sum') continue;
      const scoring = def.scoring;
      const answers = fc.tuple(...def.items.map((item) => fc.constantFrom(...item.options.map((o) => o.value))));
      fc.assert(
        fc.property(answers, (values) => {
          const r = scoreInstrument(id, Object.fromEntries(def.items.map((item, i) => [item.id, values[i]!])));
          if (!r.ok) return false;
          const total = r.score.total!;
          const bands = scoring.bands;
          const index = bands.findIndex((b) => b.key === r.score.band);
          const next = bands[index + 1];
          return (
            total === values.reduce((a, b) => a + b, 0) &&
            total >= scoring.min &&
            total <= scoring.max &&
            total >= bands[index]!.min &&
            (next === undefined || total < next.min)
          );
        }),
      );
    }
  });

  it('words every item, option and band in English and Spanish', () => {
    for (const id of INSTRUMENT_IDS) {
      const def = INSTRUMENTS[id];
      const texts = [
        def.name,
        ...(def.stem ? [def.stem] : []),
        ...def.items.flatMap((i) => [i.text, ...i.options.map((o) => o.label)]),
        ...(def.scoring.type === 'sum' ? def.scoring.bands.map((b) => b.label) : []),
      ];
      for (const text of texts) {
        expect(text.en.length).toBeGreaterThan(0);
        expect(text.es.length).toBeGreaterThan(0);
      }
    }
    expect(INSTRUMENTS.barc10.items).toHaveLength(10);
    expect(INSTRUMENTS.phq9.items).toHaveLength(9);
    expect(INSTRUMENTS.gad7.items).toHaveLength(7);
  });

  it('shows the PHQ-9 item-9 answer only to the holding program’s clinicians', () => {
    const values = { ...all('phq9', 0), phq9: 2 };
    expect(valuesSeenBy('phq9', values, true)).toEqual(values);
    const seen = valuesSeenBy('phq9', values, false);
    expect(seen).not.toHaveProperty('phq9');
    expect(Object.keys(seen)).toHaveLength(8);
    expect(valuesSeenBy('gad7', all('gad7', 1), false)).toEqual(all('gad7', 1));
    expect(valuesSeenBy('rant', {}, false)).toEqual({});
  });
});
