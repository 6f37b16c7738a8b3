import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  expectHeading,
  expectNoAxeViolations,
  expectText,
  field,
  fillSignIn,
  signIn,
  startE2E,
  visibleText,
} from '../support/e2e-browser.js';
import { signIn as apiSignIn } from '../support/test-app.js';

describe('accounts', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('turns on two-step sign-in, then signs in with a code and with a recovery code', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Account' }).click();
    await expectHeading(page, 'Account');
    await expectText(page.getByTestId('mfa-status'), 'Off');
    await expectNoAxeViolations(page, 'account page');

    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('button', { name: 'Set up authenticator' }).click();
    const secretField = field(page, 'Setup key');
    await secretField.waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoAxeViolations(page, 'authenticator setup');

    const now = () => Math.floor(Date.now() / 1000);
    const enrolledAt = now();
    await field(page, '6-digit code').fill(await generate({ secret, epoch: enrolledAt }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    const recoveryCode = await visibleText(codes.first());
    expect(recoveryCode).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    await expectNoAxeViolations(page, 'recovery codes');
    const next = page.getByRole('button', { name: 'Continue' });
    expect(await next.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'I have stored these codes in a safe place' }).check();
    await next.click();
    await expectText(page.getByTestId('mfa-status'), 'On');

    // Sign out, then sign in again: the code comes second.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expectText(page.locator('main'), 'You are signed out.');
    await fillSignIn(page, 'counselor@riverbend.example', 'tandem-demo-2026');
    await expectHeading(page, 'Two-step sign-in');
    await expectNoAxeViolations(page, 'second sign-in step');
    await field(page, 'Code').fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectText(page.getByRole('alert'), 'That code is not correct or has already been used.');
    // A code of the next time step: the one used to confirm cannot be used again.
    await field(page, 'Code').fill(await generate({ secret, epoch: enrolledAt + 30 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectHeading(page, 'Caseload');

    // And once more with a recovery code instead.
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await fillSignIn(page, 'counselor@riverbend.example', 'tandem-demo-2026');
    await expectHeading(page, 'Two-step sign-in');
    await field(page, 'Code').fill(recoveryCode);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expectHeading(page, 'Caseload');
  });

  it('keeps a language chosen on the sign-in page, and saves it to the account at sign-in', async () => {
    const { page } = await e2e.newPage();
    await page.goto('/sign-in');
    await expectHeading(page, 'Sign in');
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await expectHeading(page, 'Iniciar sesión');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.reload();
    await expectHeading(page, 'Iniciar sesión');
    await expectNoAxeViolations(page, 'sign-in page in Spanish');
    // The server's messages come in the same language.
    await field(page, 'Correo electrónico').fill('casemanager@riverbend.example');
    await field(page, 'Contraseña').fill('not-the-password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expectText(page.getByRole('alert'), 'El correo electrónico o la contraseña no son correctos.');
    await field(page, 'Contraseña').fill('tandem-demo-2026');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expectHeading(page, 'Casos');
    const client = await apiSignIn(e2e.test.app, 'casemanager@riverbend.example');
    const me = (await client.get('/api/v1/me')).json() as { user: { locale: string } };
    expect(me.user.locale).toBe('es');
  });

  it('shows an evaluator no caseload', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'evaluator@riverbend.example');
    await expectHeading(page, 'Welcome, Evan Evaluator');
    await expectText(page.locator('main'), /No caseload for this account.*de-identified figures only/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Caseload' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'New participant' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'evaluator home');
    // The caseload's address leads back to the explanation.
    await page.goto('/caseload');
    await expectHeading(page, 'Welcome, Evan Evaluator');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('shows a counselor their caseload without enrollment actions', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor2@riverbend.example');
    await expectHeading(page, 'Caseload');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'New participant' }).count()).toBe(0);
    await page.locator('main table tbody tr a').first().click();
    await page.getByRole('heading', { level: 2, name: 'Identity and contact' }).waitFor();
    expect(await page.getByRole('button', { name: 'Change status' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit details' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'participant overview for a counselor');
  });

  it('works on a narrow phone screen', async () => {
    const { page } = await e2e.newPage({ width: 390 });
    await signIn(page, 'judge@riverbend.example');
    await expectHeading(page, 'Caseload');
    await page.getByRole('button', { name: 'Navigation menu' }).click();
    await page.getByRole('link', { name: 'Caseload' }).waitFor();
    await expectNoAxeViolations(page, 'caseload on a phone with the menu open');
  });
});
