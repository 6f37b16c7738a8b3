import type { Queryable } from '../../platform/db/database.js';
import { type DataClass, TREATMENT_CLASSES } from '../records/data-classes.js';
import type { DisclosureRecord } from './decide-disclosure.js';
import type { DisclosurePolicy } from './disclosure-policy.js';

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
