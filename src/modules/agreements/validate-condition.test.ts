import { describe, expect, it } from 'vitest';
import { MEDICATION_CODES, MOUD_MEDICATIONS } from '../medications/medication-catalog.js';
import { CONDITION_RULES } from './condition-rules.js';
import { type ConditionDraft, validateCondition } from './validate-condition.js';

/*
 * The condition validator against the standards: every prescribed medication, every action that
 * would take it away, refused; what a court may ask, allowed; what the standards discourage, allowed
 * with a warning; and wording that asks to stop MOUD, in English and in Spanish, refused whatever the
 * condition's kind — without refusing the conditions courts ordinarily write.
 */

const ruleIds = (c: ConditionDraft) => validateCondition(c).findings.map((f) => f.ruleId);
const text = (en: string): ConditionDraft => ({ kind: 'other', wording: { en } });

describe('the condition validator', () => {
  it('refuses stopping, tapering or refusing any prescribed medication, MOUD or not', () => {
    expect(MOUD_MEDICATIONS.length).toBeGreaterThanOrEqual(6);
    for (const of of [...MEDICATION_CODES, 'any_prescribed' as const]) {
      for (const action of ['stop', 'taper', 'refuse'] as const) {
        const check = validateCondition({ kind: 'medication', wording: {}, medication: { action, of } });
        expect(check.allowed, `${action} ${of}`).toBe(false);
        expect(check.findings.map((f) => f.ruleId)).toContain('no-stopping-prescribed-medication');
        expect(check.findings[0]!.reason.en).toContain('prescriber');
        expect(check.findings[0]!.reason.es).toContain('receta');
      }
      expect(
        validateCondition({ kind: 'medication', wording: {}, medication: { action: 'take_as_prescribed', of } }).allowed,
      ).toBe(true);
    }
  });

  it('refuses compelling a medication no prescriber ordered, and allows what a prescriber ordered', () => {
    for (const action of ['start', 'switch'] as const) {
      expect(ruleIds({ kind: 'medication', wording: {}, medication: { action, of: 'naltrexone_extended_release' } })).toEqual([
        'no-compelled-medication',
      ]);
      expect(
        validateCondition({
          kind: 'medication',
          wording: {},
          medication: { action, of: 'naltrexone_extended_release', prescriberOrder: true },
        }).allowed,
      ).toBe(true);
    }
  });

  it('refuses abstinence that would count a prescription as use', () => {
    expect(ruleIds({ kind: 'abstinence', wording: {}, substances: ['opiates'] })).toEqual(['abstinence-excepts-prescribed']);
    expect(validateCondition({ kind: 'abstinence', wording: {}, substances: ['opiates'], exceptsPrescribed: true }).allowed).toBe(
      true,
    );
  });

  it('warns, without refusing, about abstinence from everything with sanctions from the first phase', () => {
    const early: ConditionDraft = {
      kind: 'abstinence',
      wording: {},
      substances: 'all',
      exceptsPrescribed: true,
      sanctioned: true,
    };
    const check = validateCondition(early);
    expect(check.allowed).toBe(true);
    expect(check.findings.map((f) => [f.ruleId, f.severity])).toEqual([['abstinence-early-with-sanctions', 'warn']]);
    expect(ruleIds({ ...early, fromPhase: 2 })).toEqual([]);
    expect(ruleIds({ ...early, sanctioned: false })).toEqual([]);
    expect(ruleIds({ ...early, substances: ['alcohol'] })).toEqual([]);
  });

  it('refuses wording that asks to stop, taper or go without MOUD, in English and in Spanish, whatever the kind', () => {
    for (const en of [
      'Must taper off Suboxone before graduation.',
      'The participant will stop taking methadone by Phase 3.',
      'Discontinue use of buprenorphine before moving to Phase 2.',
      'Be free of MAT at graduation.',
      'No methadone while in the program.',
      'Participant must come off Vivitrol within 90 days.',
      'Methadone dose must be reduced each month.',
    ]) {
      expect(validateCondition(text(en)).allowed, en).toBe(false);
      expect(ruleIds(text(en)), en).toContain('wording-stops-moud');
    }
    for (const es of [
      'Debe dejar la metadona antes de graduarse.',
      'Suspender la buprenorfina en la fase 2.',
      'Sin suboxone durante el programa.',
      'Reducir la dosis de metadona cada mes.',
    ]) {
      expect(validateCondition({ kind: 'other', wording: { es } }).allowed, es).toBe(false);
    }
  });

  it('allows the conditions courts ordinarily write', () => {
    for (const en of [
      'Attend treatment as scheduled.',
      'Take all medications as prescribed, including methadone.',
      'Stop using heroin and keep taking your methadone as prescribed.',
      'Carry naloxone at all times.',
      'Report to probation once a week.',
      'No new offenses.',
      'Reduce alcohol use; no driving after drinking.',
      'Attend every appointment at the methadone clinic.',
      'Submit to random drug and alcohol testing at least twice a week.',
    ]) {
      expect(validateCondition(text(en)).findings, en).toEqual([]);
    }
    for (const es of ['Tomar todos los medicamentos según la receta, incluida la metadona.', 'Llevar naloxona siempre.']) {
      expect(validateCondition({ kind: 'other', wording: { es } }).findings, es).toEqual([]);
    }
  });

  it('says which version of the rules it checked against, and the rules name their standards', () => {
    expect(validateCondition(text('Attend treatment.')).rulesVersion).toBe(CONDITION_RULES.version);
    for (const rule of CONDITION_RULES.rules) {
      expect(rule.source.length, rule.id).toBeGreaterThan(10);
      expect(rule.reason.en.length).toBeGreaterThan(20);
      expect(rule.reason.es.length).toBeGreaterThan(20);
    }
    expect(new Set(CONDITION_RULES.rules.map((r) => r.id)).size).toBe(CONDITION_RULES.rules.length);
  });
});
