import { describe, expect, it } from 'vitest';
import { parseHl7Instant } from './read-oru.js';

/*
 * HL7 times without an offset are the sender's local time: read in the lab's zone, summer time
 * included, on either side of a change of the clocks.
 */

describe('HL7 times', () => {
  it('reads an offset when one is given, to the second and beyond', () => {
    expect(parseHl7Instant('20261130091500-0500', 'UTC')!.toISOString()).toBe('2026-11-30T14:15:00.000Z');
    expect(parseHl7Instant('20261130091500.25+0130', 'UTC')!.toISOString()).toBe('2026-11-30T07:45:00.250Z');
    expect(parseHl7Instant('2026', 'UTC')!.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('reads local time in the lab’s zone, in winter and in summer, and around the change of the clocks', () => {
    const ny = (text: string) => parseHl7Instant(text, 'America/New_York')!.toISOString();
    expect(ny('20260115120000')).toBe('2026-01-15T17:00:00.000Z');
    expect(ny('20260715120000')).toBe('2026-07-15T16:00:00.000Z');
    // 8 March 2026: 01:59 EST, then 03:00 EDT.
    expect(ny('20260308015900')).toBe('2026-03-08T06:59:00.000Z');
    expect(ny('20260308030000')).toBe('2026-03-08T07:00:00.000Z');
    expect(ny('20260308031400')).toBe('2026-03-08T07:14:00.000Z');
    // 1 November 2026: the hour from 01:00 happens twice; 02:00 is EST again.
    expect(ny('20261101020000')).toBe('2026-11-01T07:00:00.000Z');
    expect(ny('20261101005900')).toBe('2026-11-01T04:59:00.000Z');
    // A zone with a half-hour offset.
    expect(parseHl7Instant('20261201120000', 'Asia/Kolkata')!.toISOString()).toBe('2026-12-01T06:30:00.000Z');
    // Read again (from what is remembered), the same.
    expect(ny('20260308030000')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('is null when empty and undefined when not a time at all', () => {
    expect(parseHl7Instant('', 'UTC')).toBeNull();
    expect(parseHl7Instant('2026-13-45', 'UTC')).toBeUndefined();
    expect(parseHl7Instant('20260230', 'UTC')).toBeUndefined();
  });
});
