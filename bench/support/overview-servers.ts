// Runs in a child process of the overview benchmark: Tandem's API on one port; on another, a bare
// Fastify route reading the same rows for the same participant — goals with their history and steps,
// plans, alignment decisions, instrument responses, the agreement's conditions, the week's
// attendance, and the last 90 days' use reports and tests with their stored interpretations — in the same statements,
// with nothing around them: no session, access layer, consent decisions, indicator or alignment
// rules, accounting, audit row or response schema. Prints {"tandem": port, "bare": port}.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { agreementConditions, agreements } from '../../src/modules/agreements/agreements.tables.js';
import { attendanceEvents } from '../../src/modules/attendance/attendance.tables.js';
import { alignmentDecisions, goalEvents, goals, planSteps, treatmentPlans } from '../../src/modules/goals/goals.tables.js';
import { instrumentResponses } from '../../src/modules/instruments/instruments.tables.js';
import { drugTests, useReports } from '../../src/modules/testing/testing.tables.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { buildApp } from '../../src/platform/http/app.js';

const url = process.env.BENCH_URL!;
const participantId = process.env.BENCH_PARTICIPANT!;
const poolSize = 10;
const database = openDatabase({ url, poolSize });
const tandem = await buildApp({
  config: loadConfig({ LOG_LEVEL: 'silent', TANDEM_SIGN_IN_LIMIT: '100000', TANDEM_DB_POOL_SIZE: String(poolSize) }),
  database,
  databaseMode: 'external',
  serveWeb: false,
});
await tandem.listen({ port: 0, host: '127.0.0.1' });
const bareDatabase = openDatabase({ url, poolSize });
const db = bareDatabase.db;
const bare = Fastify();
bare.get('/bare/overview', async () => {
  const goalRows = await db.select().from(goals).where(eq(goals.participantId, participantId)).orderBy(asc(goals.occurredAt));
  const ids = goalRows.map((g) => g.id);
  const events = ids.length
    ? await db.select().from(goalEvents).where(inArray(goalEvents.goalId, ids)).orderBy(asc(goalEvents.enteredAt))
    : [];
  const steps = ids.length ? await db.select().from(planSteps).where(inArray(planSteps.goalId, ids)) : [];
  const plans = await db.select().from(treatmentPlans).where(eq(treatmentPlans.participantId, participantId));
  const decisions = await db.select().from(alignmentDecisions).where(eq(alignmentDecisions.participantId, participantId));
  const responses = await db
    .select()
    .from(instrumentResponses)
    .where(eq(instrumentResponses.participantId, participantId))
    .orderBy(desc(instrumentResponses.completedOn));
  const versions = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.participantId, participantId));
  const conditions = versions.length
    ? await db
        .select()
        .from(agreementConditions)
        .where(
          inArray(
            agreementConditions.agreementId,
            versions.map((v) => v.id),
          ),
        )
    : [];
  const attendance = await db
    .select()
    .from(attendanceEvents)
    .where(
      and(eq(attendanceEvents.participantId, participantId), sql`${attendanceEvents.occurredAt} > now() - interval '8 days'`),
    );
  // The same window of monitoring the overview reads (90 days).
  const uses = await db
    .select()
    .from(useReports)
    .where(
      and(
        eq(useReports.participantId, participantId),
        sql`coalesce(${useReports.usedTo}, ${useReports.usedFrom}) >= (now() - interval '90 days')::date`,
      ),
    );
  const tests = await db
    .select()
    .from(drugTests)
    .where(and(eq(drugTests.participantId, participantId), sql`${drugTests.occurredAt} >= now() - interval '90 days'`))
    .orderBy(desc(drugTests.occurredAt));
  return {
    goals: goalRows.map((g) => ({
      ...g,
      history: events.filter((e) => e.goalId === g.id),
      steps: steps.filter((s) => s.goalId === g.id),
    })),
    plans,
    decisions,
    latest: responses.slice(0, 4),
    conditions,
    attendance: attendance.length,
    uses: uses.length,
    tests: tests.length,
  };
});
await bare.listen({ port: 0, host: '127.0.0.1' });
const port = (server: typeof bare | typeof tandem) => (server.server.address() as { port: number }).port;
console.log(JSON.stringify({ tandem: port(tandem), bare: port(bare) }));
process.on('SIGTERM', async () => {
  await tandem.close();
  await bare.close();
  await database.close();
  await bareDatabase.close();
  process.exit(0);
});
