import type { AttendanceKind, AttendanceOutcome } from '../attendance/attendance.schema.js';
import type { SubstanceGroup } from '../testing/substances.js';
import type { Indicator } from './goal-kinds.js';

/*
 * How far a goal's indicator is met, from what monitoring recorded and the reader may see: a pure
 * rule. "No positive tests for 30 days" looks at the tests collected in those days that tested for
 * the substances — met when there is at least one and none shows unauthorized use of them; a positive
 * still on a screen alone only makes it "awaiting confirmation". "Attends 3 groups a week" counts the
 * last seven days' events attended (late counts as attended). An observed indicator is what the team
 * last recorded.
 */

export type IndicatorFacts = {
  now: Date;
  /** Tests with a result (not missed, refused, dilute or invalid), with what they found. */
  tests: readonly {
    at: Date;
    /** The substance groups the test looked for. */
    tested: readonly SubstanceGroup[];
    /**
     * Unauthorized use the team may count, by group, and whether each rests on a screen alone — without
     * a result overturned on dispute or a cannabinoid result under carry-over review.
     */
    unauthorized: readonly { group: SubstanceGroup; presumptive: boolean }[];
  }[];
  attendance: readonly { at: Date; kind: AttendanceKind; outcome: AttendanceOutcome }[];
  /** The team's last observation of an observed indicator. */
  observed: { met: boolean; on: string } | null;
};

export type IndicatorReading =
  | {
      status: 'met' | 'not_met' | 'no_data' | 'awaiting_confirmation';
      kind: 'no_positive_tests';
      tests: number;
      positives: number;
      presumptive: number;
    }
  | { status: 'met' | 'not_met'; kind: 'attendance_per_week'; attended: number; count: number }
  | { status: 'met' | 'not_met' | 'no_data'; kind: 'observed'; on: string | null };

const DAY = 86_400_000;

export function evaluateIndicator(indicator: Indicator, facts: IndicatorFacts): IndicatorReading {
  const now = facts.now.getTime();
  switch (indicator.kind) {
    case 'no_positive_tests': {
      const from = now - indicator.days * DAY;
      const relevant = (group: SubstanceGroup) => indicator.substances === 'all' || indicator.substances.includes(group);
      const inWindow = facts.tests.filter((t) => t.at.getTime() >= from && t.at.getTime() <= now && t.tested.some(relevant));
      let positives = 0;
      let presumptive = 0;
      for (const test of inWindow) {
        const found = test.unauthorized.filter((u) => relevant(u.group));
        if (found.length === 0) continue;
        if (found.every((u) => u.presumptive)) presumptive++;
        else positives++;
      }
      const status =
        positives > 0 ? 'not_met' : presumptive > 0 ? 'awaiting_confirmation' : inWindow.length === 0 ? 'no_data' : 'met';
      return { kind: 'no_positive_tests', status, tests: inWindow.length, positives, presumptive };
    }
    case 'attendance_per_week': {
      const from = now - 7 * DAY;
      const attended = facts.attendance.filter(
        (e) =>
          e.at.getTime() >= from &&
          e.at.getTime() <= now &&
          (e.outcome === 'attended' || e.outcome === 'late') &&
          (indicator.eventKinds === 'all' || indicator.eventKinds.includes(e.kind)),
      ).length;
      return {
        kind: 'attendance_per_week',
        status: attended >= indicator.count ? 'met' : 'not_met',
        attended,
        count: indicator.count,
      };
    }
    case 'observed':
      return facts.observed
        ? { kind: 'observed', status: facts.observed.met ? 'met' : 'not_met', on: facts.observed.on }
        : { kind: 'observed', status: 'no_data', on: null };
  }
}
