import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './test-app.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let built = false;

/** Builds the web app (and server) once per run, only when sources changed since the last build. */
export function ensureWebBuilt(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });
  built = true;
}

export type E2E = {
  test: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own cookies and storage) and page, in English unless told otherwise. */
  newPage: (options?: { locale?: string; width?: number }) => Promise<{ context: BrowserContext; page: Page }>;
  close: () => Promise<void>;
};

/** A Tandem server on a fresh demo database, serving the built web app, and a headless Chromium. */
export async function startE2E(): Promise<E2E> {
  ensureWebBuilt();
  const test = await createTestApp({ serveWeb: true });
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = test.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  return {
    test,
    baseUrl,
    browser,
    newPage: async (options = {}) => {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: options.locale ?? 'en-US',
        // Staff work in their court's time zone: "today" in a form is the demo courts' today, whatever the machine's clock says.
        timezoneId: 'America/Chicago',
        viewport: { width: options.width ?? 1280, height: 900 },
        // The app honours reduced motion, so dialogs and menus appear without transitions.
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
      return { context, page };
    },
    close: async () => {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await test.close();
    },
  };
}

/** Signs in on the sign-in page and waits for the app to open. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await fillSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.locator('main h1').first().waitFor();
}

export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The page's h1 once it shows the given text. */
export async function expectHeading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * The text a person sees, whitespace collapsed. (textContent would include the text of Mantine's
 * inline <style> elements.)
 */
export async function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is wanted here
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the locator's visible text (whitespace collapsed) matches. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  await expect
    .poll(() => visibleText(locator), { timeout: 10_000 })
    .toMatch(typeof expected === 'string' ? new RegExp(escapeRegExp(expected)) : expected);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The open dialog (Mantine modal) with this title. */
export function dialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog', { name: title });
}

/**
 * Runs axe (WCAG 2.1 A and AA) on the page as it is now and fails with a readable list of
 * violations: rule, impact, help and the elements concerned.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `    - ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${violation.id} [${violation.impact}] ${violation.help} (${violation.nodes.length} element(s))\n${nodes}`;
    })
    .join('\n');
  expect.fail(`Accessibility violations on ${where}:\n${report}`);
}

/** A form field by its visible label (ignoring the required-field asterisk). */
export function field(scope: Page | Locator, label: string): Locator {
  // An open Select's listbox is labelled by the same label; the field is the other element.
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*\\*?$`)).and(scope.locator(':not([role="listbox"])'));
}

/** Picks an option in a Mantine Select or MultiSelect. */
export async function choose(scope: Page | Locator, label: string, option: string | RegExp): Promise<void> {
  const page = 'page' in scope ? scope.page() : scope;
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** A link of the main navigation. */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}
