import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import type { SecuritySettings } from './auth.schema.js';
import { securitySettings } from './auth.tables.js';

export async function readSecuritySettings(q: Queryable): Promise<SecuritySettings> {
  const [row] = await q.select().from(securitySettings).where(eq(securitySettings.id, true));
  if (!row) throw new Error('security_settings row is missing; run the migrations');
  return {
    mfaRequiredRoles: row.mfaRequiredRoles,
    sessionIdleMinutes: row.sessionIdleMinutes,
    sessionMaxHours: row.sessionMaxHours,
    lockoutThreshold: row.lockoutThreshold,
    lockoutMinutes: row.lockoutMinutes,
  };
}

export async function writeSecuritySettings(
  q: Queryable,
  patch: Partial<SecuritySettings>,
  updatedBy: string | null,
): Promise<SecuritySettings> {
  await q
    .update(securitySettings)
    .set({ ...patch, updatedAt: new Date(), updatedBy })
    .where(eq(securitySettings.id, true));
  return readSecuritySettings(q);
}
