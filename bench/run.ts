import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCaseload } from './caseload.js';
import { benchConsent } from './consent.js';
import { benchHl7 } from './hl7.js';
import { benchOverview } from './overview.js';
import { benchStartup } from './startup.js';
import { benchTimeline } from './timeline.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    messages: { type: 'string', default: '5000' },
  },
});
const log = (line: string) => console.log(line);
const results: Record<string, unknown> = {};

if (!values.only || values.only === 'caseload') {
  log('\n== Caseload list vs bare Fastify + pg (same SQL) ==');
  const summary = await benchCaseload({ seconds: Number(values.seconds), rounds: Number(values.rounds), connections: 20, log });
  results.caseload = summary;
  log(
    `Tandem ${summary.tandem.requestsPerSecond.toFixed(0)} req/s (p50 ${summary.tandem.p50.toFixed(1)} ms, p95 ${summary.tandem.p95.toFixed(1)} ms) · ` +
      `bare ${summary.bare.requestsPerSecond.toFixed(0)} req/s (p50 ${summary.bare.p50.toFixed(1)} ms, p95 ${summary.bare.p95.toFixed(1)} ms) · ` +
      `ratio ${(summary.ratio * 100).toFixed(0)}% (target ≥ ${summary.target * 100}%)`,
  );
}
if (!values.only || values.only === 'consent') {
  log('\n== Consent enforcement on vs bypassed (caseload and timeline) ==');
  const summary = await benchConsent({ seconds: Number(values.seconds), rounds: Number(values.rounds), connections: 20, log });
  results.consent = summary;
  for (const [route, r] of Object.entries(summary)) {
    log(
      `${route}: enforced ${r.enforced.requestsPerSecond.toFixed(0)} req/s · bypassed ${r.bypassed.requestsPerSecond.toFixed(0)} req/s · ` +
        `ratio ${(r.ratio * 100).toFixed(0)}% (target ≥ ${r.target * 100}%)`,
    );
  }
}
if (!values.only || values.only === 'timeline') {
  log('\n== Timeline with two years of history vs its bare statement ==');
  const summary = await benchTimeline({ seconds: Number(values.seconds), rounds: Number(values.rounds), connections: 20, log });
  results.timeline = summary;
  log(
    `Tandem ${summary.tandem.requestsPerSecond.toFixed(0)} req/s (p50 ${summary.tandem.p50.toFixed(1)} ms, p95 ${summary.tandem.p95.toFixed(1)} ms) · ` +
      `bare ${summary.bare.requestsPerSecond.toFixed(0)} req/s (p95 ${summary.bare.p95.toFixed(1)} ms) · ratio ${(summary.ratio * 100).toFixed(0)}% · ` +
      `target p95 < ${summary.targetP95Ms} ms`,
  );
}
if (!values.only || values.only === 'overview') {
  log('\n== Participant overview (goals, alignment, plan, scores) vs its bare reads ==');
  const summary = await benchOverview({ seconds: Number(values.seconds), rounds: Number(values.rounds), connections: 20, log });
  results.overview = summary;
  log(
    `Tandem ${summary.tandem.requestsPerSecond.toFixed(0)} req/s (p50 ${summary.tandem.p50.toFixed(1)} ms, p95 ${summary.tandem.p95.toFixed(1)} ms) · ` +
      `bare ${summary.bare.requestsPerSecond.toFixed(0)} req/s (p95 ${summary.bare.p95.toFixed(1)} ms) · ratio ${(summary.ratio * 100).toFixed(0)}% · ` +
      `target p95 < ${summary.targetP95Ms} ms`,
  );
}
if (!values.only || values.only === 'hl7') {
  log('\n== HL7 ORU ingest over MLLP vs a bare insert of the same rows ==');
  const summary = await benchHl7({ messages: Number(values.messages), connections: 8, log });
  results.hl7 = summary;
  log(
    `Tandem ${summary.tandem.messagesPerSecond.toFixed(0)} msg/s · bare ${summary.baseline.messagesPerSecond.toFixed(0)} msg/s · ` +
      `ratio ${(summary.ratio * 100).toFixed(0)}% · target ≥ ${summary.target} msg/s; on the timeline ${summary.timelineAfterAck.max.toFixed(0)} ms after the ACK at most`,
  );
}
if (!values.only || values.only === 'startup') {
  log('\n== npm start: time to health and memory ==');
  const summary = await benchStartup({ log });
  results.startup = summary;
}

const dir = path.join(import.meta.dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${new Date().toISOString().replaceAll(':', '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
log(`\nResults written to ${path.relative(process.cwd(), file)}`);
