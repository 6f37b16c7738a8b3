import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { ZAnalyteCode } from '../testing/substances.js';
import { MllpDecoder } from './mllp.js';

/*
 * Lab results from files: HL7 v2 batches (one message after another, framed by MLLP or not, with or
 * without FHS/BHS batch headers) and spreadsheets for courts that receive them so. A spreadsheet's
 * rows become ORU^R01 messages — one per specimen — and go the same way as any message: matched by
 * accession id (or case number and collection day), acknowledged, idempotent (a row group's message
 * id is its content's hash, so importing a file again applies nothing twice), and held for review
 * when they do not fit.
 */

/** The messages in an HL7 file. */
export function splitHl7Batch(text: string): string[] {
  if (text.includes('\x0b')) {
    return new MllpDecoder().push(Buffer.from(text, 'utf8')).flatMap((f) => (f.kind === 'message' ? [f.text] : []));
  }
  const messages: string[] = [];
  let current: string[] = [];
  for (const segment of text.split(/\r\n|\r|\n/)) {
    if (segment.trim() === '' || /^(FHS|BHS|BTS|FTS)\|/.test(segment)) continue;
    if (!/^[A-Z][A-Z0-9]{2}(\||$)/.test(segment)) {
      // Not a segment: kept as what it is (and refused), never folded into a message.
      if (current.length > 0) messages.push(`${current.join('\r')}\r`);
      messages.push(segment);
      current = [];
      continue;
    }
    if (segment.startsWith('MSH') && current.length > 0) {
      messages.push(`${current.join('\r')}\r`);
      current = [];
    }
    current.push(segment);
  }
  if (current.length > 0) messages.push(`${current.join('\r')}\r`);
  return messages;
}

/** The columns a results spreadsheet has (a header row names them; order does not matter). */
export const CSV_COLUMNS = {
  required: ['collected_at', 'analyte', 'result'],
  identifying: ['accession_id', 'case_number'],
  optional: ['stage', 'value', 'unit', 'cutoff', 'creatinine_mg_dl', 'specific_gravity', 'ph', 'validity', 'participant_name'],
} as const;

export type CsvProblem = { row: number; message: string };

const RESULT_WORDS: Record<string, string> = {
  positive: 'POS^Positive^HL70078',
  pos: 'POS^Positive^HL70078',
  negative: 'NEG^Negative^HL70078',
  neg: 'NEG^Negative^HL70078',
  inconclusive: 'IND^Indeterminate^HL70078',
};

const clean = (value: string) => value.replace(/[|^~\\&\r\n]/g, ' ').trim();

/** An HL7 DTM for a spreadsheet's date or date-time (with its offset, or local to the lab). */
function dtm(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const offset = zone === undefined ? '' : zone === 'Z' ? '+0000' : zone.replace(':', '');
  return `${y}${mo}${d}${h}${mi}${s}${offset}`;
}

/**
 * A results spreadsheet as ORU^R01 messages from a lab (its sending facility), one per specimen;
 * rows that cannot be read are reported by row number, never guessed.
 */
export function csvToOru(text: string, facility: string): { messages: string[]; problems: CsvProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return { messages: [], problems: [{ row: 0, message: `The file is not a readable CSV: ${(error as Error).message}` }] };
  }
  const problems: CsvProblem[] = [];
  const first = records[0];
  if (!first) return { messages: [], problems: [{ row: 0, message: 'The file has no rows.' }] };
  const missing = CSV_COLUMNS.required.filter((c) => !(c in first));
  if (missing.length > 0 || !CSV_COLUMNS.identifying.some((c) => c in first)) {
    return {
      messages: [],
      problems: [
        {
          row: 1,
          message: `The header row needs ${[...CSV_COLUMNS.required, 'accession_id or case_number'].join(', ')}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}.`,
        },
      ],
    };
  }
  const groups = new Map<string, { rows: { row: number; r: Record<string, string> }[] }>();
  /** Why a row cannot be read, or null. */
  const problemOf = (r: Record<string, string>): string | null => {
    if (!r.accession_id && !r.case_number) return 'Give an accession_id or a case_number.';
    if (!dtm(r.collected_at ?? '')) return `collected_at "${r.collected_at}" is not a date (YYYY-MM-DD, or YYYY-MM-DDTHH:MM).`;
    if (!ZAnalyteCode.safeParse((r.analyte ?? '').toLowerCase()).success) return `analyte "${r.analyte}" is not an analyte code.`;
    if (!RESULT_WORDS[(r.result ?? '').toLowerCase()]) return `result "${r.result}" is not positive, negative or inconclusive.`;
    if (r.stage && !['screen', 'confirmation'].includes(r.stage.toLowerCase()))
      return `stage "${r.stage}" is not screen or confirmation.`;
    return null;
  };
  for (const [i, r] of records.entries()) {
    const row = i + 2;
    const problem = problemOf(r);
    if (problem) {
      problems.push({ row, message: problem });
      continue;
    }
    const key = r.accession_id ? `acc:${r.accession_id}` : `case:${r.case_number}|${r.collected_at}`;
    const group = groups.get(key) ?? { rows: [] };
    group.rows.push({ row, r });
    groups.set(key, group);
  }
  const messages = [...groups.values()].map(({ rows }) => {
    const head = rows[0]!.r;
    const collected = dtm(head.collected_at!)!;
    const body = rows.map(({ r }) => JSON.stringify(r)).join('\n');
    const controlId = `CSV-${createHash('sha256').update(`${facility}\n${body}`).digest('hex').slice(0, 24)}`;
    const obx: string[] = [];
    let n = 0;
    const validity: [string, string, string, string][] = [];
    if (head.creatinine_mg_dl) validity.push(['2161-8', 'Creatinine', head.creatinine_mg_dl, 'mg/dL']);
    if (head.specific_gravity) validity.push(['2965-2', 'Specific gravity', head.specific_gravity, '']);
    if (head.ph) validity.push(['5803-2', 'pH', head.ph, '']);
    for (const [code, name, value, unit] of validity) obx.push(`OBX|${++n}|NM|${code}^${name}^LN||${clean(value)}|${unit}|||||F`);
    if (head.validity) obx.push(`OBX|${++n}|ST|specimen_validity^Specimen validity^TANDEM||${clean(head.validity)}||||||F`);
    for (const { r } of rows) {
      const confirmation = r.stage?.toLowerCase() === 'confirmation';
      const value = r.value ? clean(r.value) : '';
      obx.push(
        `OBX|${++n}|${value ? 'NM' : 'CWE'}|${clean(r.analyte!.toLowerCase())}^${clean(r.analyte!)}^TANDEM||${value || RESULT_WORDS[r.result!.toLowerCase()]}|${clean(r.unit ?? '')}|${r.cutoff ? `<${clean(r.cutoff)}` : ''}|${value ? (r.result!.toLowerCase().startsWith('pos') ? 'A' : 'N') : ''}|||F||||||${confirmation ? 'CONFIRM^Confirmation' : ''}`,
      );
    }
    const patient = head.case_number ? clean(head.case_number) : '';
    return [
      `MSH|^~\\&|CSV|${clean(facility)}|TANDEM|TANDEM|${collected}||ORU^R01^ORU_R01|${controlId}|P|2.5.1`,
      `PID|1||${patient}^^^TANDEM-CASE^PI||${clean(head.participant_name ?? '')}`,
      `OBR|1||${clean(head.accession_id ?? '')}|CSV^Results spreadsheet^L|||${collected}`,
      ...obx,
    ].join('\r');
  });
  return { messages, problems };
}
