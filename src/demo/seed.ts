import { sql } from 'drizzle-orm';
import { refusedDraftAudit } from '../modules/agreements/manage-agreements.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { writeSecuritySettings } from '../modules/auth/security-settings.repository.js';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Db } from '../platform/db/database.js';
import { todayIn } from '../platform/time.js';
import { DEMO_ACCOUNTS, demoPlan } from './demo-court.js';
import { largeCourtPlan } from './large-plan.js';
import { writePlan } from './write-plan.js';

const SYSTEM = { actor: null, label: 'system', request: { id: 'system', ip: null, userAgent: 'tandem' } } as const;

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const result = await db.execute<{ empty: boolean }>(sql`SELECT NOT EXISTS (SELECT 1 FROM organizations) AS empty`);
  return result.rows[0]?.empty ?? true;
}

/** Loads the demo court. Refuses a database that already holds organizations. */
export async function seedDemo(
  db: Db,
  options: { password: string; today?: string },
): Promise<{ participants: number; accounts: typeof DEMO_ACCOUNTS }> {
  const plan = demoPlan(options.today ?? todayIn('America/Chicago'));
  const passwordHash = await hashPassword(options.password);
  await db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE organizations IN EXCLUSIVE MODE`);
    const [row] = (await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM organizations`)).rows;
    if ((row?.n ?? 0) > 0)
      throw new Error('The database already holds organizations; the demo court is loaded only into an empty one.');
    await writePlan(tx, plan, passwordHash, { renderDocuments: true });
    // So that every demo account signs in with the password alone; a real deployment keeps the
    // default (two-step sign-in required for administrators).
    await writeSecuritySettings(tx, { mfaRequiredRoles: [] }, null);
    // The draft the condition validator refused, as the audit log keeps it (a refused draft is never stored).
    for (const p of plan.participants) {
      const refused = p.goals?.agreement?.refusedDraft;
      const coordinator = plan.users.find((u) => u.id === p.goals?.agreement?.enteredBy);
      if (!refused || !coordinator) continue;
      await recordAudit(
        tx,
        {
          actor: {
            kind: 'user',
            userId: coordinator.id,
            email: coordinator.email,
            displayName: coordinator.displayName,
            memberships: coordinator.memberships.map((m) => ({
              organizationId: m.organizationId,
              organizationName: plan.organizations.find((o) => o.id === m.organizationId)!.name,
              organizationKind: plan.organizations.find((o) => o.id === m.organizationId)!.kind,
              role: m.role,
            })),
          },
          purpose: 'court_monitoring',
          locale: 'en',
          request: SYSTEM.request,
        },
        refusedDraftAudit(p.id, p.enrollment.id, refused.ruleIds),
      );
    }
    await recordAudit(tx, SYSTEM, {
      action: 'system.seed_demo',
      details: { participants: plan.participants.length, mfaRequiredRoles: [] },
    });
  });
  return { participants: plan.participants.length, accounts: DEMO_ACCOUNTS };
}

/**
 * Generates a large synthetic deployment for benchmarks: `courts` courts sharing `participants`
 * participants, one transaction per court. Same seed and date, same data.
 */
export async function generateLarge(
  db: Db,
  options: {
    courts: number;
    participants: number;
    password: string;
    seed?: number;
    today?: string;
    onCourt?: (done: number) => void;
  },
): Promise<void> {
  const today = options.today ?? todayIn('America/Chicago');
  const passwordHash = await hashPassword(options.password);
  const existing =
    (
      await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM organizations WHERE name LIKE '% County Treatment Court' AND kind = 'court'`,
      )
    ).rows[0]?.n ?? 0;
  for (let court = 1; court <= options.courts; court++) {
    const share = Math.floor(options.participants / options.courts) + (court <= options.participants % options.courts ? 1 : 0);
    const plan = largeCourtPlan({ courtNumber: existing + court, participants: share, today, seed: options.seed ?? 42 });
    await db.transaction(async (tx) => {
      await writePlan(tx, plan, passwordHash);
      await recordAudit(tx, SYSTEM, { action: 'system.generate', details: { court: existing + court, participants: share } });
    });
    options.onCourt?.(court);
  }
}
