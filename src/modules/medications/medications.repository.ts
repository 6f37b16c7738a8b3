import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { DisclosureRecord } from '../consent/decide-disclosure.js';
import type { DisclosurePolicy } from '../consent/disclosure-policy.js';
import { organizations } from '../organizations/organizations.tables.js';
import { users } from '../users/users.tables.js';
import { isMoud, type Medication } from './medication-catalog.js';
import { prescriptions } from './medications.tables.js';

export type PrescriptionRow = typeof prescriptions.$inferSelect;
export type HeldPrescription = PrescriptionRow & {
  custodianName: string;
  custodianPart2: boolean | null;
  enteredByName: string | null;
};

/** Every prescription of a participant, with who holds it. Callers decide what a reader sees of them. */
export async function participantPrescriptions(q: Queryable, participantId: string): Promise<HeldPrescription[]> {
  const rows = await q
    .select({
      p: prescriptions,
      custodianName: organizations.name,
      custodianPart2: organizations.part2Program,
      enteredByName: users.displayName,
    })
    .from(prescriptions)
    .leftJoin(organizations, eq(organizations.id, prescriptions.custodianOrgId))
    .leftJoin(users, eq(users.id, prescriptions.enteredBy))
    .where(eq(prescriptions.participantId, participantId))
    .orderBy(prescriptions.startedOn);
  return rows.map((r) => ({
    ...r.p,
    custodianName: r.custodianName ?? '',
    custodianPart2: r.custodianPart2,
    enteredByName: r.enteredByName,
  }));
}

/** A prescription as the disclosure decision sees it: medications and dosing. */
export function prescriptionRecord(p: HeldPrescription): DisclosureRecord {
  return {
    participantId: p.participantId,
    custodianOrgId: p.custodianOrgId,
    custodianIsPart2: p.custodianPart2 ?? undefined,
    dataClass: 'medication',
    occurredAt: p.occurredAt,
    enteredBy: p.enteredBy,
  };
}

/** The same prescription, seen only as "receives MOUD (yes/no)" — for readers a consent shares that much with. */
export function moudRecord(p: HeldPrescription): DisclosureRecord {
  return { ...prescriptionRecord(p), dataClass: 'moud_enrollment' };
}

/**
 * How much of each prescription a reader may see: all of it (`medication`), only that it is MOUD
 * (`moud_enrollment`, for a MOUD prescription), or nothing. The policy must have been prepared for
 * both records of each (`prepareFor`).
 */
export function prescriptionView(policy: DisclosurePolicy, p: HeldPrescription): 'full' | 'moud_only' | null {
  if (policy.decide(prescriptionRecord(p)).permit) return 'full';
  if (isMoud(p.medication as Medication) && policy.decide(moudRecord(p)).permit) return 'moud_only';
  return null;
}

export function recordsOf(list: readonly HeldPrescription[]): DisclosureRecord[] {
  return list.flatMap((p) => [prescriptionRecord(p), moudRecord(p)]);
}
