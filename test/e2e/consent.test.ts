import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHONY_NOTE } from '../../src/demo/consent-plan.js';
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

/*
 * The consent screens as the people who use them: the judge sees Anthony's records with a
 * placeholder where treatment details are not shared; his counselor sees his note, goes through
 * "What can they see?" with him in either language, and reads his accounting of disclosures; the
 * coordinator records, signs and revokes a consent for a participant who had none; the privacy
 * officer reviews an emergency access.
 */

describe('consent and disclosure journeys', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const anthony = () => e2e.test.plan.participants.find((p) => p.firstName === 'Anthony')!;
  const noteExcerpt = ANTHONY_NOTE.slice(0, 60);
  /** A signature as the pad sends it: a PNG, here of one pixel. */
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

  it('the judge sees Anthony’s court records and a placeholder, never the counselor’s note', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'judge@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=records`);
    await expectHeading(page, 'Anthony Marsh');
    const panel = page.getByRole('tabpanel', { name: 'Records' });
    await expectText(panel, 'Treatment details are shared with the court only as the participant’s consent allows.');
    await expectText(panel, /Not shared with you: .*Clinical notes/);
    await page.getByRole('list', { name: 'Records, newest first' }).waitFor();
    expect(await visibleText(panel)).not.toContain(noteExcerpt);
    // The judge keeps no consents: the consent keepers' tabs are not offered.
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs).toEqual([
      'Overview',
      'Records',
      'Testing',
      'Attendance',
      'Medications',
      'Agreement',
      'Goals and plan',
      'Assessments',
      'Consents',
    ]);
    await expectNoAxeViolations(page, 'records tab (judge)');

    await page.getByRole('tab', { name: 'Consents' }).click();
    await expectText(page.getByRole('tabpanel', { name: 'Consents' }), /Criminal justice consent \(§2\.35\) — version 1/);
    expect(await page.getByRole('button', { name: 'New consent' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'consents tab (judge)');
  });

  it('the counselor sees the note, previews what the judge sees in both languages, and reads the accounting', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=records`);
    const records = page.getByRole('tabpanel', { name: 'Records' });
    await expectText(records, noteExcerpt);
    await expectText(records, 'Protected by 42 CFR Part 2');

    // Writing a note: the counselor keeps progress notes on the case.
    await page.getByRole('button', { name: 'Write a note' }).click();
    const noteDialog = dialog(page, 'Write a note');
    await field(noteDialog, 'Note').fill(
      'Talked through his goals for the next phase; he chose to keep attending group twice a week.',
    );
    await noteDialog.getByRole('button', { name: 'Save note' }).click();
    await noteDialog.waitFor({ state: 'hidden' });
    await expectText(records, 'Talked through his goals for the next phase');
    await expectNoAxeViolations(page, 'records tab (counselor)');

    await page.getByRole('tab', { name: 'What can they see?' }).click();
    const preview = page.getByRole('tabpanel', { name: 'What can they see?' });
    await choose(preview, 'Team member or role', /Judge Maria Delgado/);
    await page.getByRole('heading', { name: 'What Judge Maria Delgado can see' }).waitFor();
    const table = preview.getByRole('table');
    await expectText(table.getByRole('row', { name: /Clinical notes/ }), /Not shared.*the participant’s consent excludes it/);
    await expectText(table.getByRole('row', { name: /Test results/ }), /Shared.*Criminal justice consent \(§2\.35\), version 1/);
    expect(await visibleText(preview)).not.toContain(noteExcerpt);
    await expectNoAxeViolations(page, 'what can they see (English)');

    // In Spanish, for a participant who reads Spanish: the page's other text stays as it is.
    await preview.getByText('Spanish', { exact: true }).click();
    await page.getByRole('heading', { name: 'Lo que puede ver Judge Maria Delgado' }).waitFor();
    await expectText(table.getByRole('row', { name: /Notas clínicas/ }), /No se comparte/);
    expect(await preview.locator('section[lang="es"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'what can they see (Spanish)');

    // Anthony agrees that his peer recovery specialist may read his progress notes; the peer reads
    // them, and the disclosure appears in his accounting as the counselor sees it.
    const counselor = await apiSignIn(e2e.test.app, 'counselor@riverbend.example');
    const provider = e2e.test.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!;
    const draft = await counselor.post(`/api/v1/enrollments/${anthony().enrollment.id}/consents`, {
      kind: 'general',
      disclosingOrgIds: [provider.id],
      recipientRoles: ['peer_specialist'],
      allowedClasses: ['clinical_note'],
      excludedClasses: ['counseling_note'],
      description: 'My progress notes, so my peer recovery specialist can support me between sessions.',
      purposes: ['treatment'],
      // For a trial period: it ends in three weeks unless he renews it.
      expiresAt: new Date(Date.now() + 21 * 86_400_000).toISOString(),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const signed = await counselor.post(`/api/v1/consents/${draft.json().id}/sign`, {
      signers: [{ role: 'participant', name: 'Anthony Marsh', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const peer = await apiSignIn(e2e.test.app, 'peer@riverbend.example');
    const peerView = await peer.get(`/api/v1/participants/${anthony().id}/timeline`);
    expect(peerView.body).toContain(noteExcerpt);

    // Those who keep his consents are told it ends soon, on every tab.
    await page.reload();
    await expectText(
      page.getByRole('note').filter({ hasText: 'expires within 30 days' }),
      'A consent in effect expires within 30 days.',
    );
    await page.getByRole('tab', { name: 'Disclosures' }).click();
    const accounting = page.getByRole('tabpanel', { name: 'Disclosures' });
    await expectText(accounting, /Jordan Peer/);
    await expectText(accounting, /Clinical notes/);
    await expectText(accounting, /Consent, version 1/);
    // The judge was shown his attendance and test results under his §2.35 consent — never his notes.
    const judgeRows = accounting.getByRole('row').filter({ hasText: 'Judge Maria Delgado' });
    expect(await judgeRows.count()).toBeGreaterThan(0);
    for (const text of await judgeRows.allInnerTexts()) {
      expect(text).toMatch(/Test results|Attendance/);
      expect(text).not.toContain('Clinical notes');
    }
    const pdf = accounting.getByRole('link', { name: 'Download PDF' });
    expect(await pdf.getAttribute('href')).toBe(`/api/v1/participants/${anthony().id}/disclosures?format=pdf`);
    await expectNoAxeViolations(page, 'accounting of disclosures');

    await page.getByRole('tab', { name: 'Restrictions and orders' }).click();
    await expectText(page.getByRole('tabpanel', { name: 'Restrictions and orders' }), 'Restriction requests');
    await expectNoAxeViolations(page, 'restrictions and court orders');
  });

  it('the coordinator records a consent from the program’s standard, signs it on screen, and revokes it', async () => {
    const refused = e2e.test.plan.participants.find((p) => p.enrollment.caseNumber === 'RB-2026-0009')!;
    const { page } = await e2e.newPage();
    await signIn(page, 'coordinator@riverbend.example');
    await page.goto(`/participants/${refused.id}?tab=consents`);
    const panel = page.getByRole('tabpanel', { name: 'Consents' });
    await expectText(panel, 'No consents are recorded.');
    // The coordinator keeps consents, restrictions and court orders; the accounting stays with the program.
    expect(await page.getByRole('tab').allInnerTexts()).toEqual([
      'Overview',
      'Records',
      'Testing',
      'Attendance',
      'Medications',
      'Agreement',
      'Goals and plan',
      'Assessments',
      'Consents',
      'What can they see?',
      'Restrictions and orders',
    ]);

    await panel.getByRole('button', { name: 'New consent' }).click();
    const create = dialog(page, 'New consent');
    await choose(create, 'Start from the program’s standard consent', /§2\.35|Standard/);
    await expect.poll(async () => (await field(create, 'In plain words').inputValue()).length).toBeGreaterThan(10);
    await expectNoAxeViolations(page, 'new consent dialog');
    await create.getByRole('button', { name: 'Create draft' }).click();
    await create.waitFor({ state: 'hidden' });
    await expectText(panel, /Draft/);

    await panel.getByRole('button', { name: 'Sign', exact: true }).click();
    const sign = dialog(page, 'Sign the consent');
    // Signing without a signature is refused on the form.
    await sign.getByRole('button', { name: 'Sign consent' }).click();
    await expectText(sign, 'The participant signs inside the box.');
    const pad = sign.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 120);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 25, box.y + 120 - (i % 2) * 50, { steps: 3 });
    await page.mouse.up();
    await expectNoAxeViolations(page, 'sign consent dialog');
    await sign.getByRole('button', { name: 'Sign consent' }).click();
    await sign.waitFor({ state: 'hidden' });
    await expectText(panel, /In effect/);
    await expectText(panel, /Document fingerprint \(SHA-256\): [0-9a-f]{64}/);

    await panel.getByRole('button', { name: 'Revoke' }).click();
    const revoke = dialog(page, 'Revoke the consent');
    await expectText(revoke, /can be revoked only after/);
    await revoke.getByRole('button', { name: 'Record revocation' }).click();
    await revoke.waitFor({ state: 'hidden' });
    await expectText(panel, /Revocation requested/);
    await expectNoAxeViolations(page, 'consents after revocation');

    // The server holds what the screen showed.
    const coordinator = await apiSignIn(e2e.test.app, 'coordinator@riverbend.example');
    const consents = (await coordinator.get(`/api/v1/participants/${refused.id}/consents`)).json() as {
      items: { state: string; signers: { method: string }[]; documentSha256: string }[];
    };
    expect(consents.items).toHaveLength(1);
    expect(consents.items[0]!.state).toBe('revocation_requested');
    expect(consents.items[0]!.signers[0]!.method).toBe('on_screen');

    // The program's standard consents, which the coordinator keeps.
    await page.goto('/programs');
    await page
      .getByRole('button', { name: /^Standard consents of / })
      .first()
      .click();
    const templates = dialog(page, /^Standard consents — /);
    await expectText(templates, 'Standard §2.35 consent — court team');
    await templates.getByRole('button', { name: 'Edit Standard §2.35 consent — court team' }).click();
    await expect.poll(() => field(templates, 'Lasts (months)').inputValue()).toBe('24');
    await expectNoAxeViolations(page, 'standard consent form');
    await field(templates, 'Lasts (months)').fill('18');
    await templates.getByRole('button', { name: 'Save standard consent' }).click();
    await expectText(templates, 'Add a standard consent');
  });

  it('the privacy officer reviews an emergency access opened by a counselor', async () => {
    const { page: clinician } = await e2e.newPage();
    await signIn(clinician, 'counselor2@riverbend.example');
    await clinician.goto(`/participants/${anthony().id}?tab=records`);
    await clinician.getByRole('button', { name: 'Emergency access' }).click();
    const open = dialog(clinician, 'Emergency access to treatment records');
    await field(open, 'The medical emergency').fill('Unresponsive in the waiting room; EMS asks what medications he takes.');
    await expectNoAxeViolations(clinician, 'emergency access dialog');
    await open.getByRole('button', { name: 'Open emergency access' }).click();
    await open.waitFor({ state: 'hidden' });

    const { page } = await e2e.newPage();
    await signIn(page, 'privacy@riverbend.example');
    await navLink(page, 'Emergency access review').click();
    await expectHeading(page, 'Emergency access review');
    const grant = page.getByRole('article', { name: 'Sam Okafor — Anthony Marsh' });
    await expectText(grant, 'Unresponsive in the waiting room');
    await expectNoAxeViolations(page, 'emergency access review');
    await grant.getByRole('button', { name: 'Appropriate', exact: true }).click();
    await grant.waitFor({ state: 'hidden' });
    await page.getByText('All', { exact: true }).click();
    await expectText(page.getByRole('article', { name: 'Sam Okafor — Anthony Marsh' }), /Reviewed by Priya Privacy Officer/);
  });
});
