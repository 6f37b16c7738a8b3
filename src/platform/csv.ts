/*
 * Spreadsheet files (the accounting of disclosures, record exports): UTF-8 with a byte-order mark so
 * spreadsheet programs read accents right, CRLF line ends, every cell quoted.
 */

/** A spreadsheet cell: quoted, and never read as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** Rows of text as a CSV file (an empty row is an empty line). */
export function csvFile(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
