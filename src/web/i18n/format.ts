/**
 * Dates as people read them, per language. The API sends local dates as `YYYY-MM-DD` (a court's
 * calendar day, no time zone) and moments as ISO timestamps.
 */

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** A local date (`2026-03-14`) as e.g. "Mar 14, 2026" / "14 mar 2026". */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A moment (ISO timestamp) in the browser's time zone, with the time. */
export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Today's date on this device as `YYYY-MM-DD`. */
export function todayLocal(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Age in whole years on a given day, from a `YYYY-MM-DD` date of birth. */
export function ageOn(dateOfBirth: string, today: string): number | null {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return null;
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

/** A number per language ("1,234" / "1234"). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** The day (`YYYY-MM-DD`) an instant falls on here — for showing a moment as a date and for date fields. */
export function localDay(instant: string): string {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? '' : todayLocal(date);
}

/** The first and the last moment of a picked day here, for the API. */
export function startOfLocalDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
export function endOfLocalDay(day: string): string {
  return new Date(`${day}T23:59:59.999`).toISOString();
}

/** A day some whole months after another (`YYYY-MM-DD`), the 31st falling back to the month's last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * A day someone picked (`YYYY-MM-DD`) as a moment for the API: now when it is today, otherwise
 * midday of that day here — never a moment in the future for a day that has begun.
 */
export function instantOfDay(day: string, now = new Date()): string {
  if (day === todayLocal(now)) return now.toISOString();
  return new Date(`${day}T12:00:00`).toISOString();
}
