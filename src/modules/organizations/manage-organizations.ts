import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Db, Queryable } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { AccessContext } from '../access/access-context.js';
import { requireAdmin } from '../access/require-admin.js';
import { findOrganization, organizationKinds, replacePartners } from './organizations.repository.js';
import type { OrganizationCreate, OrganizationKind, OrganizationUpdate } from './organizations.schema.js';
import { organizations } from './organizations.tables.js';

/** Partners serve courts; a partner is any organization that is not itself a court. */
async function checkPartners(q: Queryable, kind: OrganizationKind, partnerIds: string[]) {
  if (partnerIds.length === 0) return;
  if (kind !== 'court') throw new AppError('validation', 'errors.partner_kind');
  const kinds = await organizationKinds(q, partnerIds);
  if (kinds.size !== new Set(partnerIds).size) throw new AppError('validation', 'errors.organization_not_found');
  if ([...kinds.values()].includes('court')) throw new AppError('validation', 'errors.partner_kind');
}

export async function createOrganization(options: { db: Db; ctx: AccessContext; input: OrganizationCreate }) {
  requireAdmin(options.ctx);
  const { input } = options;
  return options.db.transaction(async (tx) => {
    await checkPartners(tx, input.kind, input.partnerIds);
    const [org] = await tx
      .insert(organizations)
      .values({
        name: input.name,
        kind: input.kind,
        // Treatment providers are Part 2 programs unless an admin says otherwise.
        part2Program: input.part2Program ?? input.kind === 'treatment_provider',
        timeZone: input.timeZone,
      })
      .returning({ id: organizations.id });
    if (!org) throw new Error('organization insert returned nothing');
    await replacePartners(tx, org.id, [...new Set(input.partnerIds)]);
    await recordAudit(tx, options.ctx, {
      action: 'admin.organization.create',
      targetType: 'organization',
      targetId: org.id,
      details: { name: input.name, kind: input.kind },
    });
    const created = await findOrganization(tx, org.id);
    if (!created) throw new Error('organization vanished');
    return created;
  });
}

export async function updateOrganization(options: { db: Db; ctx: AccessContext; id: string; patch: OrganizationUpdate }) {
  requireAdmin(options.ctx);
  const { patch } = options;
  return options.db.transaction(async (tx) => {
    const existing = await findOrganization(tx, options.id);
    if (!existing) throw notFound();
    const { partnerIds, ...fields } = patch;
    if (Object.keys(fields).length > 0) await tx.update(organizations).set(fields).where(eq(organizations.id, options.id));
    if (partnerIds) {
      await checkPartners(tx, existing.kind, partnerIds);
      await replacePartners(tx, options.id, [...new Set(partnerIds)]);
    }
    await recordAudit(tx, options.ctx, {
      action: 'admin.organization.update',
      targetType: 'organization',
      targetId: options.id,
      details: { fields: Object.keys(patch) },
    });
    const updated = await findOrganization(tx, options.id);
    if (!updated) throw new Error('organization vanished');
    return updated;
  });
}
