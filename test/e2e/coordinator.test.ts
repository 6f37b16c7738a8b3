import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  choose,
  dialog,
  type E2E,
  expectHeading,
  expectNoAxeViolations,
  expectText,
  field,
  fillSignIn,
  signIn,
  startE2E,
} from '../support/e2e-browser.js';
import { signIn as apiSignIn, type Client } from '../support/test-app.js';

const COORDINATOR = 'coordinator@riverbend.example';

describe('coordinator journeys', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The coordinator's API client (one sign-in for the file: sign-ins are rate-limited). */
  let client: Client | undefined;
  async function api(): Promise<Client> {
    client ??= await apiSignIn(e2e.test.app, COORDINATOR);
    return client;
  }

  /** The caseload total the API reports for a query, to compare with what the page shows. */
  async function apiTotal(query: string): Promise<number> {
    const response = await (await api()).get(`/api/v1/participants?${query}`);
    return (response.json() as { total: number }).total;
  }

  it('signs in, showing the server’s message for a wrong password', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/caseload');
    // Not signed in: the app sends the person to sign in, and back afterwards.
    await page.waitForURL(/\/sign-in/);
    await expectHeading(page, 'Sign in');
    await expectNoAxeViolations(page, 'sign-in page');

    await fillSignIn(page, COORDINATOR, 'not-the-password');
    await expectText(page.getByRole('alert'), 'The email or password is not correct.');
    await expectNoAxeViolations(page, 'sign-in page with an error');

    await page.getByLabel(/^Password/).fill('tandem-demo-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectHeading(page, 'Caseload');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expectText(nav, /Caseload.*New participant.*Programs/);
    expect(await nav.getByRole('link', { name: 'Organizations' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'caseload');
  });

  it('searches, filters, sorts and pages the caseload, then opens a participant by keyboard', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, COORDINATOR);
    const total = page.getByTestId('caseload-total');
    const rows = page.locator('main table tbody tr');

    const open = await apiTotal('status=referred&status=screening&status=active&status=absconded');
    await expectText(total, `${open} participant cases`);
    expect(await rows.count()).toBe(Math.min(open, 25));

    // Closed cases appear only when asked for.
    const all = await apiTotal('');
    expect(all).toBeGreaterThan(open);
    await page.getByRole('link', { name: 'Include closed cases' }).click();
    await expectText(total, `${all} participant cases`);
    await page.getByRole('link', { name: 'Show open cases only' }).click();
    await expectText(total, `${open} participant cases`);

    // Paging: the second page holds the rest.
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectText(page.locator('main'), `26–${open} of ${open}`);
    expect(await rows.count()).toBe(open - 25);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expectText(page.locator('main'), `1–25 of ${open}`);

    // Sorting by days in phase, on the server, both ways.
    // (A coordinator of one court has no court column: participant, case, program, status, phase, days.)
    const daysColumn = page.locator('main table tbody tr td:nth-child(6)');
    const days = async () =>
      (await daysColumn.allTextContents())
        .map((text) => text.trim())
        .filter((text) => /^\d+$/.test(text))
        .map(Number);
    await page.getByRole('button', { name: /Days in phase/ }).click();
    await expect.poll(async () => new URL(page.url()).searchParams.get('sort')).toBe('daysInPhase');
    await expect.poll(async () => isSorted(await days(), 'asc')).toBe(true);
    await page.getByRole('button', { name: /Days in phase/ }).click();
    await expect.poll(async () => new URL(page.url()).searchParams.get('order')).toBe('desc');
    await expect.poll(async () => isSorted(await days(), 'desc')).toBe(true);
    const firstDesc = (await days())[0] ?? 0;
    expect(firstDesc).toBeGreaterThan(0);

    // Program filter.
    const dwi = await apiTotal(
      'status=referred&status=screening&status=active&status=absconded&programId=' + (await programId('DWI Court')),
    );
    await choose(page, 'Program', 'DWI Court');
    await expectText(total, new RegExp(`^${dwi} participant case`));
    await expect
      .poll(async () =>
        (await page.locator('main table tbody tr td:nth-child(3)').allTextContents()).every((t) => t === 'DWI Court'),
      )
      .toBe(true);
    await choose(page, 'Program', 'All programs');

    // Search is debounced and done by the server.
    await page.getByRole('searchbox', { name: 'Search' }).fill('Marsh');
    await expectText(total, '1 participant case');
    await expectText(rows.first(), /Marsh, Anthony.*RB-2026-0001.*Adult Drug Court.*Active/);
    await expectNoAxeViolations(page, 'caseload filtered');

    // The participant's name is a link, reachable and opened by keyboard.
    const link = page.getByRole('link', { name: 'Marsh, Anthony' });
    await link.focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Anthony Marsh');
    await expectText(page.locator('main'), /Adult Drug Court · RB-2026-0001/);
    await expectNoAxeViolations(page, 'participant overview');

    // Back returns to the same filtered caseload.
    await page.goBack();
    await expectText(total, '1 participant case');
  });

  async function programId(name: string): Promise<string> {
    const programs = (await (await api()).get('/api/v1/programs')).json() as { items: { id: string; name: string }[] };
    const program = programs.items.find((p) => p.name === name);
    if (!program) throw new Error(`no program ${name}`);
    return program.id;
  }

  it('enrolls a new participant through the form and shows them on their overview', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, COORDINATOR);
    await page.getByRole('link', { name: 'New participant' }).click();
    await expectHeading(page, 'New participant');
    await expectNoAxeViolations(page, 'new participant form');

    // Nothing filled in: the form says what is missing, next to each field.
    await page.getByRole('button', { name: 'Enroll participant' }).click();
    await expectText(page.locator('main'), /Fill in this field\./);
    await expectNoAxeViolations(page, 'new participant form with errors');

    await field(page, 'First name').fill('Valentina');
    await field(page, 'Last name').fill('Okoye');
    await field(page, 'Preferred name').fill('Val');
    await field(page, 'Pronouns').fill('she/her');
    await field(page, 'Date of birth').fill('1991-04-12');
    await choose(page, 'Program', 'Adult Drug Court');
    await field(page, 'Case number').fill('RB-2026-0001');
    await field(page, 'Referral source').fill('Public defender');
    await choose(page, 'Status', 'Active');
    await choose(page, 'Team members', /Dana Counselor/);
    await page.keyboard.press('Escape');

    // A case number the court already uses: the server's message appears at the field.
    await page.getByRole('button', { name: 'Enroll participant' }).click();
    await expectText(page.locator('main'), 'This court already has a case with this number.');
    await expectNoAxeViolations(page, 'new participant form with a server error');

    await field(page, 'Case number').fill('RB-2026-0999');
    await page.getByRole('button', { name: 'Enroll participant' }).click();
    await expectHeading(page, 'Valentina Okoye');
    const main = page.locator('main');
    await expectText(main, 'Goes by Val');
    await expectText(main, /Adult Drug Court · RB-2026-0999/);
    await expectText(main, /Status\s*Active/);
    await expectText(main, /1 of 5 · Orientation and stabilization/);
    await expectText(
      page.getByRole('row', { name: /Dana Counselor/ }),
      /Treatment provider.*Dana Counselor.*Riverbend Recovery Services/,
    );
    await expectText(main, /Referral source\s*Public defender/);
    await expectNoAxeViolations(page, 'new participant overview');
  });

  it('changes the phase and the status of an enrollment with a reason', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, COORDINATOR);
    await page.getByRole('searchbox', { name: 'Search' }).fill('RB-2026-0001');
    await page.getByRole('link', { name: 'Marsh, Anthony' }).click();
    await expectHeading(page, 'Anthony Marsh');
    const main = page.locator('main');
    await expectText(main, /2 of 5 · Clinical stabilization/);

    // Phase: the current phase is offered but cannot be chosen again.
    await page.getByRole('button', { name: 'Change phase' }).click();
    const phaseDialog = dialog(page, 'Change phase');
    await phaseDialog.waitFor();
    await expectText(phaseDialog, /To advance from “Clinical stabilization”/);
    await expectNoAxeViolations(page, 'change phase dialog');
    await choose(phaseDialog, 'New phase', '3. Pro-social habilitation');
    await field(phaseDialog, 'Reason').fill('Met phase 2 goals; 60 days engaged in treatment');
    await phaseDialog.getByRole('button', { name: 'Save phase change' }).click();
    await phaseDialog.waitFor({ state: 'hidden' });
    await expectText(main, /3 of 5 · Pro-social habilitation/);
    await expectText(
      main,
      /Phase 3 · Pro-social habilitation.*Reason: Met phase 2 goals; 60 days engaged in treatment.*Entered by Chris Coordinator/,
    );

    // Status: only the changes the rules allow from "active" are offered.
    await page.getByRole('button', { name: 'Change status' }).click();
    const statusDialog = dialog(page, 'Change status');
    await statusDialog.waitFor();
    await field(statusDialog, 'New status').click();
    const offered = await page.getByRole('option').allTextContents();
    expect(offered).toEqual(['Graduated', 'Neutral discharge', 'Terminated', 'Absconded', 'Deceased']);
    await expectNoAxeViolations(page, 'change status dialog with options open');
    await page.getByRole('option', { name: 'Absconded' }).click();
    // A reason is required.
    await statusDialog.getByRole('button', { name: 'Save status change' }).click();
    await expectText(statusDialog, 'Write a reason of at least 3 characters.');
    await expectNoAxeViolations(page, 'change status dialog with an error');
    await field(statusDialog, 'Reason').fill('No contact with the team for two weeks; outreach continues');
    await statusDialog.getByRole('button', { name: 'Save status change' }).click();
    await statusDialog.waitFor({ state: 'hidden' });
    await expectText(main, /Status\s*Absconded since/);
    await expectText(
      main,
      /Active → Absconded.*Reason: No contact with the team for two weeks; outreach continues.*Entered by Chris Coordinator/,
    );

    // The other dialogs of the page, checked for accessibility.
    await page.getByRole('button', { name: 'Edit details' }).click();
    await dialog(page, 'Edit identity and contact details').waitFor();
    await expectNoAxeViolations(page, 'edit identity dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Edit enrollment' }).click();
    await dialog(page, 'Edit enrollment').waitFor();
    await expectNoAxeViolations(page, 'edit enrollment dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add team member' }).click();
    const addDialog = dialog(page, 'Add a team member');
    await addDialog.waitFor();
    await expectNoAxeViolations(page, 'add team member dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /End assignment: Dana Counselor/ }).click();
    const endDialog = dialog(page, 'End assignment');
    await endDialog.waitFor();
    await expectNoAxeViolations(page, 'end assignment dialog');
    await endDialog.getByRole('button', { name: 'End assignment' }).click();
    await endDialog.waitFor({ state: 'hidden' });
    await expectText(page.getByRole('row', { name: /Dana Counselor/ }), /Ended/);
  });

  it('switches to Spanish, which persists after a reload', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'judge@riverbend.example');
    await expectHeading(page, 'Caseload');
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await expectHeading(page, 'Casos');
    const nav = page.getByRole('navigation', { name: 'Principal' });
    await expectText(nav, 'Casos');
    const headers = page.locator('main table thead');
    await expectText(headers, /Participante.*Número de caso.*Programa.*Estado.*Fase.*Días en la fase.*Próxima audiencia/);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectNoAxeViolations(page, 'caseload in Spanish');

    await page.reload();
    await expectHeading(page, 'Casos');
    await expectText(page.locator('main table thead'), /Participante.*Número de caso/);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // The choice is saved on the account: a new browser gets Spanish after sign-in too.
    const other = await e2e.newPage();
    await signIn(other.page, 'judge@riverbend.example');
    await expectHeading(other.page, 'Casos');
    // Server messages follow the language.
    await page.getByRole('button', { name: /Menú de la cuenta/ }).click();
    await page.getByRole('menuitem', { name: 'Cuenta' }).click();
    await expectHeading(page, 'Cuenta');
    await field(page, 'Contraseña actual').fill('not-the-password');
    await field(page, 'Nueva contraseña').fill('a-new-password-123');
    await field(page, 'Repita la nueva contraseña').fill('a-new-password-123');
    await page.getByRole('button', { name: 'Cambiar contraseña' }).click();
    await expectText(page.locator('main'), 'La contraseña actual no es correcta.');
    await expectNoAxeViolations(page, 'account page in Spanish');
  });

  it('sends the person back to sign in when the session ends', async () => {
    const { page, context } = await e2e.newPage();
    await signIn(page, COORDINATOR);
    await context.clearCookies();
    // The next call to the API answers 401: the app returns to the sign-in page and says why.
    await page.getByRole('searchbox', { name: 'Search' }).fill('Marsh');
    await page.waitForURL(/\/sign-in/);
    await expectText(page.locator('main'), 'Your session ended.');
    await expectNoAxeViolations(page, 'sign-in page after the session ended');
    await fillSignIn(page, COORDINATOR, 'tandem-demo-2026');
    await expectHeading(page, 'Caseload');
    await expectText(page.getByTestId('caseload-total'), '1 participant case');
  });

  it('manages programs and their ordered phases', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, COORDINATOR);
    await page.getByRole('link', { name: 'Programs' }).click();
    await expectHeading(page, 'Programs');
    await expectText(page.getByRole('region', { name: 'Adult Drug Court' }), /Orientation and stabilization/);
    await expectNoAxeViolations(page, 'programs');

    await page.getByRole('button', { name: 'New program' }).click();
    const create = dialog(page, 'New program');
    await create.waitFor();
    await field(create, 'Name').fill('Reentry Court');
    await choose(create, 'Track', 'Reentry court');
    await create.getByRole('switch', { name: /Use the standard five phases/ }).click();
    await field(create, 'Phase name').fill('Stabilization');
    await create.getByRole('button', { name: 'Add phase' }).click();
    await field(create, 'Phase name').nth(1).fill('Community');
    await create.getByRole('button', { name: 'Move phase 2 up' }).click();
    await expectNoAxeViolations(page, 'new program dialog');
    await create.getByRole('button', { name: 'Create program' }).click();
    await create.waitFor({ state: 'hidden' });
    const region = page.getByRole('region', { name: 'Reentry Court' });
    await expectText(region, /Reentry court.*1\s*Community.*2\s*Stabilization/);
  });
});

function isSorted(values: number[], order: 'asc' | 'desc'): boolean {
  if (values.length < 2) return false;
  return values.every(
    (value, index) => index === 0 || (order === 'asc' ? values[index - 1]! <= value : values[index - 1]! >= value),
  );
}
