import type { Medication } from '../medications/medication-catalog.js';
import type { SubstanceGroup } from '../testing/substances.js';
import type { Locale } from '../users/users.schema.js';
import { CONDITION_RULES, type ConditionRule, type ConditionRuleSet } from './condition-rules.js';

/*
 * The condition validator: a pure rule over one condition of an agreement, as drafted. It refuses what
 * the standards and the law do not allow — requiring a prescribed medication (MOUD first) to be stopped,
 * tapered or refused; compelling a medication no prescriber ordered; abstinence that would count a
 * prescription as use — and warns about what the standards discourage, each with its reason in the
 * participant's and the team's languages. The rules are data (condition-rules.ts), versioned with the
 * standards they follow.
 */

export const CONDITION_KINDS = [
  'treatment_attendance',
  'testing',
  'court_appearance',
  'supervision_contact',
  'no_new_offense',
  'abstinence',
  'medication',
  'other',
] as const;
export type ConditionKind = (typeof CONDITION_KINDS)[number];

export type ConditionDraft = {
  kind: ConditionKind;
  /** The condition as the participant reads and signs it, in each language it is written in. */
  wording: Partial<Record<Locale, string>>;
  /** The phase (position) from which it applies; 1 or none: from the start. */
  fromPhase?: number | null;
  /** Non-compliance is answered with sanctions (not only with service adjustments). */
  sanctioned?: boolean;
  /** Abstinence: from which substances ('all': every substance). */
  substances?: 'all' | readonly SubstanceGroup[];
  /** Abstinence: medications taken as prescribed are excepted (only unauthorized use counts). */
  exceptsPrescribed?: boolean;
  /** A medication condition: what it asks, of which medication. */
  medication?: {
    action: 'stop' | 'taper' | 'refuse' | 'start' | 'switch' | 'take_as_prescribed';
    /** A medication, or any the participant is prescribed. */
    of: Medication | 'any_prescribed';
    /** A prescriber ordered it (for start and switch). */
    prescriberOrder?: boolean;
  };
};

export type ConditionFinding = {
  ruleId: string;
  severity: ConditionRule['severity'];
  source: string;
  reason: Record<Locale, string>;
};

export type ConditionCheck = {
  /** False when any rule refuses the condition. */
  allowed: boolean;
  findings: ConditionFinding[];
  rulesVersion: string;
};

function applies(rule: ConditionRule, c: ConditionDraft): boolean {
  const check = rule.check;
  switch (check.type) {
    case 'medication_action':
      return c.kind === 'medication' && c.medication !== undefined && check.actions.some((a) => a === c.medication!.action);
    case 'compelled_medication':
      return (
        c.kind === 'medication' &&
        c.medication !== undefined &&
        (c.medication.action === 'start' || c.medication.action === 'switch') &&
        c.medication.prescriberOrder !== true
      );
    case 'abstinence_without_prescription_exception':
      return c.kind === 'abstinence' && c.exceptsPrescribed !== true;
    case 'sanctioned_abstinence_before_phase':
      return c.kind === 'abstinence' && c.substances === 'all' && c.sanctioned === true && (c.fromPhase ?? 1) < check.phase;
    case 'wording':
      return (Object.entries(c.wording) as [Locale, string][]).some(
        ([locale, text]) => text.trim() !== '' && (check.patterns[locale] ?? []).some((pattern) => pattern.test(text)),
      );
  }
}

/** Checks one condition against a rule set (the current one unless another is given). */
export function validateCondition(condition: ConditionDraft, rules: ConditionRuleSet = CONDITION_RULES): ConditionCheck {
  const findings = rules.rules
    .filter((rule) => applies(rule, condition))
    .map((rule): ConditionFinding => ({ ruleId: rule.id, severity: rule.severity, source: rule.source, reason: rule.reason }));
  return { allowed: !findings.some((f) => f.severity === 'refuse'), findings, rulesVersion: rules.version };
}
