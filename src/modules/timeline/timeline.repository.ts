import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { executePrepared, type PreparedStatement, preparedStatement } from '../../platform/db/sql-helpers.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import { DISCLOSURE_INPUTS_JSON } from '../consent/disclosure-policy.js';
import type { DataClass } from '../records/data-classes.js';
import type { TimelineDetail, TimelineEntry } from './timeline.schema.js';

/*
 * One participant's records of every kind on one time line. Each source is one SELECT giving the
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
  entered_by: string | null;
  entered_by_name: string | null;
  detail: TimelineDetail;
};

export type TimelineRecord = { entry: TimelineEntry; record: DisclosureRecord };

const iso = (value: string) => new Date(value).toISOString();

const statements = new Map<string, PreparedStatement>();

/** The timeline's statement for a shape: how many enrollments, whether classes are chosen, whether consent inputs ride along. */
function timelineStatement(enrollments: number, classes: boolean, inputs: boolean): PreparedStatement {
  const key = `${enrollments}|${classes}|${inputs}`;
  const known = statements.get(key);
  if (known) return known;
  // One parameter per enrollment: a list of known length, which PostgreSQL plans once for good.
  const ids = sql`ARRAY[${sql.join(
    Array.from({ length: enrollments }, (_, i) => sql`${sql.placeholder(`e${i}`)}::uuid`),
    sql`, `,
  )}]`;
  const statement = preparedStatement(sql`
    SELECT (SELECT coalesce(json_agg(y ORDER BY y.occurred_at DESC, y.entered_at DESC, y.id), '[]'::json) FROM (
      SELECT x.*, o.name AS custodian_name, o.part2_program AS custodian_part2, u.display_name AS entered_by_name
      FROM (
        SELECT h.id, h.enrollment_id, h.participant_id, h.custodian_org_id, h.data_class, h.occurred_at, h.entered_at, h.entered_by,
               json_build_object('kind', 'status', 'fromStatus', h.from_status, 'toStatus', h.to_status,
                                 'effectiveOn', h.effective_on, 'reason', h.reason) AS detail
        FROM enrollment_status_history h WHERE h.enrollment_id = ANY (${ids})
        UNION ALL
        SELECT h.id, h.enrollment_id, h.participant_id, h.custodian_org_id, h.data_class, h.occurred_at, h.entered_at, h.entered_by,
               json_build_object('kind', 'phase', 'phaseName', ph.name, 'position', ph.position, 'startedOn', h.started_on,
                                 'endedOn', h.ended_on, 'reason', h.reason)
        FROM enrollment_phase_history h JOIN phases ph ON ph.id = h.phase_id WHERE h.enrollment_id = ANY (${ids})
        UNION ALL
        SELECT t.id, t.enrollment_id, t.participant_id, t.custodian_org_id, t.data_class, t.occurred_at, t.entered_at, t.entered_by,
               json_build_object('kind', 'team', 'memberName', mu.display_name, 'role', t.role, 'assignedOn', t.assigned_on,
                                 'endedOn', t.ended_on)
        FROM case_team_members t JOIN users mu ON mu.id = t.user_id WHERE t.enrollment_id = ANY (${ids})
        UNION ALL
        SELECT n.id, n.enrollment_id, n.participant_id, n.custodian_org_id, n.data_class, n.occurred_at, n.entered_at, n.entered_by,
               json_build_object('kind', 'note', 'body', n.body)
        FROM treatment_notes n
        WHERE n.participant_id = ${sql.placeholder('participant')}::uuid AND n.enrollment_id = ANY (${ids})
      ) x
      LEFT JOIN organizations o ON o.id = x.custodian_org_id
      LEFT JOIN users u ON u.id = x.entered_by
      ${classes ? sql`WHERE x.data_class = ANY (${sql.placeholder('classes')}::text[])` : sql``}
    ) y) AS records${inputs ? sql`, ${DISCLOSURE_INPUTS_JSON} AS inputs` : sql``}`);
  statements.set(key, statement);
  return statement;
}

/**
 * Every record of these enrollments, newest first, in one prepared statement. With
 * `disclosureInputs` (the values `DisclosurePolicy.inputsFor` gives), the consent decision's inputs
 * come back from the same statement.
 */
export async function loadTimelineRecords(
  q: Queryable,
  participantId: string,
  enrollmentIds: string[],
  classes?: DataClass[],
  disclosureInputs?: Record<string, unknown> | null,
): Promise<{ records: TimelineRecord[]; disclosureInputs: unknown }> {
  if (enrollmentIds.length === 0) return { records: [], disclosureInputs: null };
  const chosen = classes !== undefined && classes.length > 0;
  const result = await executePrepared<{ records: Row[]; inputs?: unknown }>(
    q,
    timelineStatement(enrollmentIds.length, chosen, Boolean(disclosureInputs)),
    {
      ...Object.fromEntries(enrollmentIds.map((id, i) => [`e${i}`, id])),
      participant: participantId,
      classes: chosen ? `{${classes.join(',')}}` : null,
      ...disclosureInputs,
    },
  );
  const row = result.rows[0]!;
  const records = row.records
    .filter((r) => r.participant_id === participantId)
    .map((r) => ({
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
    }));
  return { records, disclosureInputs: row.inputs ?? null };
}
