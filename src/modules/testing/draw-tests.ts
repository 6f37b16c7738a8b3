import { createHmac } from 'node:crypto';

/*
 * The random draw of who tests when: a pure, reproducible function of a week's seed, a day and the
 * pool drawn from. Each member of the pool (a call-in group, or a participant drawn on their own)
 * is given, for each week, as many distinct days as their frequency asks — `testsPerWeek` of the
 * seven, every day of the week equally likely, weekends and holidays included — so that "at least
 * twice a week" holds every week, and nobody can tell from the calendar when the next test comes. A
 * fractional frequency (1.5 a week) gives the whole number of days and one more day with the
 * remaining probability. Anyone with the stored seed and pool can run the draw again and must get
 * the same answer.
 */

export const DRAW_ALGORITHM = 'tandem-weekly-v1: HMAC-SHA256(week seed, member) orders the 7 days; the first k are test days';

export type DrawMember = { id: string; testsPerWeek: number };
export type DrawPool = { groups: DrawMember[]; plans: DrawMember[] };

const DAY = 86_400_000;

/** The Monday of a date's ISO week, and the date's place in it (0 Monday … 6 Sunday). */
export function weekOf(date: string): { weekStart: string; day: number } {
  const at = Date.parse(`${date}T00:00:00Z`);
  const day = (new Date(at).getUTCDay() + 6) % 7;
  return { weekStart: new Date(at - day * DAY).toISOString().slice(0, 10), day };
}

/** Uniform numbers in [0, 1) from a keyed hash: the draw's only source of chance. */
function uniforms(seed: string, label: string, count: number): number[] {
  const out: number[] = [];
  for (let block = 0; out.length < count; block++) {
    const digest = createHmac('sha256', seed).update(`${label}|${block}`).digest();
    for (let i = 0; i + 6 <= digest.length && out.length < count; i += 6) out.push(digest.readUIntBE(i, 6) / 2 ** 48);
  }
  return out;
}

/** The days (0 Monday … 6 Sunday) of one week on which a member is tested. */
export function testDays(weekSeed: string, weekStart: string, member: DrawMember): number[] {
  const [fraction, ...order] = uniforms(weekSeed, `${weekStart}|${member.id}`, 8) as [number, ...number[]];
  const frequency = Math.min(7, Math.max(0, member.testsPerWeek));
  const count = Math.floor(frequency) + (fraction < frequency - Math.floor(frequency) ? 1 : 0);
  // A random order of the seven days (sorting by a uniform key); the first `count` are test days.
  const days = [0, 1, 2, 3, 4, 5, 6].sort((a, b) => order[a]! - order[b]! || a - b);
  return days.slice(0, count).sort((a, b) => a - b);
}

/** Who is called in on a day: the groups, and the participants drawn on their own. */
export function drawDay(weekSeed: string, date: string, pool: DrawPool): { groupIds: string[]; planIds: string[] } {
  const { weekStart, day } = weekOf(date);
  const picks = (members: DrawMember[]) =>
    members
      .filter((m) => testDays(weekSeed, weekStart, m).includes(day))
      .map((m) => m.id)
      .sort();
  return { groupIds: picks(pool.groups), planIds: picks(pool.plans) };
}
