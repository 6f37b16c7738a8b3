import { Hl7Field, Hl7Message, Hl7Segment } from '@medplum/core';
import type { OruProblem } from './read-oru.js';

/*
 * HL7 acknowledgements (original mode): AA accepted (applied, or kept for a person to review), AE an
 * application error (a message Tandem read but could not take), AR rejected (not a message Tandem can
 * read). An ERR segment says why, with its HL7 table 0357 code.
 */

export type AckCode = 'AA' | 'AE' | 'AR';

const ERROR_NAMES: Record<OruProblem['code'], string> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '200': 'Unsupported message type',
  '207': 'Application internal error',
};

/** HL7 DTM for now, to the second, in UTC. */
function nowDtm(): string {
  return `${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}

function errSegment(problem: OruProblem): Hl7Segment {
  const text = problem.text.replace(/[|^~\\&\r\n]/g, ' ');
  return new Hl7Segment([
    'ERR',
    '',
    problem.field ?? '',
    `${problem.code}^${ERROR_NAMES[problem.code]}^HL70357`,
    'E',
    '',
    '',
    '',
    text,
  ]);
}

/** The ACK of a message that could be parsed (its header is answered). */
export function ackFor(message: Hl7Message, code: AckCode, problem?: OruProblem): string {
  const ack = message.buildAck({ ackCode: code, ...(problem ? { errSegment: errSegment(problem) } : {}) });
  if (problem) {
    // The acknowledgement's text says what went wrong too (MSA-3).
    const msa = ack.getSegment('MSA');
    if (msa) msa.fields[3] = Hl7Field.parse(problem.text.replace(/[|^~\\&\r\n]/g, ' '));
  }
  return ack.toString();
}

/** The ACK of something that is not an HL7 message at all: Tandem answers for itself. */
export function rejectUnreadable(problem: OruProblem): string {
  const id = `TDM${Date.now()}`;
  const ack = new Hl7Message([
    new Hl7Segment(['MSH', '^~\\&', 'TANDEM', 'TANDEM', '', '', nowDtm(), '', 'ACK', id, 'P', '2.5.1']),
    new Hl7Segment(['MSA', 'AR', '', problem.text.replace(/[|^~\\&\r\n]/g, ' ')]),
    errSegment(problem),
  ]);
  return ack.toString();
}

/** The acknowledgement code and text of an ACK Tandem sent (for the record and for tests). */
export function readAck(text: string): { code: string; controlId: string; text: string } {
  const message = Hl7Message.parse(text);
  const msa = message.getSegment('MSA');
  return {
    code: msa?.getField(1)?.toString() ?? '',
    controlId: msa?.getField(2)?.toString() ?? '',
    text: msa?.getField(3)?.toString() ?? '',
  };
}
