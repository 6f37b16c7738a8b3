import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type AnonymousAuditContext, recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Tx } from '../../platform/db/database.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { enrollments } from '../participants/participants.tables.js';
import { applyResults, type NewResult } from '../testing/manage-tests.js';
import { drugTests, type TestRow } from '../testing/testing.tables.js';
import { reinterpretTests } from '../testing/tests.repository.js';
import { type AckCode, ackFor, rejectUnreadable } from './hl7-ack.js';
import type { MessageStatus, ReviewReason, Transport } from './labs.schema.js';
import { hl7Messages, labCodeMappings, labReviewItems, labs } from './labs.tables.js';
import { type LabMapping, readObservation } from './read-observation.js';
import { type OruMessage, type OruOrder, type OruProblem, readOru } from './read-oru.js';

/*
 * Lab results in: one ORU^R01 message, from any transport (MLLP, HTTPS, a file), taken in one
 * transaction. Every message is kept as received. A message sent again (same sending facility and
 * control id) is acknowledged and not applied twice. Each order finds its test by the specimen's
 * identifiers (accession, specimen or order number, chain-of-custody id) or — failing those — by the
 * participant's identifier and the day of collection, when exactly one test fits. What does not
 * match, a code no mapping knows, a value that reads neither way, or a final result that contradicts
 * one already final, goes to the lab's review queue; the rest is applied. Nothing is dropped or
 * guessed, and a message Tandem cannot take is still stored before it is refused.
 */

export type IngestSource = {
  transport: Transport;
  /** The API token's organization (HTTPS): a lab may deliver only through its own organization's token. */
  tokenOrganizationId: string | null;
  audit: AccessContext | AnonymousAuditContext;
  receivedBy: string;
};

export type IngestResult = { ack: string; code: AckCode; status: MessageStatus; messageId: string | null; testIds: string[] };

export type Lab = typeof labs.$inferSelect & { timeZone: string; mappings: Map<string, LabMapping> };

/** MSH-4 and MSH-10, read before the whole message (to find the lab, whose zone reads its times). */
function peekHeader(raw: string): { facility: string; controlId: string } | null {
  const first = raw.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (!first.startsWith('MSH') || first.length < 8) return null;
  const separator = first[3]!;
  const componentSeparator = first[4] ?? '^';
  const fields = first.split(separator);
  return { facility: (fields[3] ?? '').split(componentSeparator)[0]!.trim(), controlId: (fields[9] ?? '').trim() };
}

/** The active lab with this sending facility, with its time zone and its own code mappings (one query). */
export async function findLab(db: Db | Tx, facility: string): Promise<Lab | null> {
  const [row] = await db
    .select({
      lab: labs,
      timeZone: organizations.timeZone,
      mappings: sql<LabMappingRow[]>`coalesce((
        SELECT json_agg(json_build_object('code', m.code, 'target', m.target, 'analyte', m.analyte,
                                          'substanceGroup', m.substance_group, 'stage', m.stage))
        FROM lab_code_mappings m WHERE m.lab_id = "labs"."id"), '[]'::json)`,
    })
    .from(labs)
    .innerJoin(organizations, eq(organizations.id, labs.organizationId))
    .where(and(eq(labs.sendingFacility, facility), eq(labs.active, true)));
  return row ? { ...row.lab, timeZone: row.timeZone, mappings: mappingsByCode(row.mappings) } : null;
}

type LabMappingRow = { code: string } & LabMapping;

function mappingsByCode(rows: readonly LabMappingRow[]): Map<string, LabMapping> {
  return new Map(
    rows.map((m) => [m.code, { target: m.target, analyte: m.analyte, substanceGroup: m.substanceGroup, stage: m.stage }]),
  );
}

/** Keeps a message Tandem will not take, with why. */
async function storeRefused(
  db: Db,
  raw: string,
  source: IngestSource,
  header: { facility: string | null; controlId: string | null },
  lab: Lab | null,
  code: 'AE' | 'AR',
  problem: OruProblem,
): Promise<string | null> {
  const [row] = await db
    .insert(hl7Messages)
    .values({
      labId: lab?.id ?? null,
      sendingFacility: header.facility,
      controlId: header.controlId,
      transport: source.transport,
      raw,
      status: 'rejected',
      ackCode: code,
      error: problem.text,
      receivedBy: source.receivedBy,
    })
    .returning({ id: hl7Messages.id });
  return row?.id ?? null;
}

/** The test an order's results belong to, or null (for review). Only tests the lab's organization holds or serves. */
export async function matchTest(tx: Tx, lab: Lab, message: OruMessage, order: OruOrder): Promise<TestRow | null> {
  const ids = [...new Set([...order.specimenIds, order.fillerOrderNumber, order.placerOrderNumber].filter(Boolean))];
  const served = or(eq(drugTests.custodianOrgId, lab.organizationId), eq(enrollments.courtId, lab.organizationId));
  if (ids.length > 0) {
    const rows = await tx
      .select({ test: drugTests })
      .from(drugTests)
      .innerJoin(enrollments, eq(enrollments.id, drugTests.enrollmentId))
      .where(and(or(inArray(drugTests.accessionId, ids), inArray(drugTests.chainOfCustodyId, ids)), served));
    if (rows.length === 1) return rows[0]!.test;
    if (rows.length > 1) return null;
  }
  // The participant's identifier (Tandem's id, or the case number) and the day of collection.
  if (!order.collectedAt) return null;
  const values = message.patient.identifiers.map((i) => i.value);
  if (values.length === 0) return null;
  const uuids = values.filter((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v));
  // Case numbers are found first, so each test condition is one index scan (participant, enrollment).
  const cases = (await tx.select({ id: enrollments.id }).from(enrollments).where(inArray(enrollments.caseNumber, values))).map(
    (r) => r.id,
  );
  if (uuids.length === 0 && cases.length === 0) return null;
  const day = order.collectedAt.getTime();
  const rows = await tx
    .select({ test: drugTests })
    .from(drugTests)
    .innerJoin(enrollments, eq(enrollments.id, drugTests.enrollmentId))
    .where(
      and(
        or(
          uuids.length > 0 ? inArray(drugTests.participantId, uuids) : undefined,
          cases.length > 0 ? inArray(drugTests.enrollmentId, cases) : undefined,
        ),
        served,
        eq(drugTests.collection, 'collected'),
        isNull(drugTests.firstResultAt),
        // The same day, give or take: a spreadsheet may give the day without the hour.
        sql`abs(extract(epoch FROM ${drugTests.collectedAt}) - ${day / 1000}) <= 86400`,
      ),
    );
  return rows.length === 1 ? rows[0]!.test : null;
}

export type ReviewItem = { reason: ReviewReason; detail: Record<string, unknown> };

/** A lab's own code mappings, by code. */
export async function labMappings(tx: Tx, labId: string): Promise<Map<string, LabMapping>> {
  return mappingsByCode(await tx.select().from(labCodeMappings).where(eq(labCodeMappings.labId, labId)));
}

export async function keepForReview(tx: Tx, messageId: string, organizationId: string, review: readonly ReviewItem[]) {
  if (review.length === 0) return;
  await tx.insert(labReviewItems).values(
    review.map((item) => ({
      messageId,
      organizationId,
      reason: item.reason,
      detail: item.detail,
      testId: typeof item.detail.testId === 'string' ? item.detail.testId : null,
    })),
  );
}

/**
 * Applies one order of a message to its test (null: none matched — the order waits for review): the
 * validity readings, the results, and what needs a person. Run again for the same order (after a
 * review settles it), it applies only what was not applied yet.
 */
export async function applyOrder(
  tx: Tx,
  options: {
    message: OruMessage;
    order: OruOrder;
    index: number;
    test: TestRow | null;
    mappings: ReadonlyMap<string, LabMapping>;
    messageId: string;
    now: Date;
  },
): Promise<{ applied: number; review: ReviewItem[] }> {
  const { message, order, index, test, mappings, now } = options;
  const where = {
    order: index + 1,
    specimenIds: order.specimenIds,
    filler: order.fillerOrderNumber,
    placer: order.placerOrderNumber,
  };
  if (!test) {
    return {
      applied: 0,
      review: [
        {
          reason: 'unmatched_specimen',
          detail: {
            ...where,
            patient: message.patient,
            collectedAt: order.collectedAt?.toISOString() ?? null,
            observations: order.observations.map((o) => ({ code: o.code, text: o.text, value: o.value, status: o.status })),
          },
        },
      ],
    };
  }
  const review: ReviewItem[] = [];
  const readings = order.observations.map((o) => ({ o, read: readObservation(o, mappings) }));
  const unmapped = readings.filter((r) => r.read.kind === 'unmapped' || r.o.status === 'D');
  if (unmapped.length > 0) {
    review.push({
      reason: 'unmapped_code',
      detail: {
        ...where,
        testId: test.id,
        observations: unmapped.map(({ o, read }) => ({
          setId: o.setId,
          code: o.code,
          text: o.text,
          codingSystem: o.codingSystem,
          value: o.value,
          units: o.units,
          referenceRange: o.referenceRange,
          status: o.status,
          why: o.status === 'D' ? 'deleted' : read.kind === 'unmapped' ? read.reason : 'deleted',
        })),
      },
    });
  }
  const validity: Partial<typeof drugTests.$inferInsert> = {};
  const results: NewResult[] = [];
  for (const { o, read } of readings) {
    if (o.status === 'D') continue;
    switch (read.kind) {
      case 'creatinine':
        validity.creatinineMgDl = read.mgDl;
        break;
      case 'specific_gravity':
        validity.specificGravity = read.value;
        break;
      case 'ph':
        validity.ph = read.value;
        break;
      case 'oxidants':
        validity.adulterantDetected = read.detected;
        break;
      case 'specimen_validity':
        validity.reportedValidity = read.validity;
        break;
      case 'result':
        results.push({
          analyte: read.analyte,
          group: read.group,
          stage: read.stage,
          result: read.result,
          value: read.value,
          unit: read.unit,
          cutoff: read.cutoff,
          method: read.method,
          code: o.code,
          codeSystem: o.codingSystem || null,
          observedAt: o.observedAt,
          status: o.status === 'C' ? 'corrected' : o.status === 'P' ? 'preliminary' : 'final',
        });
        break;
      default:
        break;
    }
  }
  if (Object.keys(validity).length > 0) {
    await tx
      .update(drugTests)
      .set({ ...validity, updatedAt: now })
      .where(eq(drugTests.id, test.id));
  }
  const outcome = await applyResults(tx, test, results, { messageId: options.messageId, reportedAt: now });
  if (outcome.conflicts.length > 0) {
    review.push({
      reason: 'result_conflict',
      detail: {
        ...where,
        testId: test.id,
        results: outcome.conflicts.map((r) => ({ analyte: r.analyte, stage: r.stage, result: r.result, value: r.value ?? null })),
      },
    });
  }
  await reinterpretTests(tx, test.participantId, [test.id]);
  return { applied: outcome.applied + Object.keys(validity).length, review };
}

/** Takes one HL7 message: never throws; the answer is the ACK to send. */
export async function ingestHl7(db: Db, raw: string, source: IngestSource): Promise<IngestResult> {
  const header = peekHeader(raw);
  const lab = header?.facility ? await findLab(db, header.facility) : null;
  const reading = readOru(raw, lab?.timeZone ?? 'UTC');
  const refuse = async (code: 'AE' | 'AR', problem: OruProblem): Promise<IngestResult> => {
    const messageId = await storeRefused(
      db,
      raw,
      source,
      { facility: header?.facility || null, controlId: header?.controlId || null },
      lab,
      code,
      problem,
    );
    const ack = reading.hl7 ? ackFor(reading.hl7, code, problem) : rejectUnreadable(problem);
    return { ack, code, status: 'rejected', messageId, testIds: [] };
  };
  if (!reading.ok) return refuse('AR', reading.problem);
  if (!lab) {
    return refuse('AR', {
      code: '207',
      text: `No lab with sending facility "${reading.message.sendingFacility}" is set up in Tandem.`,
      field: 'MSH-4',
    });
  }
  if (source.tokenOrganizationId !== null && source.tokenOrganizationId !== lab.organizationId) {
    return refuse('AR', { code: '207', text: 'This API token may not deliver results for that lab.', field: 'MSH-4' });
  }
  try {
    return await db.transaction((tx) => apply(tx, raw, reading.message, reading.hl7, lab, source));
  } catch (error) {
    return refuse('AE', { code: '207', text: `The message could not be applied: ${(error as Error).message}`.slice(0, 400) });
  }
}

async function apply(
  tx: Tx,
  raw: string,
  message: OruMessage,
  hl7: Parameters<typeof ackFor>[0],
  lab: Lab,
  source: IngestSource,
): Promise<IngestResult> {
  const [stored] = await tx
    .insert(hl7Messages)
    .values({
      labId: lab.id,
      sendingFacility: message.sendingFacility,
      controlId: message.controlId,
      messageType: message.messageType,
      transport: source.transport,
      raw,
      status: 'processed',
      ackCode: 'AA',
      receivedBy: source.receivedBy,
    })
    .onConflictDoNothing()
    .returning({ id: hl7Messages.id });
  if (!stored) {
    // Sent before: acknowledged as it was then, applied once.
    const [earlier] = await tx
      .select({ id: hl7Messages.id, ackCode: hl7Messages.ackCode, status: hl7Messages.status, testIds: hl7Messages.testIds })
      .from(hl7Messages)
      .where(
        and(
          eq(hl7Messages.sendingFacility, message.sendingFacility),
          eq(hl7Messages.controlId, message.controlId),
          sql`${hl7Messages.status} <> 'rejected'`,
        ),
      );
    const code = (earlier?.ackCode ?? 'AA') as AckCode;
    return { ack: ackFor(hl7, code), code, status: 'duplicate', messageId: earlier?.id ?? null, testIds: earlier?.testIds ?? [] };
  }
  const mappings = lab.mappings;
  const review: ReviewItem[] = [];
  const testIds: string[] = [];
  const participants = new Set<string>();
  let applied = 0;
  const now = new Date();
  for (const [index, order] of message.orders.entries()) {
    const test = await matchTest(tx, lab, message, order);
    const outcome = await applyOrder(tx, { message, order, index, test, mappings, messageId: stored.id, now });
    review.push(...outcome.review);
    applied += outcome.applied;
    if (test) {
      testIds.push(test.id);
      participants.add(test.participantId);
    }
  }
  await keepForReview(tx, stored.id, lab.organizationId, review);
  const status: MessageStatus = review.length === 0 ? 'processed' : applied > 0 ? 'partly_processed' : 'review';
  await tx
    .update(hl7Messages)
    .set({ status, testIds: [...new Set(testIds)] })
    .where(eq(hl7Messages.id, stored.id));
  await recordAudit(tx, source.audit, {
    action: 'lab.message',
    participantIds: [...participants],
    targetType: 'hl7_message',
    targetId: stored.id,
    details: { lab: lab.id, controlId: message.controlId, status, transport: source.transport, reviewItems: review.length },
  });
  // Accepted: applied, or kept whole for a person to review.
  return { ack: ackFor(hl7, 'AA'), code: 'AA', status, messageId: stored.id, testIds: [...new Set(testIds)] };
}
