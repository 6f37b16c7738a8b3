import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { executePrepared, type PreparedStatement, preparedStatement } from '../../platform/db/sql-helpers.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DISCLOSURE_INPUTS_JSON } from '../consent/disclosure-policy.js';
import type { DataClass } from '../records/data-classes.js';
import type { Interpretation } from '../testing/interpret-test.js';
import type { TimelineDetail, TimelineEntry } from './timeline.schema.js';

/*
 * One participant's records of every kind on one time line, read a chunk at a time in the timeline's
 * order (newest first; then latest entered; then id, descending), each source reading only as far as
 * the chunk needs through its (participant, occurred_at) index. Each source is one SELECT giving the
 * same columns (the record columns every participant-level table carries, and a JSON detail); a new
 * kind of record joins by adding its SELECT here. The consent rules are applied by the caller, record
 * by record, before anything leaves the server.
 */

type Row = {
  id: string;
  enrollment_id: string;
  participant_id: string;
  custodian_org_id: string;
  custodian_name: string | null;
  custodian_part2: boolean | null;
  data_class: DataClass;
  occurred_at: string;
  entered_at: string;
  occurred_us: string;
  entered_us: string;
  entered_by: string | null;
  entered_by_name: string | null;
  detail: StoredDetail;
};

/**
 * A source's detail as stored: what the entry shows, and for tests the stored interpretation (the
 * reader's is made from it; its negative findings reduced to one, PAGE_INTERPRETATION) and for a MOUD
 * prescription's "receives MOUD" view the prescription it is.
 */
export type StoredDetail =
  | Exclude<TimelineDetail, { kind: 'test' | 'moud' }>
  | (Omit<Extract<TimelineDetail, { kind: 'test' }>, 'outcome' | 'presumptive' | 'positives' | 'flags'> & {
      interpretation: Interpretation | null;
    })
  | (Extract<TimelineDetail, { kind: 'moud' }> & { prescriptionId: string });

export type TimelineRecord = {
  entry: Omit<TimelineEntry, 'detail'> & { detail: StoredDetail };
  record: DisclosureRecord;
  /** Where the record stands in the timeline's order (microseconds since the epoch, then id). */
  position: { occurredUs: string; enteredUs: string; id: string };
};

const iso = (value: string) => new Date(value).toISOString();

const statements = new Map<string, PreparedStatement>();

/** Microseconds since the epoch, exactly (a timestamptz keeps microseconds). */
const fromMicros = (name: string) => sql`(to_timestamp(0) + ${sql.placeholder(name)}::bigint * interval '1 microsecond')`;
const AFTER_OCCURRED = fromMicros('after_occurred_us');
const AFTER = sql`${AFTER_OCCURRED}, ${fromMicros('after_entered_us')}, ${sql.placeholder('after_id')}::uuid`;
const CLASSES = sql`${sql.placeholder('classes')}::text[]`;
/** The "receives MOUD" record's id: derived from the prescription's, shaped as a version-4 UUID. */
const MOUD_ID = sql.raw(
  `(substr(md5(m.id::text || ':moud'), 1, 12) || '4' || substr(md5(m.id::text || ':moud'), 14, 3) || '8' || substr(md5(m.id::text || ':moud'), 18, 15))::uuid`,
);

/**
 * A test's stored interpretation as a timeline entry needs it: every finding that is not negative,
 * and one negative finding standing for the rest. The entry shows only positives and flags; a
 * reader's interpretation made from it (interpretationSeenBy) is the stored one, or is concluded
 * again because an authorized finding became unauthorized — where negatives change nothing. The page
 * carries a fifth of the bytes (a ten-drug panel's negative findings are most of a test's).
 */
const PAGE_INTERPRETATION =
  sql.raw(`CASE WHEN dt.interpretation IS NULL THEN NULL ELSE jsonb_set(dt.interpretation, '{findings}', (
    SELECT coalesce(jsonb_agg(f.value ORDER BY f.ordinality), '[]'::jsonb)
    FROM jsonb_array_elements(dt.interpretation->'findings') WITH ORDINALITY AS f
    WHERE f.value->>'finding' <> 'negative'
       OR f.ordinality = (SELECT min(n.ordinality) FROM jsonb_array_elements(dt.interpretation->'findings') WITH ORDINALITY AS n
                          WHERE n.value->>'finding' = 'negative'))) END`);

/** The sources' SELECTs, each limited to the chunk, for `ids` (the enrollments) and an optional position bound. */
function sources(ids: SQL, bounded: boolean, classes: boolean) {
  const participant = sql`${sql.placeholder('participant')}::uuid`;
  const limit = sql`${sql.placeholder('size')}::int`;
  const select = (table: string, alias: string, detail: ReturnType<typeof sql>, extra = sql``) => sql`
    (SELECT ${sql.raw(alias)}.id, ${sql.raw(alias)}.enrollment_id, ${sql.raw(alias)}.participant_id, ${sql.raw(alias)}.custodian_org_id,
            ${sql.raw(alias)}.data_class, ${sql.raw(alias)}.occurred_at, ${sql.raw(alias)}.entered_at, ${sql.raw(alias)}.entered_by,
            ${detail} AS detail
     FROM ${sql.raw(table)} ${sql.raw(alias)} ${extra}
     WHERE ${sql.raw(alias)}.participant_id = ${participant} AND ${sql.raw(alias)}.enrollment_id = ANY (${ids})
       ${bounded ? sql`AND ${sql.raw(alias)}.occurred_at <= ${AFTER_OCCURRED} AND (${sql.raw(`${alias}.occurred_at, ${alias}.entered_at, ${alias}.id`)}) < (${AFTER})` : sql``}
       ${classes ? sql`AND ${sql.raw(alias)}.data_class = ANY (${CLASSES})` : sql``}
     ORDER BY ${sql.raw(alias)}.occurred_at DESC, ${sql.raw(alias)}.entered_at DESC, ${sql.raw(alias)}.id DESC
     LIMIT ${limit})`;
  return [
    select(
      'enrollment_status_history',
      'h',
      sql`json_build_object('kind', 'status', 'fromStatus', h.from_status, 'toStatus', h.to_status, 'effectiveOn', h.effective_on, 'reason', h.reason)`,
    ),
    select(
      'enrollment_phase_history',
      'ph',
      sql`json_build_object('kind', 'phase', 'phaseName', p.name, 'position', p.position, 'startedOn', ph.started_on, 'endedOn', ph.ended_on, 'reason', ph.reason)`,
      sql`JOIN phases p ON p.id = ph.phase_id`,
    ),
    select(
      'case_team_members',
      'tm',
      sql`json_build_object('kind', 'team', 'memberName', mu.display_name, 'role', tm.role, 'assignedOn', tm.assigned_on, 'endedOn', tm.ended_on)`,
      sql`JOIN users mu ON mu.id = tm.user_id`,
    ),
    select('treatment_notes', 'n', sql`json_build_object('kind', 'note', 'body', n.body)`),
    select(
      'drug_tests',
      'dt',
      sql`json_build_object('kind', 'test', 'reason', dt.reason, 'specimenType', dt.specimen_type, 'collection', dt.collection,
                            'collectedAt', dt.collected_at, 'interpretation', ${PAGE_INTERPRETATION})`,
    ),
    select(
      'attendance_events',
      'ae',
      sql`json_build_object('kind', 'attendance', 'attendanceKind', ae.kind, 'title', ae.title, 'outcome', ae.outcome,
                            'selfReported', ae.self_reported, 'verified', ae.verified_at IS NOT NULL)`,
    ),
    select(
      'prescriptions',
      'rx',
      sql`json_build_object('kind', 'prescription', 'medication', rx.medication,
                            'moud', rx.medication IN ('methadone', 'buprenorphine', 'buprenorphine_naloxone', 'buprenorphine_extended_release', 'naltrexone', 'naltrexone_extended_release'),
                            'productName', rx.product_name, 'dose', rx.dose, 'prescriber', rx.prescriber,
                            'startedOn', rx.started_on, 'endedOn', rx.ended_on, 'stopReason', rx.stop_reason)`,
    ),
    // A MOUD prescription a second time, as "receives MOUD" only: the record a narrower consent may share.
    sql`(SELECT ${MOUD_ID} AS id, m.enrollment_id, m.participant_id, m.custodian_org_id,
                'moud_enrollment'::text AS data_class, m.occurred_at, m.entered_at, m.entered_by,
                json_build_object('kind', 'moud', 'medication', m.medication, 'startedOn', m.started_on, 'endedOn', m.ended_on,
                                  'prescriptionId', m.id) AS detail
         FROM prescriptions m
         WHERE m.participant_id = ${participant} AND m.enrollment_id = ANY (${ids})
           AND m.medication IN ('methadone', 'buprenorphine', 'buprenorphine_naloxone', 'buprenorphine_extended_release', 'naltrexone', 'naltrexone_extended_release')
           ${bounded ? sql`AND m.occurred_at <= ${AFTER_OCCURRED} AND (m.occurred_at, m.entered_at, ${MOUD_ID}) < (${AFTER})` : sql``}
           ${classes ? sql`AND 'moud_enrollment' = ANY (${CLASSES})` : sql``}
         ORDER BY m.occurred_at DESC, m.entered_at DESC LIMIT ${limit})`,
    select(
      'use_reports',
      'ur',
      sql`json_build_object('kind', 'use_report', 'substanceGroups', ur.substance_groups, 'usedFrom', ur.used_from, 'usedTo', ur.used_to,
                            'statement', ur.statement)`,
    ),
    select('continuity_events', 'ce', sql`json_build_object('kind', 'continuity', 'eventKind', ce.kind, 'note', ce.note)`),
    select(
      'dose_records',
      'dr',
      sql`json_build_object('kind', 'dose', 'medication', drx.medication, 'dueOn', dr.due_on, 'status', dr.status, 'note', dr.note)`,
      sql`JOIN prescriptions drx ON drx.id = dr.prescription_id`,
    ),
  ];
}

/** The timeline's statement for a shape: how many enrollments, whether classes are chosen, whether it continues from a position, whether consent inputs ride along. */
function timelineStatement(enrollments: number, classes: boolean, bounded: boolean, inputs: boolean): PreparedStatement {
  const key = `${enrollments}|${classes}|${bounded}|${inputs}`;
  const known = statements.get(key);
  if (known) return known;
  // One parameter per enrollment: a list of known length, which PostgreSQL plans once for good.
  const ids = sql`ARRAY[${sql.join(
    Array.from({ length: enrollments }, (_, i) => sql`${sql.placeholder(`e${i}`)}::uuid`),
    sql`, `,
  )}]`;
  const statement = preparedStatement(sql`
    SELECT (SELECT coalesce(json_agg(y ORDER BY y.occurred_at DESC, y.entered_at DESC, y.id DESC), '[]'::json) FROM (
      SELECT x.*, o.name AS custodian_name, o.part2_program AS custodian_part2, u.display_name AS entered_by_name,
             (extract(epoch FROM x.occurred_at) * 1000000)::bigint::text AS occurred_us,
             (extract(epoch FROM x.entered_at) * 1000000)::bigint::text AS entered_us
      FROM (
        SELECT * FROM (${sql.join(sources(ids, bounded, classes), sql` UNION ALL `)}) s
        ORDER BY s.occurred_at DESC, s.entered_at DESC, s.id DESC
        LIMIT ${sql.placeholder('size')}::int
      ) x
      LEFT JOIN organizations o ON o.id = x.custodian_org_id
      LEFT JOIN users u ON u.id = x.entered_by
    ) y) AS records${inputs ? sql`, ${DISCLOSURE_INPUTS_JSON} AS inputs` : sql``}`);
  statements.set(key, statement);
  return statement;
}

/** A position in the timeline's order, to continue after. */
export type TimelinePosition = TimelineRecord['position'];

/**
 * The next `size` records of these enrollments after `after` (from the newest when null), in the
 * timeline's order, in one prepared statement. With `disclosureInputs` (the values
 * `DisclosurePolicy.inputsFor` gives), the consent decision's inputs come back from it too.
 */
export async function loadTimelineChunk(
  q: Queryable,
  participantId: string,
  enrollmentIds: string[],
  options: {
    size: number;
    after: TimelinePosition | null;
    classes?: DataClass[] | undefined;
    disclosureInputs?: Record<string, unknown> | null;
  },
): Promise<{ records: TimelineRecord[]; disclosureInputs: unknown; exhausted: boolean }> {
  if (enrollmentIds.length === 0) return { records: [], disclosureInputs: null, exhausted: true };
  const chosen = options.classes !== undefined && options.classes.length > 0;
  const after = options.after;
  const result = await executePrepared<{ records: Row[]; inputs?: unknown }>(
    q,
    timelineStatement(enrollmentIds.length, chosen, after !== null, Boolean(options.disclosureInputs)),
    {
      ...Object.fromEntries(enrollmentIds.map((id, i) => [`e${i}`, id])),
      participant: participantId,
      size: options.size,
      classes: chosen ? `{${options.classes!.join(',')}}` : null,
      ...(after ? { after_occurred_us: after.occurredUs, after_entered_us: after.enteredUs, after_id: after.id } : {}),
      ...options.disclosureInputs,
    },
  );
  const row = result.rows[0]!;
  const records = row.records.map(
    (r): TimelineRecord => ({
      record: {
        participantId: r.participant_id,
        custodianOrgId: r.custodian_org_id,
        // Unknown custodian → unknown protection → protected (R1).
        custodianIsPart2: r.custodian_part2 ?? undefined,
        dataClass: r.data_class,
        occurredAt: new Date(r.occurred_at),
        enteredBy: r.entered_by,
      },
      entry: {
        id: r.id,
        enrollmentId: r.enrollment_id,
        dataClass: r.data_class,
        occurredAt: iso(r.occurred_at),
        enteredAt: iso(r.entered_at),
        enteredByName: r.entered_by_name,
        custodian: { id: r.custodian_org_id, name: r.custodian_name ?? '', part2: r.custodian_part2 ?? true },
        detail: r.detail,
      },
      position: { occurredUs: r.occurred_us, enteredUs: r.entered_us, id: r.id },
    }),
  );
  return { records, disclosureInputs: row.inputs ?? null, exhausted: records.length < options.size };
}
