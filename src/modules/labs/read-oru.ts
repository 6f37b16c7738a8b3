import { Hl7Message, type Hl7Segment } from '@medplum/core';

/*
 * An HL7 v2.5.1 ORU^R01 result message read into plain data: a pure function over the message text
 * (parsing by @medplum/core's Hl7Message), no database. It reads what Tandem needs — who sent it and
 * its control id, the patient's identifiers, and per order the specimen's identifiers, when it was
 * collected and every observation — and says exactly what is wrong with a message it cannot read.
 */

export type OruObservation = {
  setId: string;
  valueType: string;
  code: string;
  text: string;
  codingSystem: string;
  alternateCode: string;
  alternateCodingSystem: string;
  /** OBX-5 as text (first component; a coded value's text when it has one), escapes decoded. */
  value: string;
  /** OBX-5's first component as sent (a code such as POS or NEG). */
  valueCode: string;
  units: string;
  referenceRange: string;
  abnormalFlags: string[];
  /** OBX-11: F final, C corrected, P preliminary, X cannot be obtained, D deleted… */
  status: string;
  observedAt: Date | null;
  method: string;
};

export type OruOrder = {
  placerOrderNumber: string;
  fillerOrderNumber: string;
  /** Specimen identifiers (SPM-2), with the order numbers the lab may use in their place. */
  specimenIds: string[];
  collectedAt: Date | null;
  resultStatus: string;
  observations: OruObservation[];
};

export type OruMessage = {
  controlId: string;
  sendingApplication: string;
  sendingFacility: string;
  messageType: string;
  version: string;
  patient: { identifiers: { value: string; authority: string; type: string }[]; name: string; dateOfBirth: string | null };
  orders: OruOrder[];
};

/** Why a message could not be read, and the HL7 table 0357 code that says so. */
export type OruProblem = { code: '100' | '101' | '102' | '200' | '207'; text: string; field?: string };

export type OruReading =
  | { ok: true; message: OruMessage; hl7: Hl7Message }
  | { ok: false; problem: OruProblem; hl7: Hl7Message | null; controlId: string | null; sendingFacility: string | null };

/** HL7's escape sequences (\F\ \S\ \T\ \R\ \E\, \.br\, \Xhh…\) decoded. */
export function unescapeHl7(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(F|S|T|R|E|\.br|X[0-9A-Fa-f]*)\\/g, (_, code: string) => {
    switch (code) {
      case 'F':
        return '|';
      case 'S':
        return '^';
      case 'T':
        return '&';
      case 'R':
        return '~';
      case 'E':
        return '\\';
      case '.br':
        return '\n';
      default: {
        const hex = code.slice(1);
        return hex.length % 2 === 0 ? Buffer.from(hex, 'hex').toString('latin1') : '';
      }
    }
  });
}

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than using one. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** The offset (ms) of a time zone from UTC at an instant. */
function zoneOffset(timeZone: string, instant: number): number {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  // Offsets change only at transitions on a quarter hour: one reading serves the whole quarter.
  const quarter = Math.floor(instant / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const start = quarter * QUARTER_HOUR;
  const parts = formatter.formatToParts(new Date(start));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - start;
  if (offsets.size >= 50_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/**
 * An HL7 DTM (YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]) as an instant. Without an offset it is the
 * sender's local time, read in `timeZone`. Null when empty; undefined when not a date at all.
 */
export function parseHl7Instant(value: string, timeZone: string): Date | null | undefined {
  const text = value.trim();
  if (text === '') return null;
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '0', zone] = m;
  const local = Date.UTC(+y!, +mo - 1, +d, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  const check = new Date(local);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return undefined;
  if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const minutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
    return new Date(local - minutes * 60_000);
  }
  // Local time in the sender's zone: the offset at that moment (DST included), found in two steps.
  const guess = local - zoneOffset(timeZone, local);
  return new Date(local - zoneOffset(timeZone, guess));
}

const component = (segment: Hl7Segment, field: number, c = 1, repetition = 0) =>
  unescapeHl7(segment.getComponent(field, c, undefined, repetition) ?? '').trim();

function repetitions(segment: Hl7Segment, field: number): number {
  return segment.getField(field)?.components.length ?? 0;
}

/** Reads an ORU^R01 message. `timeZone` reads times that carry no offset. */
export function readOru(text: string, timeZone: string): OruReading {
  let hl7: Hl7Message;
  try {
    // Segments end with CR; a message copied from a file may use LF or CRLF instead.
    hl7 = Hl7Message.parse(text.replace(/\r\n|\n/g, '\r').replace(/\r+$/, ''));
  } catch {
    return {
      ok: false,
      problem: { code: '100', text: 'The message does not begin with an MSH segment.' },
      hl7: null,
      controlId: null,
      sendingFacility: null,
    };
  }
  const msh = hl7.getSegment('MSH');
  const controlId = msh ? component(msh, 10) : '';
  const sendingFacility = msh ? component(msh, 4) : '';
  const fail = (problem: OruProblem): OruReading => ({
    ok: false,
    problem,
    hl7,
    controlId: controlId || null,
    sendingFacility: sendingFacility || null,
  });
  if (!msh || hl7.segments[0]?.name !== 'MSH')
    return fail({ code: '100', text: 'The message does not begin with an MSH segment.' });
  if (!controlId) return fail({ code: '101', text: 'MSH-10 (message control id) is missing.', field: 'MSH-10' });
  if (!sendingFacility) return fail({ code: '101', text: 'MSH-4 (sending facility) is missing.', field: 'MSH-4' });
  const messageType = `${component(msh, 9, 1)}^${component(msh, 9, 2)}`;
  if (messageType !== 'ORU^R01') {
    return fail({ code: '200', text: `Message type ${messageType} is not accepted; send ORU^R01 results.`, field: 'MSH-9' });
  }
  const pid = hl7.getSegment('PID');
  if (!pid) return fail({ code: '100', text: 'The message has no PID segment.', field: 'PID' });

  const orders: OruOrder[] = [];
  let pendingOrc: { placer: string; filler: string } | null = null;
  let current: OruOrder | null = null;
  for (const segment of hl7.segments) {
    switch (segment.name) {
      case 'ORC':
        pendingOrc = { placer: component(segment, 2), filler: component(segment, 3) };
        break;
      case 'OBR': {
        const collected = parseHl7Instant(component(segment, 7), timeZone);
        if (collected === undefined)
          return fail({ code: '102', text: 'OBR-7 (collection time) is not a date and time.', field: 'OBR-7' });
        current = {
          placerOrderNumber: component(segment, 2) || pendingOrc?.placer || '',
          fillerOrderNumber: component(segment, 3) || pendingOrc?.filler || '',
          specimenIds: [],
          collectedAt: collected,
          resultStatus: component(segment, 25),
          observations: [],
        };
        pendingOrc = null;
        orders.push(current);
        break;
      }
      case 'OBX': {
        if (!current) return fail({ code: '100', text: 'An OBX segment comes before any OBR.', field: 'OBX' });
        const observedAt = parseHl7Instant(component(segment, 14), timeZone);
        if (observedAt === undefined)
          return fail({ code: '102', text: 'OBX-14 (observation time) is not a date and time.', field: 'OBX-14' });
        const valueType = component(segment, 2);
        const coded = ['CE', 'CWE', 'CNE'].includes(valueType);
        const first = component(segment, 5, 1);
        const flags: string[] = [];
        for (let r = 0; r < Math.max(1, repetitions(segment, 8)); r++) {
          const flag = component(segment, 8, 1, r);
          if (flag) flags.push(flag.toUpperCase());
        }
        const structured = valueType === 'SN' ? `${component(segment, 5, 1)}${component(segment, 5, 2)}` : first;
        current.observations.push({
          setId: component(segment, 1),
          valueType,
          code: component(segment, 3, 1),
          text: component(segment, 3, 2),
          codingSystem: component(segment, 3, 3),
          alternateCode: component(segment, 3, 4),
          alternateCodingSystem: component(segment, 3, 6),
          value: coded ? component(segment, 5, 2) || first : structured,
          valueCode: first,
          units: component(segment, 6, 1),
          referenceRange: component(segment, 7),
          abnormalFlags: flags,
          status: component(segment, 11).toUpperCase(),
          observedAt,
          method: [component(segment, 17, 1), component(segment, 17, 2)].filter(Boolean).join(' '),
        });
        break;
      }
      case 'SPM': {
        if (!current) return fail({ code: '100', text: 'An SPM segment comes before any OBR.', field: 'SPM' });
        const ids = [component(segment, 2, 1), component(segment, 2, 2)].filter(Boolean);
        current.specimenIds.push(...ids);
        const collected = parseHl7Instant(component(segment, 17, 1), timeZone);
        if (collected) current.collectedAt = collected;
        break;
      }
      default:
        break;
    }
  }
  if (orders.length === 0)
    return fail({ code: '100', text: 'The message has no OBR segment: there are no results in it.', field: 'OBR' });

  const identifiers: OruMessage['patient']['identifiers'] = [];
  for (let r = 0; r < Math.max(1, repetitions(pid, 3)); r++) {
    const value = component(pid, 3, 1, r);
    if (value) identifiers.push({ value, authority: component(pid, 3, 4, r), type: component(pid, 3, 5, r) });
  }
  const dob = component(pid, 7);
  return {
    ok: true,
    hl7,
    message: {
      controlId,
      sendingApplication: component(msh, 3),
      sendingFacility,
      messageType,
      version: component(msh, 12),
      patient: {
        identifiers,
        name: [component(pid, 5, 2), component(pid, 5, 1)].filter(Boolean).join(' '),
        dateOfBirth: /^\d{8}/.test(dob) ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}` : null,
      },
      orders,
    },
  };
}
