import { describe, expect, it } from 'vitest';
import { drawDay, testDays, weekOf } from './draw-tests.js';

const SEED = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a3f1c2d4e5b60718293a4b5c6d7e8f9';
const member = (id: string, testsPerWeek = 2) => ({ id, testsPerWeek });

/** Mondays of `weeks` weeks from 2026-01-05. */
const mondays = (weeks: number) =>
  Array.from({ length: weeks }, (_, i) => new Date(Date.UTC(2026, 0, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10));

describe('the random draw', () => {
  it('places a date in its ISO week', () => {
    expect(weekOf('2026-12-01')).toEqual({ weekStart: '2026-11-30', day: 1 });
    expect(weekOf('2026-12-06')).toEqual({ weekStart: '2026-11-30', day: 6 });
    expect(weekOf('2026-11-30')).toEqual({ weekStart: '2026-11-30', day: 0 });
  });

  it('tests everyone exactly as often as asked, every single week (never fewer than twice)', () => {
    for (const week of mondays(104)) {
      for (let i = 0; i < 50; i++) {
        expect(testDays(SEED, week, member(`p${i}`, 2))).toHaveLength(2);
        expect(testDays(SEED, week, member(`q${i}`, 3))).toHaveLength(3);
        expect(new Set(testDays(SEED, week, member(`p${i}`, 2))).size).toBe(2);
      }
    }
  });

  it('gives a fractional frequency its mean', () => {
    let total = 0;
    const weeks = mondays(200);
    for (const week of weeks) for (let i = 0; i < 50; i++) total += testDays(SEED, week, member(`f${i}`, 1.5)).length;
    const mean = total / (weeks.length * 50);
    expect(mean).toBeGreaterThan(1.45);
    expect(mean).toBeLessThan(1.55);
  });

  it('makes every day of the week — weekends too — equally likely (chi-square, 6 degrees of freedom)', () => {
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (const week of mondays(104)) {
      for (let i = 0; i < 200; i++) for (const day of testDays(SEED, week, member(`p${i}`, 2))) counts[day]! += 1;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    const expected = total / 7;
    const chiSquare = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 22.46 is the 99.9th percentile of chi-square with 6 degrees of freedom.
    expect(chiSquare).toBeLessThan(22.46);
    // Weekends get their two sevenths.
    expect((counts[5]! + counts[6]!) / total).toBeCloseTo(2 / 7, 2);
  });

  it('is reproducible from its seed and pool, and a member’s days do not depend on who else is in the pool', () => {
    const pool = { groups: [member('blue'), member('green')], plans: [member('p1'), member('p2', 3)] };
    expect(drawDay(SEED, '2026-12-02', pool)).toEqual(drawDay(SEED, '2026-12-02', pool));
    const alone = drawDay(SEED, '2026-12-02', { groups: [], plans: [member('p2', 3)] }).planIds;
    expect(drawDay(SEED, '2026-12-02', pool).planIds.includes('p2')).toBe(alone.includes('p2'));
    // Across the week, each member is called on exactly its days.
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    const called = week.filter((d) => drawDay(SEED, d, pool).groupIds.includes('blue'));
    expect(called).toHaveLength(2);
  });

  it('another seed gives another schedule', () => {
    const other = 'b'.repeat(64);
    const differs = mondays(10).some(
      (week) => JSON.stringify(testDays(SEED, week, member('p1'))) !== JSON.stringify(testDays(other, week, member('p1'))),
    );
    expect(differs).toBe(true);
  });
});
