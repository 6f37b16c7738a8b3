import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db/database.js';
import { runDraw } from './schedules.js';

/**
 * Makes each court's daily draw once its day has begun (at `hour`, the court's local time), for every
 * court with participants on a testing plan. Checked every few minutes; a draw already made is left
 * as it is, so several Tandem processes may run the scheduler side by side.
 */
export function startDrawScheduler(db: Db, options: { hour: number; log: FastifyBaseLogger; everyMs?: number }) {
  let current: Promise<void> | null = null;
  /** One pass over the courts (joining the pass under way, if there is one). */
  const tick = (): Promise<void> => {
    current ??= pass().finally(() => {
      current = null;
    });
    return current;
  };
  const pass = async () => {
    try {
      const due = await db.execute<{ id: string; today: string }>(sql`
        SELECT o.id, (now() AT TIME ZONE o.time_zone)::date::text AS today
        FROM organizations o
        WHERE o.kind = 'court' AND o.active
          AND extract(hour FROM now() AT TIME ZONE o.time_zone) >= ${options.hour}
          AND EXISTS (SELECT 1 FROM testing_plans p JOIN enrollments e ON e.id = p.enrollment_id
                      WHERE e.court_id = o.id AND e.status = 'active' AND p.ends_on IS NULL)
          AND NOT EXISTS (SELECT 1 FROM testing_draws d
                          WHERE d.court_id = o.id AND d.draw_date = (now() AT TIME ZONE o.time_zone)::date)`);
      for (const court of due.rows) {
        const { created } = await runDraw({
          db,
          ctx: {
            actor: null,
            label: 'scheduler',
            request: { id: `draw-${court.id}-${court.today}`, ip: null, userAgent: 'tandem' },
          },
          courtId: court.id,
          date: court.today,
        });
        options.log.info({ courtId: court.id, date: court.today, tests: created }, 'Daily testing draw made');
      }
    } catch (error) {
      options.log.error({ err: error }, 'Daily testing draw failed; it will be tried again');
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.everyMs ?? 5 * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
