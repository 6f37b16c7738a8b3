import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { AccessContext } from '../access/access-context.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import type { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { isMoud, type Medication } from '../medications/medication-catalog.js';
import {
  type HeldPrescription,
  moudRecord,
  participantPrescriptions,
  prescriptionRecord,
  prescriptionView,
  recordsOf,
} from '../medications/medications.repository.js';
import { organizations } from '../organizations/organizations.tables.js';
import { type Interpretation, interpretationSeenBy } from '../testing/interpret-test.js';
import { visibleTests } from '../testing/read-tests.js';
import { drugTests } from '../testing/testing.tables.js';
import type { TimelineRecord } from './timeline.repository.js';
import type { TimelineDetail, TimelineEntry } from './timeline.schema.js';

/*
 * From stored records to what one reader is shown: a test says what it says from what the reader may
 * see (interpretationSeenBy; a prescribed medication found missing is for the treatment team only);
 * a MOUD prescription the reader may see in full is not shown a second time as "receives MOUD".
 * The prescriptions that account for what a test shows are disclosed with it.
 */

/**
 * What the reader may see of the prescriptions and earlier tests the shown tests rest on — only those
 * (the earlier tests a carry-over reading names; the participant's prescriptions when a finding or a
 * flag names one), loaded only when a shown test needs them.
 */
async function readerKnowledge(q: Queryable, policy: DisclosurePolicy, participantId: string, shown: readonly Interpretation[]) {
  const earlierIds = [...new Set(shown.flatMap((i) => (i.carryOver ? [i.carryOver.earlierTestId] : [])))];
  const namesPrescriptions = shown.some(
    (i) => i.findings.some((f) => f.prescriptionIds.length > 0) || i.flags.some((f) => f.kind === 'expected_medication_absent'),
  );
  const tests =
    earlierIds.length === 0
      ? []
      : await q
          .select({
            id: drugTests.id,
            custodianOrgId: drugTests.custodianOrgId,
            dataClass: drugTests.dataClass,
            occurredAt: drugTests.occurredAt,
            enteredBy: drugTests.enteredBy,
            part2: organizations.part2Program,
          })
          .from(drugTests)
          .leftJoin(organizations, eq(organizations.id, drugTests.custodianOrgId))
          .where(and(eq(drugTests.participantId, participantId), inArray(drugTests.id, earlierIds)));
  const testRecords = tests.map(
    (t): DisclosureRecord => ({
      participantId,
      custodianOrgId: t.custodianOrgId,
      custodianIsPart2: t.part2 ?? undefined,
      dataClass: t.dataClass,
      occurredAt: t.occurredAt,
      enteredBy: t.enteredBy,
    }),
  );
  const prescriptions = namesPrescriptions ? await participantPrescriptions(q, participantId) : [];
  await policy.prepare(q, [...testRecords, ...recordsOf(prescriptions)]);
  const seenTests = new Set(tests.filter((_, i) => policy.decide(testRecords[i]!).permit).map((t) => t.id));
  const seenPrescriptions = new Map(
    prescriptions.flatMap((p) => {
      const view = prescriptionView(policy, p);
      return view ? [[p.id, { p, view }] as const] : [];
    }),
  );
  return { seenTests, seenPrescriptions };
}

const needsKnowledge = (i: Interpretation | null) =>
  i !== null &&
  (i.carryOver !== null ||
    i.findings.some((f) => f.finding === 'authorized') ||
    i.flags.some((f) => f.kind === 'expected_medication_absent'));

/** The entries this reader is shown for these visible records (same order), with what they disclose noted on the policy. */
export async function presentEntries(
  q: Queryable,
  ctx: AccessContext,
  policy: DisclosurePolicy,
  participantId: string,
  records: readonly TimelineRecord[],
): Promise<TimelineEntry[]> {
  const tests = records.filter((r) => r.entry.detail.kind === 'test');
  const stored = (r: TimelineRecord) => (r.entry.detail.kind === 'test' ? r.entry.detail.interpretation : null);
  const needing = tests.map(stored).filter((i): i is Interpretation => needsKnowledge(i));
  const knowledge = needing.length > 0 ? await readerKnowledge(q, policy, participantId, needing) : null;
  const knows = knowledge
    ? { prescription: (id: string) => knowledge.seenPrescriptions.has(id), test: (id: string) => knowledge.seenTests.has(id) }
    : { prescription: () => false, test: () => false };

  // A test whose reading cannot be projected is read again from what the reader may see.
  const interpretations = new Map<string, Interpretation | null>();
  const again: string[] = [];
  for (const r of tests) {
    const i = stored(r);
    const seen = i === null ? null : needsKnowledge(i) ? interpretationSeenBy(i, knows) : i;
    if (seen === null && i !== null) again.push(r.entry.id);
    interpretations.set(r.entry.id, seen);
  }
  if (again.length > 0) {
    const reread = await visibleTests(q, ctx, participantId, { policy });
    for (const s of reread?.shown ?? []) if (again.includes(s.row.id)) interpretations.set(s.row.id, s.interpretation);
  }

  const readerOrgs = ctx.actor.kind === 'token' ? [ctx.actor.organizationId] : ctx.actor.memberships.map((m) => m.organizationId);
  const behind = new Map<string, HeldPrescription>();
  const fullyShown = new Set(records.flatMap((r) => (r.entry.detail.kind === 'prescription' ? [r.entry.id] : [])));
  const entries: TimelineEntry[] = [];
  for (const r of records) {
    const d = r.entry.detail;
    let detail: TimelineDetail;
    if (d.kind === 'test') {
      const i = interpretations.get(r.entry.id) ?? null;
      for (const f of i?.findings ?? []) {
        for (const id of f.prescriptionIds) {
          const seen = knowledge?.seenPrescriptions.get(id);
          if (seen) behind.set(id, seen.p);
        }
      }
      detail = {
        kind: 'test',
        reason: d.reason,
        specimenType: d.specimenType,
        collection: d.collection,
        collectedAt: d.collectedAt ? new Date(d.collectedAt).toISOString() : null,
        outcome: i?.outcome ?? 'pending',
        presumptive: i?.presumptive ?? false,
        positives: (i?.findings ?? [])
          .filter(
            (f): f is typeof f & { finding: 'unauthorized' | 'authorized' } =>
              f.finding === 'unauthorized' || f.finding === 'authorized',
          )
          .map((f) => ({ analyte: f.analyte, finding: f.finding, presumptive: f.presumptive })),
        flags: (i?.flags ?? [])
          .filter((f) => {
            if (f.kind !== 'expected_medication_absent') return true;
            // For the treatment team that holds the prescription only.
            const held = knowledge?.seenPrescriptions.get(f.prescriptionId)?.p;
            return held !== undefined && held.custodianPart2 === true && readerOrgs.includes(held.custodianOrgId);
          })
          .map((f) => f.kind),
      };
    } else if (d.kind === 'moud') {
      // Shown in full already: no second entry.
      if (fullyShown.has(d.prescriptionId)) continue;
      detail = { kind: 'moud', medication: d.medication, startedOn: d.startedOn, endedOn: d.endedOn };
    } else if (d.kind === 'prescription') {
      detail = { ...d, moud: isMoud(d.medication as Medication) };
    } else {
      detail = d;
    }
    entries.push({ ...r.entry, detail });
  }
  // What accounts for a shown test is disclosed with it, as much of it as the reader sees.
  const full = [...behind.values()].filter((p) => knowledge?.seenPrescriptions.get(p.id)?.view === 'full');
  const moudOnly = [...behind.values()].filter((p) => knowledge?.seenPrescriptions.get(p.id)?.view === 'moud_only');
  policy.disclose(full, prescriptionRecord);
  policy.disclose(moudOnly, moudRecord);
  return entries;
}

/** Which records were shown (a MOUD "receives MOUD" record dropped for its full prescription is not). */
export function shownRecords(records: readonly TimelineRecord[], entries: readonly TimelineEntry[]): TimelineRecord[] {
  const ids = new Set(entries.map((e) => e.id));
  return records.filter((r) => ids.has(r.entry.id));
}
