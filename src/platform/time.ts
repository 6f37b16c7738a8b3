import { AppError } from './http/errors.js';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (YYYY-MM-DD) in a time zone; a court's dates are local to the court. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // One formatter per zone: making one costs far more than using it.
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

/**
 * An instant given by a client that must not lie in the future (a minute of clock skew allowed), or
 * now when none is given; a future one is refused with a field error.
 */
export function pastInstant(value: string | undefined, field: string, now: Date = new Date()): Date {
  const instant = value ? new Date(value) : now;
  if (instant.getTime() > now.getTime() + 60_000) {
    throw new AppError('validation', 'errors.date_in_future', { fields: [{ path: field, message: 'errors.date_in_future' }] });
  }
  return instant;
}
