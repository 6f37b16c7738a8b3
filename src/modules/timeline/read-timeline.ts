import type { Db, Queryable } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { type AccessContext, legalProceedingsContext } from '../access/access-context.js';
import { type DisclosureChannel, DisclosurePolicy } from '../consent/disclosure-policy.js';
import { recordRead } from '../consent/record-read.js';
import { withheldClasses } from '../consent/withheld-classes.js';
import { visibleEnrollmentIds } from '../participants/participants.repository.js';
import type { DataClass } from '../records/data-classes.js';
import { presentEntries, shownRecords } from './present-entries.js';
import { loadTimelineChunk, type TimelinePosition, type TimelineRecord } from './timeline.repository.js';
import type { Timeline, TimelineEntry, TimelineQuery } from './timeline.schema.js';

export { withheldClasses };

/** Records read per statement when a whole timeline is wanted (an export, a preview). */
const WHOLE_CHUNK = 1000;

/**
 * The records of a participant this actor may see, in the timeline's order from `after`: read a chunk
 * at a time until `wanted` visible ones are found (and one more, to know there are more), or all of
 * them when `wanted` is undefined. The consent decision's inputs come with the first chunk, in the
 * same statement; nothing is accounted yet.
 */
export async function visibleTimelineRecords(
  q: Queryable,
  ctx: AccessContext,
  participantId: string,
  options: { classes?: DataClass[] | undefined; after?: TimelinePosition | null; wanted?: number } = {},
): Promise<{ records: TimelineRecord[]; policy: DisclosurePolicy; enrollmentIds: string[]; more: boolean } | null> {
  const enrollmentIds = await visibleEnrollmentIds(q, ctx, participantId);
  if (enrollmentIds.length === 0) return null;
  const policy = DisclosurePolicy.for(ctx);
  const wanted = options.wanted;
  const size = wanted === undefined ? WHOLE_CHUNK : Math.min(Math.max(wanted + 1, 50), 500);
  const visible: TimelineRecord[] = [];
  let after = options.after ?? null;
  for (;;) {
    const chunk = await loadTimelineChunk(q, participantId, enrollmentIds, {
      size,
      after,
      classes: options.classes,
      disclosureInputs: policy.inputsFor(participantId),
    });
    if (chunk.disclosureInputs !== null) policy.adopt(participantId, chunk.disclosureInputs);
    visible.push(...(await policy.visible(q, chunk.records, (r) => r.record)));
    if (chunk.exhausted || (wanted !== undefined && visible.length > wanted)) break;
    after = chunk.records.at(-1)!.position;
  }
  const more = wanted !== undefined && visible.length > wanted;
  return { records: wanted === undefined ? visible : visible.slice(0, wanted), policy, enrollmentIds, more };
}

/** The request's context for reading a timeline: for legal proceedings when asked (R6), else the reader's own purpose. */
export function readingContext(ctx: AccessContext, purpose: 'legal_proceedings' | undefined): AccessContext {
  return purpose === 'legal_proceedings' ? legalProceedingsContext(ctx) : ctx;
}

/** What one timeline request shows: the entries, their records noted for the accounting, and the classes withheld. */
export type ShownTimeline = {
  policy: DisclosurePolicy;
  enrollmentIds: string[];
  shown: TimelineRecord[];
  entries: TimelineEntry[];
  /** More records exist after the last one shown. */
  more: boolean;
  nextCursor: string | null;
  withheld: DataClass[];
};

/** Where a page ended, in the timeline's order (microseconds of when it happened and was entered, then id). */
export function cursorOf(position: TimelinePosition): string {
  return `${position.occurredUs}_${position.enteredUs}_${position.id}`;
}

function parseCursor(cursor: string): TimelinePosition {
  const [occurredUs, enteredUs, id] = cursor.split('_') as [string, string, string];
  return { occurredUs, enteredUs, id };
}

/** Just before an instant: every record that happened earlier comes after it in the timeline's order. */
function positionBefore(instant: string): TimelinePosition {
  return { occurredUs: String(Date.parse(instant) * 1000), enteredUs: '0', id: '00000000-0000-0000-0000-000000000000' };
}

/**
 * The one path by which a timeline leaves the server, on screen or exported: the visible records in
 * the filters' range (up to `limit` when given), as the reader is shown them, each noted for the
 * accounting, and the withheld classes. The caller writes the accounting (`policy.account`) and then
 * its audit entry.
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
  const after = query.cursor ? parseCursor(query.cursor) : query.before ? positionBefore(query.before) : null;
  const visible = await visibleTimelineRecords(q, ctx, participantId, {
    classes: query.classes,
    after,
    ...(query.limit === undefined ? {} : { wanted: query.limit }),
  });
  if (!visible) throw notFound();
  const { policy } = visible;
  const entries = await presentEntries(q, ctx, policy, participantId, visible.records);
  const shown = shownRecords(visible.records, entries);
  // Only what is shown is disclosed.
  policy.disclose(shown, (r) => r.record);
  const withheld = await withheldClasses(q, policy, participantId);
  const last = visible.records.at(-1);
  return {
    policy,
    enrollmentIds: visible.enrollmentIds,
    shown,
    entries,
    more: visible.more,
    nextCursor: visible.more && last ? cursorOf(last.position) : null,
    withheld,
  };
}

/**
 * A participant's timeline as this actor may see it: every record kind, each decided by the consent
 * rules; the accounting and the audit entry written with the read. The most frequent read there is,
 * so it runs without a transaction of its own: it changes nothing but its accounting and audit
 * entry, which recordRead writes in one statement — both or neither, and the answer only after.
 */
export async function readTimeline(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  query: TimelineQuery;
  channel?: DisclosureChannel;
}): Promise<Timeline> {
  const { participantId, query, db } = options;
  const ctx = readingContext(options.ctx, query.purpose);
  const { policy, entries, more, nextCursor, withheld } = await showTimeline(db, ctx, participantId, query);
  const disclosureIds = await recordRead(db, ctx, policy, options.channel ?? 'screen', {
    action: 'participant.timeline.read',
    participantIds: [participantId],
    targetType: 'participant',
    targetId: participantId,
    details: { entries: entries.length, classes: query.classes ?? null, purpose: ctx.purpose },
  });
  return { participantId, entries, more, nextCursor, withheld, redisclosureNotice: disclosureIds.length > 0 };
}
