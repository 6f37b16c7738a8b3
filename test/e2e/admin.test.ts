import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/demo-court.js';
import {
  choose,
  dialog,
  type E2E,
  expectHeading,
  expectNoAxeViolations,
  expectText,
  field,
  navLink,
  signIn,
  startE2E,
  visibleText,
} from '../support/e2e-browser.js';
import { signIn as apiSignIn } from '../support/test-app.js';

const ADMIN = 'admin@riverbend.example';

describe('administration', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('shows administrators their sections and explains that they see no participants', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await expectHeading(page, 'Welcome, Alex Admin');
    await expectText(page.locator('main'), 'administrator accounts do not see participant records');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expectText(nav, /Programs.*Administration.*Organizations.*Users.*Security.*API tokens.*Audit log/i);
    expect(await nav.getByRole('link', { name: 'Caseload' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'admin home');
  });

  it('lists organizations and creates one', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await navLink(page, 'Organizations').click();
    await expectHeading(page, 'Organizations');
    await expectText(
      page.getByRole('row', { name: /^Edit Riverbend Recovery Services/ }),
      /Treatment provider\s*Yes\s*America\/Chicago/,
    );
    await expectNoAxeViolations(page, 'organizations');

    await page.getByRole('button', { name: 'New organization' }).click();
    const create = dialog(page, 'New organization');
    await create.waitFor();
    await field(create, 'Name').fill('Riverside Syringe Services');
    await choose(create, 'Kind', 'Community partner');
    await expectNoAxeViolations(page, 'new organization dialog');
    await create.getByRole('button', { name: 'Create organization' }).click();
    await create.waitFor({ state: 'hidden' });
    await expectText(page.getByRole('row', { name: /^Edit Riverside Syringe Services/ }), /Community partner\s*No/);

    // The court takes the new organization as a partner.
    await page.getByRole('button', { name: 'Edit Riverbend County Treatment Court' }).click();
    const edit = dialog(page, 'Edit Riverbend County Treatment Court');
    await edit.waitFor();
    await choose(edit, 'Partner organizations', /Riverside Syringe Services/);
    await page.keyboard.press('Escape');
    await expectNoAxeViolations(page, 'edit organization dialog');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expectText(page.getByRole('row', { name: /^Edit Riverbend County Treatment Court/ }), /Riverside Syringe Services/);
  });

  it('creates a user with two roles and changes them', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await navLink(page, 'Users').click();
    await expectHeading(page, 'Users');
    await expectText(page.locator('main'), new RegExp(`${DEMO_ACCOUNTS.length} users`));
    await expectNoAxeViolations(page, 'users');

    await page.getByRole('button', { name: 'New user' }).click();
    const create = dialog(page, 'New user');
    await create.waitFor();
    await field(create, 'Name').fill('Rae Nguyen');
    await field(create, 'Email').fill('rae.nguyen@riverbend.example');
    await field(create, 'Initial password').fill('orchard-lantern-kettle-42');
    await choose(create, 'Organization', 'Riverbend Recovery Services');
    await choose(create, 'Role', 'Treatment provider');
    await create.getByRole('button', { name: 'Add a role' }).click();
    const second = create.getByRole('group', { name: 'Role 2' });
    await choose(second, 'Organization', 'Harbor Harm Reduction Collective');
    await choose(second, 'Role', 'Peer recovery specialist');
    await expectNoAxeViolations(page, 'new user dialog');
    await create.getByRole('button', { name: 'Create user' }).click();
    await create.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Rae Nguyen/ });
    await expectText(row, /rae\.nguyen@riverbend\.example.*Active/);
    await expectText(row, /Treatment provider, Riverbend Recovery Services/);
    await expectText(row, /Peer recovery specialist, Harbor Harm Reduction Collective/);

    // The new account signs in with its password.
    const client = await apiSignIn(e2e.test.app, 'rae.nguyen@riverbend.example', 'orchard-lantern-kettle-42');
    expect(client.csrf).not.toBe('');

    await page.getByRole('button', { name: 'Edit Rae Nguyen' }).click();
    const edit = dialog(page, 'Edit Rae Nguyen');
    await edit.waitFor();
    await expectNoAxeViolations(page, 'edit user dialog');
    // Remove the peer specialist role, wherever the server listed it.
    const firstOrganization = await field(edit.getByRole('group', { name: 'Role 1' }), 'Organization').inputValue();
    const harbor = firstOrganization.startsWith('Harbor') ? 1 : 2;
    await edit.getByRole('button', { name: `Remove role ${harbor}` }).click();
    await edit.getByRole('switch', { name: 'Account active' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    await expectText(row, /Treatment provider, Riverbend Recovery Services.*Disabled/);
    await expect.poll(async () => (await visibleText(row)).includes('Harbor Harm Reduction')).toBe(false);

    // Filters: only disabled accounts.
    await choose(page, 'Status', 'Disabled');
    await expectText(page.locator('main'), /1 user\b/);
  });

  it('changes security settings', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await navLink(page, 'Security').click();
    await expectHeading(page, 'Security settings');
    await expectNoAxeViolations(page, 'security settings');
    await field(page, 'Sign out after inactivity (minutes)').fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page.locator('main'), 'Enter a whole number from 1 to 30.');
    await expectNoAxeViolations(page, 'security settings with an error');
    await field(page, 'Sign out after inactivity (minutes)').fill('20');
    await page.getByRole('checkbox', { name: 'Prosecutor' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page.getByRole('alert').filter({ hasText: 'saved' }), 'The security settings were saved.');
    const client = await apiSignIn(e2e.test.app, ADMIN);
    const settings = (await client.get('/api/v1/admin/security-settings')).json() as {
      sessionIdleMinutes: number;
      mfaRequiredRoles: string[];
    };
    expect(settings.sessionIdleMinutes).toBe(20);
    expect(settings.mfaRequiredRoles).toContain('prosecutor');
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await navLink(page, 'API tokens').click();
    await expectHeading(page, 'API tokens');
    await expectText(page.locator('main'), 'No API tokens yet.');
    await expectNoAxeViolations(page, 'API tokens');

    await page.getByRole('button', { name: 'New token' }).click();
    const create = dialog(page, 'New API token');
    await create.waitFor();
    await field(create, 'Name').fill('Case management sync');
    await choose(create, 'Organization', 'Riverbend County Treatment Court');
    await create.getByRole('checkbox', { name: 'Read participants' }).check();
    await expectNoAxeViolations(page, 'new API token dialog');
    await create.getByRole('button', { name: 'Create token' }).click();
    const secretField = field(create, 'Token');
    await secretField.waitFor();
    await expectText(create, 'It will not be shown again.');
    const secret = await secretField.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await expectNoAxeViolations(page, 'API token secret');
    const asToken = () =>
      e2e.test.app.inject({ method: 'GET', url: '/api/v1/participants', headers: { authorization: `Bearer ${secret}` } });
    expect((await asToken()).statusCode).toBe(200);
    await create.getByRole('button', { name: 'Done' }).click();
    await create.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: /Case management sync/ });
    await expectText(row, /Riverbend County Treatment Court.*Read participants.*Active/);
    await row.getByRole('button', { name: 'Revoke Case management sync' }).click();
    const revoke = dialog(page, 'Revoke API token');
    await revoke.waitFor();
    await expectText(revoke, 'Systems using it lose access at once.');
    await expectNoAxeViolations(page, 'revoke API token dialog');
    await revoke.getByRole('button', { name: 'Revoke token' }).click();
    await revoke.waitFor({ state: 'hidden' });
    await expectText(row, /Revoked/);
    expect((await asToken()).statusCode).toBe(401);
  });

  it('shows the coordinator’s actions in the audit log, pages back, and verifies the chain', async () => {
    // The coordinator works in the browser: the caseload, then one participant.
    const coordinator = await e2e.newPage();
    await signIn(coordinator.page, 'coordinator@riverbend.example');
    await coordinator.page.getByRole('link', { name: 'Marsh, Anthony' }).click();
    await expectHeading(coordinator.page, 'Anthony Marsh');
    // Enough other activity for more than one page of entries.
    const api = await apiSignIn(e2e.test.app, 'probation@riverbend.example');
    for (let i = 0; i < 55; i++) await api.get('/api/v1/participants?pageSize=1');

    const { page } = await e2e.newPage();
    await signIn(page, ADMIN);
    await navLink(page, 'Audit log').click();
    await expectHeading(page, 'Audit log');
    await expectText(page.locator('main'), /50 entries shown/);
    await expectNoAxeViolations(page, 'audit log');
    await page.getByRole('button', { name: 'Older entries' }).click();
    await expect
      .poll(async () => Number((await visibleText(page.locator('main'))).match(/(\d+) entries shown/)?.[1]))
      .toBeGreaterThan(50);

    await choose(page, 'Person', /Chris Coordinator/);
    await field(page, 'Action').fill('participant.');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const rows = page.locator('main table tbody tr');
    await expectText(
      rows.first(),
      /coordinator@riverbend\.example.*Riverbend County Treatment Court.*participant\.read.*Success.*1.*participant/,
    );
    const actions = await page.locator('main table tbody tr td:nth-child(4)').allInnerTexts();
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(actions)).toEqual(new Set(['participant.read', 'participant.list']));
    await expectNoAxeViolations(page, 'audit log filtered');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expectText(page.locator('main'), /The audit chain is intact.*entries checked\./);
    await expectNoAxeViolations(page, 'audit log with the verification');
  });
});
