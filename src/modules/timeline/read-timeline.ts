import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { type AccessContext, legalProceedingsContext } from '../access/access-context.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { type DisclosureChannel, DisclosurePolicy } from '../consent/disclosure-policy.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import { type DataClass, TREATMENT_CLASSES } from '../records/data-classes.js';
import { loadTimelineRecords, type TimelineRecord } from './timeline.repository.js';
import type { Timeline, TimelineQuery } from './timeline.schema.js';

/**
 * The treatment classes this actor does not receive for this participant: a class is withheld when
 * no Part 2 source of the participant would disclose a record of it to them now. It depends on the
 * consents only, never on which records exist, so it reveals nothing a list of consents does not.
 */
export async function withheldClasses(q: Queryable, policy: DisclosurePolicy, participantId: string): Promise<DataClass[]> {
  if (policy.bypassed) return [];
  const sources = await policy.part2SourcesOf(q, participantId);
  // With no known source, a record of unknown origin stands in: unknown is protected (R1).
  const custodians = sources.length > 0 ? sources : ['00000000-0000-0000-0000-000000000000'];
  const probes: DisclosureRecord[] = TREATMENT_CLASSES.flatMap((dataClass) =>
    custodians.map((custodianOrgId) => ({
      participantId,
      custodianOrgId,
      custodianIsPart2: true,
      dataClass,
      occurredAt: policy.now,
      enteredBy: null,
    })),
  );
  await policy.prepare(q, probes);
  return TREATMENT_CLASSES.filter((dataClass) =>
    probes.filter((p) => p.dataClass === dataClass).every((probe) => !policy.decide(probe).permit),
  );
}

/** The records of a participant this actor may see, with the policy that decided them (nothing accounted yet). */
export async function visibleTimelineRecords(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  classes?: DataClass[],
): Promise<{ records: TimelineRecord[]; policy: DisclosurePolicy; enrollmentIds: string[] } | null> {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) return null;
  const policy = DisclosurePolicy.for(ctx);
  // The consent decision's inputs come with the records, in the same statement.
  const { records: all, disclosureInputs } = await loadTimelineRecords(
    q,
    participantId,
    enrollmentIds,
    classes,
    policy.inputsFor(participantId),
  );
  if (disclosureInputs !== null) policy.adopt(participantId, disclosureInputs);
  const records = await policy.visible(q, all, (r) => r.record);
  return { records, policy, enrollmentIds };
}

/** The request's context for reading a timeline: for legal proceedings when asked (R6), else the reader's own purpose. */
export function readingContext(ctx: AccessContext, purpose: 'legal_proceedings' | undefined): AccessContext {
  return purpose === 'legal_proceedings' ? legalProceedingsContext(ctx) : ctx;
}

/** What one timeline request shows: the records, noted for the accounting, and the classes withheld. */
export type ShownTimeline = {
  policy: DisclosurePolicy;
  enrollmentIds: string[];
  shown: TimelineRecord[];
  /** More records exist before the last one shown. */
  more: boolean;
  withheld: DataClass[];
};

type Cursor = { occurredAt: number; enteredAt: number; id: string };

/** Where a page ended, in the timeline's order (newest first; then latest entered; then id). */
export function cursorOf(r: TimelineRecord): string {
  return `${r.record.occurredAt.getTime()}_${Date.parse(r.entry.enteredAt)}_${r.entry.id}`;
}

function parseCursor(cursor: string): Cursor {
  const [occurredAt, enteredAt, id] = cursor.split('_') as [string, string, string];
  return { occurredAt: Number(occurredAt), enteredAt: Number(enteredAt), id };
}

/** Records sharing a moment are told apart, so none is skipped or repeated between pages. */
function comesAfter(r: TimelineRecord, c: Cursor): boolean {
  const occurred = r.record.occurredAt.getTime();
  if (occurred !== c.occurredAt) return occurred < c.occurredAt;
  const entered = Date.parse(r.entry.enteredAt);
  if (entered !== c.enteredAt) return entered < c.enteredAt;
  return r.entry.id > c.id;
}

/**
 * The one path by which a timeline leaves the server, on screen or exported: the visible records
 * in the filters' range (up to `limit` when given), each noted for the accounting, and the withheld
 * classes. The caller writes the accounting (`policy.account`) and then its audit entry.
 */
export async function showTimeline(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  query: {
    classes?: DataClass[] | undefined;
    before?: string | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<ShownTimeline> {
  const visible = await visibleTimelineRecords(q, ctx, participantId, query.classes);
  if (!visible) throw notFound();
  const { policy } = visible;
  const before = query.before ? new Date(query.before) : null;
  const after = query.cursor ? parseCursor(query.cursor) : null;
  // The records come in the timeline's order: a page continues right after the record it ended on
  // (found by id), or — should that record have gone — after its place in the order.
  const at = after ? visible.records.findIndex((r) => r.entry.id === after.id) : -1;
  const inRange = visible.records.filter(
    (r, i) => (before === null || r.record.occurredAt < before) && (after === null || (at >= 0 ? i > at : comesAfter(r, after))),
  );
  const shown = query.limit === undefined ? inRange : inRange.slice(0, query.limit);
  // Only what is shown is disclosed.
  policy.disclose(shown, (r) => r.record);
  const withheld = await withheldClasses(q, policy, participantId);
  return { policy, enrollmentIds: visible.enrollmentIds, shown, more: inRange.length > shown.length, withheld };
}

/**
 * A participant's timeline as this actor may see it: every record kind, each decided by the consent
 * rules; the accounting and the audit entry written with the read.
 */
export async function readTimeline(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  query: TimelineQuery;
  channel?: DisclosureChannel;
}): Promise<Timeline> {
  const { participantId, query } = options;
  const ctx = readingContext(options.ctx, query.purpose);
  return options.db.transaction(async (tx) => {
    const { policy, shown, more, withheld } = await showTimeline(tx, ctx, participantId, query);
    const disclosureIds = await policy.account(tx, options.channel ?? 'screen');
    await recordAudit(tx, ctx, {
      action: 'participant.timeline.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { entries: shown.length, classes: query.classes ?? null, purpose: ctx.purpose, disclosures: disclosureIds },
    });
    return {
      participantId,
      entries: shown.map((r) => r.entry),
      more,
      nextCursor: more && shown.length > 0 ? cursorOf(shown.at(-1)!) : null,
      withheld,
      redisclosureNotice: disclosureIds.length > 0,
    };
  });
}
