import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
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
  occurred_at: Date | string;
  entered_at: Date | string;
  entered_by: string | null;
  entered_by_name: string | null;
  detail: TimelineDetail;
};

export type TimelineRecord = { entry: TimelineEntry; record: DisclosureRecord };

const iso = (value: Date | string) => new Date(value).toISOString();

/** Every record of these enrollments, newest first. */
export async function loadTimelineRecords(
  q: Queryable,
  participantId: string,
  enrollmentIds: string[],
  classes?: DataClass[],
): Promise<TimelineRecord[]> {
  if (enrollmentIds.length === 0) return [];
  const ids = sql`${`{${enrollmentIds.join(',')}}`}::uuid[]`;
  const classFilter = classes && classes.length > 0 ? sql`WHERE x.data_class = ANY (${`{${classes.join(',')}}`}::text[])` : sql``;
  const result = await q.execute<Row>(sql`
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
      FROM treatment_notes n WHERE n.participant_id = ${participantId} AND n.enrollment_id = ANY (${ids})
    ) x
    LEFT JOIN organizations o ON o.id = x.custodian_org_id
    LEFT JOIN users u ON u.id = x.entered_by
    ${classFilter}
    ORDER BY x.occurred_at DESC, x.entered_at DESC, x.id`);
  return result.rows
    .filter((row) => row.participant_id === participantId)
    .map((row) => ({
      record: {
        participantId: row.participant_id,
        custodianOrgId: row.custodian_org_id,
        // Unknown custodian → unknown protection → protected (R1).
        custodianIsPart2: row.custodian_part2 ?? undefined,
        dataClass: row.data_class,
        occurredAt: new Date(row.occurred_at),
        enteredBy: row.entered_by,
      },
      entry: {
        id: row.id,
        enrollmentId: row.enrollment_id,
        dataClass: row.data_class,
        occurredAt: iso(row.occurred_at),
        enteredAt: iso(row.entered_at),
        enteredByName: row.entered_by_name,
        custodian: { id: row.custodian_org_id, name: row.custodian_name ?? '', part2: row.custodian_part2 ?? true },
        detail: row.detail,
      },
    }));
}
