import { and, eq, inArray, isNull, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { type AnonymousAuditContext, auditStatement } from '../../platform/audit/record-audit.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { insertRowsStatement, updateRowsStatement, writeTogether } from '../../platform/db/sql-helpers.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { enrollments } from '../participants/participants.tables.js';
import type { NewResult } from '../testing/manage-tests.js';
import { ResultLedger } from '../testing/result-ledger.js';
import { drugTests, type TestRow } from '../testing/testing.tables.js';
import { interpretationColumns, reinterpretations } from '../testing/tests.repository.js';
import { type AckCode, ackFor, rejectUnreadable } from './hl7-ack.js';
import type { MessageStatus, ReviewReason, Transport } from './labs.schema.js';
import { hl7Messages, labCodeMappings, labReviewItems, labs } from './labs.tables.js';
import { type LabMapping, readObservation } from './read-observation.js';
import { type OruMessage, type OruOrder, type OruProblem, readOru } from './read-oru.js';

/*
 * Lab results in: ORU^R01 messages, from any transport (MLLP, HTTPS, a file). Every message is kept
 * as received. A message sent again (same sending facility and control id) is acknowledged and not
 * applied twice. Each order finds its test by the specimen's identifiers (accession, specimen or
 * order number, chain-of-custody id) or — failing those — by the participant's identifier and the
 * day of collection, when exactly one test fits. What does not match, a code no mapping knows, a
 * value that reads neither way, or a final result that contradicts one already final, goes to the
 * lab's review queue; the rest is applied. Nothing is dropped or guessed, and a message Tandem cannot
 * take is still stored before it is refused.
 *
 * Messages that arrive together — from any connection, any transport — are taken together (group
 * commit): while one batch is being written, the next gathers, and is then written in one
 * transaction with a fixed number of statements, whatever its size; each message's ACK is sent after
 * that commit. A batch that fails is taken again one message at a time, so a message that cannot be
 * applied is refused (AE) alone and never takes another with it.
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

/** The most messages written in one transaction. */
const MAX_BATCH = 100;
/**
 * Batches written at the same time, and how many messages must wait before a second starts. Each
 * batch locks the tests it writes (in one order), so two never weigh results for one test against the
 * same standing. Measured with 8 MLLP connections: one batch at a time 438 msg/s, two (the second
 * from four waiting) 486–546 msg/s (bench/README.md).
 */
const IN_FLIGHT = 2;
const SECOND_BATCH_FROM = 4;

/** MSH-4 and MSH-10, read before the whole message (to find the lab, whose zone reads its times). */
function peekHeader(raw: string): { facility: string; controlId: string } | null {
  const first = raw.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (!first.startsWith('MSH') || first.length < 8) return null;
  const separator = first[3]!;
  const componentSeparator = first[4] ?? '^';
  const fields = first.split(separator);
  return { facility: (fields[3] ?? '').split(componentSeparator)[0]!.trim(), controlId: (fields[9] ?? '').trim() };
}

/** The active labs with these sending facilities, with their time zones and their own code mappings (one query). */
async function findLabs(db: Db | Tx, facilities: readonly string[]): Promise<Map<string, Lab>> {
  if (facilities.length === 0) return new Map();
  const rows = await db
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
    .where(and(inArray(labs.sendingFacility, [...facilities]), eq(labs.active, true)));
  return new Map(
    rows.map((row) => [row.lab.sendingFacility, { ...row.lab, timeZone: row.timeZone, mappings: mappingsByCode(row.mappings) }]),
  );
}

type LabMappingRow = { code: string } & LabMapping;

function mappingsByCode(rows: readonly LabMappingRow[]): Map<string, LabMapping> {
  return new Map(
    rows.map((m) => [m.code, { target: m.target, analyte: m.analyte, substanceGroup: m.substanceGroup, stage: m.stage }]),
  );
}

/** A lab's own code mappings, by code. */
export async function labMappings(tx: Tx, labId: string): Promise<Map<string, LabMapping>> {
  return mappingsByCode(await tx.select().from(labCodeMappings).where(eq(labCodeMappings.labId, labId)));
}

export type ReviewItem = { reason: ReviewReason; detail: Record<string, unknown> };

type NewReviewItem = ReviewItem & { messageId: string; organizationId: string };

function reviewStatement(items: readonly NewReviewItem[]): SQL | null {
  return insertRowsStatement(
    labReviewItems,
    items.map((item) => ({
      messageId: item.messageId,
      organizationId: item.organizationId,
      reason: item.reason,
      detail: item.detail,
      testId: typeof item.detail.testId === 'string' ? item.detail.testId : null,
    })),
  );
}

export async function keepForReview(tx: Tx, items: readonly NewReviewItem[]) {
  await writeTogether(tx, [reviewStatement(items)]);
}

// ---------------------------------------------------------------------------------------------
// Group commit

type Waiting = { raw: string; source: IngestSource; resolve: (result: IngestResult) => void };
type Intake = { queue: Waiting[]; inFlight: number; scheduled: boolean };

/** One intake per database: messages from every transport share it, and so share batches. */
const intakes = new WeakMap<Db, Intake>();

/** Takes one HL7 message: never throws; the answer is the ACK to send, after the message's commit. */
export function ingestHl7(db: Db, raw: string, source: IngestSource): Promise<IngestResult> {
  return new Promise((resolve) => {
    const intake = intakes.get(db) ?? { queue: [], inFlight: 0, scheduled: false };
    intakes.set(db, intake);
    intake.queue.push({ raw, source, resolve });
    schedule(db, intake);
  });
}

/**
 * Starts a batch with what is waiting — on the next turn of the event loop, so that messages that
 * arrived together go together. While one batch is written, a second may start once it is worth a
 * transaction of its own (SECOND_BATCH_FROM messages waiting): one is read and matched while the
 * other waits for the database.
 */
function schedule(db: Db, intake: Intake) {
  const ready = () =>
    intake.queue.length > 0 && intake.inFlight < IN_FLIGHT && (intake.inFlight === 0 || intake.queue.length >= SECOND_BATCH_FROM);
  if (intake.scheduled || !ready()) return;
  intake.scheduled = true;
  setImmediate(() => {
    intake.scheduled = false;
    if (ready()) void run(db, intake);
  });
}

async function run(db: Db, intake: Intake) {
  const batch = intake.queue.splice(0, MAX_BATCH);
  intake.inFlight++;
  try {
    const results = await ingestBatch(db, batch).catch((error: unknown) => batch.map((item) => unstored(item.raw, error)));
    for (const [i, item] of batch.entries()) item.resolve(results[i]!);
  } finally {
    intake.inFlight--;
    schedule(db, intake);
  }
}

// ---------------------------------------------------------------------------------------------
// A batch

type Accepted = {
  index: number;
  raw: string;
  source: IngestSource;
  message: OruMessage;
  hl7: Parameters<typeof ackFor>[0];
  lab: Lab;
};

/** Takes messages together; never throws: each gets its ACK. */
export async function ingestBatch(db: Db, items: readonly { raw: string; source: IngestSource }[]): Promise<IngestResult[]> {
  const results: IngestResult[] = new Array(items.length);
  const headers = items.map((item) => peekHeader(item.raw));
  let labsByFacility: Map<string, Lab>;
  try {
    labsByFacility = await findLabs(db, [...new Set(headers.flatMap((h) => (h?.facility ? [h.facility] : [])))]);
  } catch (error) {
    return items.map((item) => unstored(item.raw, error));
  }
  const accepted: Accepted[] = [];
  for (const [index, item] of items.entries()) {
    const header = headers[index] ?? null;
    const lab = (header?.facility && labsByFacility.get(header.facility)) || null;
    const reading = readOru(item.raw, lab?.timeZone ?? 'UTC');
    const refuse = (problem: OruProblem) =>
      refused(
        db,
        item,
        { facility: header?.facility || null, controlId: header?.controlId || null },
        lab,
        'AR',
        problem,
        reading.hl7,
      );
    if (!reading.ok) results[index] = await refuse(reading.problem);
    else if (!lab)
      results[index] = await refuse({
        code: '207',
        text: `No lab with sending facility "${reading.message.sendingFacility}" is set up in Tandem.`,
        field: 'MSH-4',
      });
    else if (item.source.tokenOrganizationId !== null && item.source.tokenOrganizationId !== lab.organizationId)
      results[index] = await refuse({
        code: '207',
        text: 'This API token may not deliver results for that lab.',
        field: 'MSH-4',
      });
    else accepted.push({ index, raw: item.raw, source: item.source, message: reading.message, hl7: reading.hl7, lab });
  }
  const groups = accepted.length > 0 ? [{ group: accepted, retried: false }] : [];
  for (let g = 0; g < groups.length; g++) {
    const { group, retried } = groups[g]!;
    try {
      const applied = await db.transaction((tx) => applyMessages(tx, group));
      for (const [i, result] of applied.entries()) results[group[i]!.index] = result;
    } catch (error) {
      // Chosen by the database to end a deadlock with another writer of the same tests: once more as it was.
      if (!retried && ['40P01', '40001'].includes(sqlState(error) ?? '')) {
        groups.push({ group, retried: true });
        continue;
      }
      if (group.length > 1) {
        // One of them could not be applied: each alone, so only that one is refused.
        groups.push(...group.map((one) => ({ group: [one], retried: false })));
        continue;
      }
      const one = group[0]!;
      const problem: OruProblem = {
        code: '207',
        text: `The message could not be applied: ${(error as Error).message}`.slice(0, 400),
      };
      results[one.index] = await refused(
        db,
        one,
        { facility: one.message.sendingFacility, controlId: one.message.controlId },
        one.lab,
        'AE',
        problem,
        one.hl7,
      );
    }
  }
  return results;
}

/** The SQLSTATE of a database error, as the driver gives it or wrapped by the query builder. */
function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Keeps a message Tandem will not take, with why, and answers it. */
async function refused(
  db: Db,
  item: { raw: string; source: IngestSource },
  header: { facility: string | null; controlId: string | null },
  lab: Lab | null,
  code: 'AE' | 'AR',
  problem: OruProblem,
  hl7: Parameters<typeof ackFor>[0] | null,
): Promise<IngestResult> {
  const ack = hl7 ? ackFor(hl7, code, problem) : rejectUnreadable(problem);
  try {
    const [row] = await db
      .insert(hl7Messages)
      .values({
        labId: lab?.id ?? null,
        sendingFacility: header.facility,
        controlId: header.controlId,
        transport: item.source.transport,
        raw: item.raw,
        status: 'rejected',
        ackCode: code,
        error: problem.text,
        receivedBy: item.source.receivedBy,
      })
      .returning({ id: hl7Messages.id });
    return { ack, code, status: 'rejected', messageId: row?.id ?? null, testIds: [] };
  } catch {
    // Not even stored (the database is unreachable): AE, so that the lab sends it again.
    return { ...unstored(item.raw, null), ack: hl7 ? ackFor(hl7, 'AE', problem) : rejectUnreadable(problem) };
  }
}

function unstored(raw: string, error: unknown): IngestResult {
  const problem: OruProblem = {
    code: '207',
    text: `The message could not be stored: ${(error as Error | null)?.message ?? 'database unavailable'}`.slice(0, 400),
  };
  const reading = readOru(raw, 'UTC');
  return {
    ack: reading.hl7 ? ackFor(reading.hl7, 'AE', problem) : rejectUnreadable(problem),
    code: 'AE',
    status: 'rejected',
    messageId: null,
    testIds: [],
  };
}

/**
 * Applies messages in one transaction: one read of which were received before, one match for all
 * their orders, the results weighed in arrival order, one change to every test touched (validity
 * readings, first-result time, interpretation), the messages with their outcomes, the review items
 * and one audit row each.
 */
async function applyMessages(tx: Tx, messages: readonly Accepted[]): Promise<IngestResult[]> {
  const now = new Date();
  const keyOf = (m: OruMessage) => `${m.sendingFacility}\u0000${m.controlId}`;
  const earlier = await earlierMessages(
    tx,
    messages.map((m) => m.message),
  );
  // A message sent twice within the batch is taken once, the first time.
  const firstWithKey = new Map<string, Accepted>();
  for (const m of messages)
    if (!earlier.has(keyOf(m.message)) && !firstWithKey.has(keyOf(m.message))) firstWithKey.set(keyOf(m.message), m);
  const taken = [...firstWithKey.values()].map((m) => ({ m, id: crypto.randomUUID() }));

  // Every order's test: by the specimen's identifiers (one query for the batch), else by participant and day.
  const orders = taken.flatMap(({ m, id }) => m.message.orders.map((order, index) => ({ m, order, index, messageId: id })));
  const identified = await testsByIdentifiers(
    tx,
    [...new Set(taken.map(({ m }) => m.lab.organizationId))],
    orders.flatMap((o) => orderIdentifiers(o.order)),
  );
  const readings: { messageId: string; lab: Lab; test: TestRow | null; reading: OrderReading }[] = [];
  // Tests given an order of this batch: one awaiting results is found by participant and day only once.
  const given = new Set<string>();
  for (const o of orders) {
    const ids = orderIdentifiers(o.order);
    const served = (t: { test: TestRow; courtId: string }) =>
      t.test.custodianOrgId === o.m.lab.organizationId || t.courtId === o.m.lab.organizationId;
    const byIds = identified.filter(
      (t) => served(t) && (ids.includes(t.test.accessionId ?? '') || ids.includes(t.test.chainOfCustodyId ?? '')),
    );
    const test =
      byIds.length === 1
        ? byIds[0]!.test
        : byIds.length > 1
          ? null
          : await testByParticipantAndDay(tx, o.m.lab, o.m.message, o.order, given);
    if (test) given.add(test.id);
    readings.push({
      messageId: o.messageId,
      lab: o.m.lab,
      test,
      reading: readOrder(o.m.message, o.order, o.index, test, o.m.lab.mappings),
    });
  }
  const { outcomes, statements } = await applyReadings(tx, readings, now);

  const tally = new Map<string, { applied: number; review: ReviewItem[]; tests: Set<string>; participants: Set<string> }>();
  for (const [i, r] of readings.entries()) {
    const t = tally.get(r.messageId) ?? { applied: 0, review: [], tests: new Set(), participants: new Set() };
    tally.set(r.messageId, t);
    t.applied += outcomes[i]!.applied;
    t.review.push(...outcomes[i]!.review);
    if (r.test) {
      t.tests.add(r.test.id);
      t.participants.add(r.test.participantId);
    }
  }
  const stored = taken.map(({ m, id }) => {
    const t = tally.get(id) ?? { applied: 0, review: [], tests: new Set<string>(), participants: new Set<string>() };
    const status: MessageStatus = t.review.length === 0 ? 'processed' : t.applied > 0 ? 'partly_processed' : 'review';
    return { m, id, status, review: t.review, testIds: [...t.tests], participants: [...t.participants] };
  });
  // Everything written in one statement: results, tests, messages, review items, audit rows.
  const written = await writeTogether(tx, [
    ...statements,
    insertRowsStatement(
      hl7Messages,
      stored.map(({ m, id, status, testIds }) => ({
        id,
        labId: m.lab.id,
        sendingFacility: m.message.sendingFacility,
        controlId: m.message.controlId,
        messageType: m.message.messageType,
        transport: m.source.transport,
        raw: m.raw,
        status,
        ackCode: 'AA' as const,
        testIds,
        receivedBy: m.source.receivedBy,
      })),
      { onConflictDoNothing: true },
    ),
    reviewStatement(
      stored.flatMap((s) => s.review.map((item) => ({ ...item, messageId: s.id, organizationId: s.m.lab.organizationId }))),
    ),
    auditStatement(
      stored.map((s) => ({
        ctx: s.m.source.audit,
        entry: {
          action: 'lab.message',
          participantIds: s.participants,
          targetType: 'hl7_message',
          targetId: s.id,
          details: {
            lab: s.m.lab.id,
            controlId: s.m.message.controlId,
            status: s.status,
            transport: s.m.source.transport,
            reviewItems: s.review.length,
          },
        },
      })),
    ),
  ]);
  // Taken meanwhile by another server of the same database: the batch is taken again, one by one.
  if (written[statements.length] !== stored.length)
    throw new Error('A message of the batch was received twice at the same moment.');

  const byKey = new Map(stored.map((s) => [keyOf(s.m.message), s]));
  return messages.map((m): IngestResult => {
    const own = byKey.get(keyOf(m.message));
    if (own?.m === m)
      return { ack: ackFor(m.hl7, 'AA'), code: 'AA', status: own.status, messageId: own.id, testIds: own.testIds };
    // Sent before (or twice in this batch): acknowledged as it was then, applied once.
    if (own) return { ack: ackFor(m.hl7, 'AA'), code: 'AA', status: 'duplicate', messageId: own.id, testIds: own.testIds };
    const before = earlier.get(keyOf(m.message));
    const code = (before?.ackCode ?? 'AA') as AckCode;
    return { ack: ackFor(m.hl7, code), code, status: 'duplicate', messageId: before?.id ?? null, testIds: before?.testIds ?? [] };
  });
}

/**
 * Applies orders' readings to their tests, in order: the results through one ledger, then one change
 * to each test touched — its validity readings, its first-result time and its interpretation made
 * again with all of that (and with nothing read twice). Returns, per reading, what was applied and
 * what still needs a person.
 */
async function applyReadings(
  tx: Tx,
  readings: readonly { messageId: string; test: TestRow | null; reading: OrderReading }[],
  now: Date,
): Promise<{ outcomes: { applied: number; review: ReviewItem[] }[]; statements: (SQL | null)[] }> {
  const tests = new Map<string, TestRow>();
  for (const { test } of readings) if (test && !tests.has(test.id)) tests.set(test.id, { ...test });
  const ledger = await ResultLedger.load(tx, [...tests.keys()]);
  const changes = new Map<string, Partial<typeof drugTests.$inferInsert>>();
  const outcomes = readings.map(({ messageId, test, reading }) => {
    if (!test) return { applied: 0, review: reading.review };
    const row = tests.get(test.id)!;
    Object.assign(row, reading.validity);
    changes.set(test.id, { ...changes.get(test.id), ...reading.validity });
    const outcome = ledger.add(test.id, reading.results, { messageId, reportedAt: now });
    const review = [...reading.review];
    if (outcome.conflicts.length > 0) review.push(conflictReview(reading.where, test, outcome.conflicts));
    return { applied: outcome.applied + Object.keys(reading.validity).length, review };
  });
  for (const [id, at] of ledger.firstResults) {
    const row = tests.get(id)!;
    if (row.firstResultAt) continue;
    row.firstResultAt = at;
    changes.set(id, { ...changes.get(id), firstResultAt: at });
  }
  const byParticipant = new Map<string, string[]>();
  for (const t of tests.values()) byParticipant.set(t.participantId, [...(byParticipant.get(t.participantId) ?? []), t.id]);
  const interpreted = await reinterpretations(
    tx,
    [...byParticipant].map(([participantId, testIds]) => ({ participantId, testIds })),
    { tests, results: (id) => ledger.standing(id) },
  );
  for (const { test, interpretation } of interpreted)
    changes.set(test.id, { ...changes.get(test.id), ...interpretationColumns(interpretation) });
  const testChanges = [...changes]
    .filter(([, set]) => Object.keys(set).length > 0)
    .map(([id, set]) => ({ id, set: { ...set, updatedAt: now } }));
  return { outcomes, statements: [...ledger.statements(), updateRowsStatement(drugTests, testChanges)] };
}

async function earlierMessages(tx: Tx, sent: readonly OruMessage[]) {
  const found = new Map<string, { id: string; ackCode: string; testIds: string[] }>();
  if (sent.length === 0) return found;
  const rows = await tx
    .select({
      id: hl7Messages.id,
      facility: hl7Messages.sendingFacility,
      controlId: hl7Messages.controlId,
      ackCode: hl7Messages.ackCode,
      testIds: hl7Messages.testIds,
    })
    .from(hl7Messages)
    .where(
      and(
        inArray(
          hl7Messages.controlId,
          sent.map((m) => m.controlId),
        ),
        sql`${hl7Messages.status} <> 'rejected'`,
      ),
    );
  for (const row of rows) found.set(`${row.facility}\u0000${row.controlId}`, row);
  return found;
}

function orderIdentifiers(order: OruOrder): string[] {
  return [...new Set([...order.specimenIds, order.fillerOrderNumber, order.placerOrderNumber].filter(Boolean))];
}

/** Tests by accession or chain-of-custody number, of those the labs' organizations hold or serve (one query). */
async function testsByIdentifiers(tx: Tx, organizationIds: readonly string[], ids: readonly string[]) {
  if (ids.length === 0 || organizationIds.length === 0) return [];
  const unique = [...new Set(ids)];
  return (
    tx
      .select({ test: drugTests, courtId: enrollments.courtId })
      .from(drugTests)
      .innerJoin(enrollments, eq(enrollments.id, drugTests.enrollmentId))
      .where(
        and(
          or(inArray(drugTests.accessionId, unique), inArray(drugTests.chainOfCustodyId, unique)),
          or(inArray(drugTests.custodianOrgId, [...organizationIds]), inArray(enrollments.courtId, [...organizationIds])),
        ),
      )
      // Locked, in one order: a message applied elsewhere at the same moment (another server of the
      // same database, a person settling a review) waits rather than weighing against the same standing.
      .orderBy(drugTests.id)
      .for('update', { of: drugTests })
  );
}

/**
 * The test of an order that names no specimen Tandem knows: by the participant's identifier
 * (Tandem's id, or the case number) and the day of collection, when exactly one collected test
 * awaiting results fits. Only tests the lab's organization holds or serves.
 */
async function testByParticipantAndDay(
  tx: Tx,
  lab: Lab,
  message: OruMessage,
  order: OruOrder,
  given: ReadonlySet<string>,
): Promise<TestRow | null> {
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
        or(eq(drugTests.custodianOrgId, lab.organizationId), eq(enrollments.courtId, lab.organizationId)),
        eq(drugTests.collection, 'collected'),
        isNull(drugTests.firstResultAt),
        given.size > 0 ? notInArray(drugTests.id, [...given]) : undefined,
        // The same day, give or take: a spreadsheet may give the day without the hour.
        sql`abs(extract(epoch FROM ${drugTests.collectedAt}) - ${day / 1000}) <= 86400`,
      ),
    )
    .for('update', { of: drugTests });
  return rows.length === 1 ? rows[0]!.test : null;
}

type Validity = Partial<
  Pick<typeof drugTests.$inferInsert, 'creatinineMgDl' | 'specificGravity' | 'ph' | 'adulterantDetected' | 'reportedValidity'>
>;

type OrderReading = {
  where: Record<string, unknown>;
  validity: Validity;
  results: NewResult[];
  review: ReviewItem[];
};

/** What one order of a message says for its test (null: none matched — the order waits for review). Pure. */
function readOrder(
  message: OruMessage,
  order: OruOrder,
  index: number,
  test: TestRow | null,
  mappings: ReadonlyMap<string, LabMapping>,
): OrderReading {
  const where = {
    order: index + 1,
    specimenIds: order.specimenIds,
    filler: order.fillerOrderNumber,
    placer: order.placerOrderNumber,
  };
  if (!test) {
    return {
      where,
      validity: {},
      results: [],
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
  const validity: Validity = {};
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
  return { where, validity, results, review };
}

function conflictReview(where: Record<string, unknown>, test: TestRow, conflicts: readonly NewResult[]): ReviewItem {
  return {
    reason: 'result_conflict',
    detail: {
      ...where,
      testId: test.id,
      results: conflicts.map((r) => ({ analyte: r.analyte, stage: r.stage, result: r.result, value: r.value ?? null })),
    },
  };
}

/**
 * Applies one order of a message to a test a person chose (settling a review item): the validity
 * readings, the results, and what still needs a person. Run again for the same order, it applies
 * only what was not applied yet.
 */
export async function applyOrder(
  tx: Tx,
  options: {
    message: OruMessage;
    order: OruOrder;
    index: number;
    test: TestRow;
    mappings: ReadonlyMap<string, LabMapping>;
    messageId: string;
    now: Date;
  },
): Promise<{ applied: number; review: ReviewItem[] }> {
  const { test } = options;
  const reading = readOrder(options.message, options.order, options.index, test, options.mappings);
  const { outcomes, statements } = await applyReadings(tx, [{ messageId: options.messageId, test, reading }], options.now);
  await writeTogether(tx, statements);
  return outcomes[0]!;
}
