import type { ReportedValidity } from '../testing/interpret-test.js';
import { builtInGroup, type SubstanceGroup } from '../testing/substances.js';
import type { CodeTarget } from './labs.schema.js';
import { LOINC_CODES, LOINC_SYSTEMS } from './loinc-codes.js';
import type { OruObservation } from './read-oru.js';

/*
 * What one observation (OBX) says, as Tandem keeps it: a pure function of the observation and the
 * lab's code mappings. A lab's own mapping of a code comes first, then LOINC. A code neither knows,
 * or a value that says neither positive nor negative, is returned as unread — for a person to
 * decide, never guessed.
 */

/** A lab's mapping of one of its codes (lab_code_mappings). */
export type LabMapping = {
  target: CodeTarget;
  analyte: string | null;
  substanceGroup: string | null;
  stage: 'screen' | 'confirmation' | null;
};

export type ObservationReading =
  | {
      kind: 'result';
      analyte: string;
      group: SubstanceGroup;
      stage: 'screen' | 'confirmation';
      result: 'positive' | 'negative' | 'inconclusive';
      value: number | null;
      unit: string | null;
      cutoff: number | null;
      method: string | null;
      deprecatedCode: boolean;
    }
  | { kind: 'creatinine'; mgDl: number }
  | { kind: 'specific_gravity'; value: number }
  | { kind: 'ph'; value: number }
  | { kind: 'oxidants'; detected: boolean }
  | { kind: 'specimen_validity'; validity: ReportedValidity }
  | { kind: 'ignore' }
  | { kind: 'unmapped'; reason: 'unknown_code' | 'unreadable_value' | 'unknown_analyte' };

const POSITIVE = /^(pos|positive|detected|present|presumptive positive|presumptively positive|confirmed|abnormal|reactive)\b/i;
const NEGATIVE = /^(neg|negative|not detected|none detected|absent|not present|normal|non-?reactive|<\s*cutoff)\b/i;
const INCONCLUSIVE = /^(inconclusive|indeterminate|equivocal|invalid|unable|qns|quantity not sufficient)\b/i;
const CONFIRMATION_METHOD = /(ms\/ms|lc-?ms|gc-?ms|mass spec|confirm)/i;

/** The coding system of Tandem's own codes: its analyte codes, and the names of its validity readings. */
export const TANDEM_CODING_SYSTEM = 'TANDEM';
const TANDEM_READINGS = ['creatinine', 'specific_gravity', 'ph', 'oxidants', 'specimen_validity'] as const;

/** The number in a value such as "312", ">300", "< 2.0" (null when there is none). */
function numberIn(text: string): number | null {
  const m = /(-?\d+(?:\.\d+)?)/.exec(text.replace(',', '.'));
  return m ? Number(m[1]) : null;
}

/** The cutoff a reference range states: "<50", "0-49" (then 50), "Cutoff 50 ng/mL", "50". */
export function cutoffOf(range: string): number | null {
  const text = range.trim();
  if (!text) return null;
  const span = /^(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (span) return Number(span[2]) + (Number.isInteger(Number(span[2])) ? 1 : 0);
  return numberIn(text);
}

/** Positive, negative or inconclusive, from the value's words, the abnormal flags or a number against its cutoff. */
function resultOf(
  o: OruObservation,
): { result: 'positive' | 'negative' | 'inconclusive'; value: number | null; cutoff: number | null } | null {
  if (o.status === 'X') return { result: 'inconclusive', value: null, cutoff: null };
  const words = `${o.value}`.trim();
  const code = o.valueCode.trim();
  const cutoff = cutoffOf(o.referenceRange);
  const numeric = o.valueType === 'NM' || o.valueType === 'SN' ? numberIn(words) : null;
  for (const text of [words, code]) {
    if (POSITIVE.test(text)) return { result: 'positive', value: numeric, cutoff };
    if (INCONCLUSIVE.test(text)) return { result: 'inconclusive', value: numeric, cutoff };
    if (NEGATIVE.test(text)) return { result: 'negative', value: numeric, cutoff };
  }
  if (o.abnormalFlags.some((f) => ['A', 'AA', 'H', 'HH', 'POS', 'DET'].includes(f)))
    return { result: 'positive', value: numeric, cutoff };
  if (o.abnormalFlags.some((f) => ['N', 'NEG', 'ND'].includes(f))) return { result: 'negative', value: numeric, cutoff };
  if (numeric !== null && cutoff !== null) {
    // ">300" means at least the cutoff; "<2" below it.
    if (words.startsWith('<')) return { result: 'negative', value: numeric, cutoff };
    return { result: numeric >= cutoff ? 'positive' : 'negative', value: numeric, cutoff };
  }
  return null;
}

const VALIDITY_WORDS: [RegExp, ReportedValidity][] = [
  [/adulterat/i, 'adulterated'],
  [/substitut/i, 'substituted'],
  [/dilut/i, 'dilute'],
  [/invalid/i, 'invalid'],
  [/^(valid|normal|acceptable)\b/i, 'valid'],
];

/** How the code reads: the lab's mapping, else LOINC (in OBX-3's first or alternate coding). */
function meaningOf(o: OruObservation, mappings: ReadonlyMap<string, LabMapping>) {
  const mapped = mappings.get(o.code) ?? (o.alternateCode ? mappings.get(o.alternateCode) : undefined);
  if (mapped) return { ...mapped, unit: null as 'mg/dL' | 'umol/L' | null, deprecated: false };
  // Tandem's own codes (a spreadsheet's rows, turned into messages): an analyte, or a validity reading.
  if (o.codingSystem === TANDEM_CODING_SYSTEM) {
    if (builtInGroup(o.code))
      return { target: 'result' as const, analyte: o.code, substanceGroup: null, stage: null, unit: null, deprecated: false };
    if (TANDEM_READINGS.includes(o.code as (typeof TANDEM_READINGS)[number])) {
      return {
        target: o.code as CodeTarget,
        analyte: null,
        substanceGroup: null,
        stage: null,
        unit: 'mg/dL' as const,
        deprecated: false,
      };
    }
  }
  const loincCode = LOINC_SYSTEMS.includes(o.codingSystem)
    ? o.code
    : LOINC_SYSTEMS.includes(o.alternateCodingSystem)
      ? o.alternateCode
      : null;
  const loinc = loincCode ? LOINC_CODES.get(loincCode) : undefined;
  if (!loinc) return null;
  if (loinc.target === 'result') {
    return {
      target: 'result' as const,
      analyte: loinc.analyte,
      substanceGroup: null,
      stage: loinc.stage,
      unit: null,
      deprecated: loinc.deprecated === true,
    };
  }
  return {
    target: loinc.target,
    analyte: null,
    substanceGroup: null,
    stage: null,
    unit: loinc.target === 'creatinine' ? loinc.unit : null,
    deprecated: false,
  };
}

export function readObservation(o: OruObservation, mappings: ReadonlyMap<string, LabMapping>): ObservationReading {
  const meaning = meaningOf(o, mappings);
  if (!meaning) return { kind: 'unmapped', reason: 'unknown_code' };
  const number = numberIn(o.value);
  switch (meaning.target) {
    case 'ignore':
      return { kind: 'ignore' };
    case 'creatinine': {
      if (number === null) return { kind: 'unmapped', reason: 'unreadable_value' };
      // µmol/L → mg/dL (creatinine: 88.42 µmol/L per mg/dL).
      const micromolar = meaning.unit === 'umol/L' || /mol/i.test(o.units);
      return { kind: 'creatinine', mgDl: micromolar ? Math.round((number / 88.42) * 100) / 100 : number };
    }
    case 'specific_gravity':
      return number === null ? { kind: 'unmapped', reason: 'unreadable_value' } : { kind: 'specific_gravity', value: number };
    case 'ph':
      return number === null ? { kind: 'unmapped', reason: 'unreadable_value' } : { kind: 'ph', value: number };
    case 'oxidants': {
      const read = resultOf(o);
      if (!read || read.result === 'inconclusive') return { kind: 'unmapped', reason: 'unreadable_value' };
      return { kind: 'oxidants', detected: read.result === 'positive' };
    }
    case 'specimen_validity': {
      const found = VALIDITY_WORDS.find(([pattern]) => pattern.test(o.value) || pattern.test(o.valueCode));
      return found ? { kind: 'specimen_validity', validity: found[1] } : { kind: 'unmapped', reason: 'unreadable_value' };
    }
    case 'result': {
      const analyte = meaning.analyte!;
      const group = (builtInGroup(analyte) ?? meaning.substanceGroup) as SubstanceGroup | null;
      if (!group) return { kind: 'unmapped', reason: 'unknown_analyte' };
      const read = resultOf(o);
      if (!read) return { kind: 'unmapped', reason: 'unreadable_value' };
      const stage = meaning.stage ?? (CONFIRMATION_METHOD.test(o.method) ? 'confirmation' : 'screen');
      return {
        kind: 'result',
        analyte,
        group,
        stage,
        result: read.result,
        value: read.value,
        unit: o.units || null,
        cutoff: read.cutoff,
        method: o.method || null,
        deprecatedCode: meaning.deprecated,
      };
    }
  }
}
