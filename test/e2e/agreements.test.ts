import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialog, type E2E, expectNoAxeViolations, expectText, field, signIn, startE2E } from '../support/e2e-browser.js';

/*
 * The agreement with the court as the coordinator keeps it: a draft whose condition would take away the
 * participant's MOUD is refused with the reason beside that condition; reworded, it is saved, and the
 * participant's acknowledgement puts it in effect — without axe violations. The counselor reads it, in
 * English and in Spanish.
 */

describe('the agreement', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  // A participant of Riverbend with no agreement yet (the demo court's Anthony has his).
  const participant = () =>
    e2e.test.plan.participants.find(
      (p) =>
        p.enrollment.caseNumber.startsWith('RB') &&
        p.enrollment.status === 'active' &&
        !p.goals?.agreement &&
        p.enrollment.team.some(
          (m) => m.userId === e2e.test.plan.users.find((u) => u.email === 'counselor@riverbend.example')!.id,
        ),
    )!;

  it('the coordinator drafts it, is told why a condition restricting MOUD cannot stand, and records the acknowledgement', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'coordinator@riverbend.example');
    await page.goto(`/participants/${participant().id}?tab=agreement`);
    const panel = page.getByRole('tabpanel', { name: 'Agreement' });
    await expectText(panel, 'No agreement is recorded yet.');
    await panel.getByRole('button', { name: 'Draft the agreement' }).click();
    const draft = dialog(page, 'A version of the agreement');
    await field(draft, 'Condition 1, as the participant reads it').fill('Attend treatment as scheduled.');
    await draft.getByRole('button', { name: 'Add a condition' }).click();
    await field(draft, 'Condition 2, as the participant reads it').fill('Must taper off Suboxone before graduation.');
    await draft.getByRole('button', { name: 'Save the draft' }).click();
    await expectText(draft, 'The wording reads as requiring the participant to stop, taper or go without medication');
    await expectNoAxeViolations(page, 'agreement draft with a refused condition');
    await field(draft, 'Condition 2, as the participant reads it').fill('Take all medications as prescribed.');
    await draft.getByRole('button', { name: 'Save the draft' }).click();
    await draft.waitFor({ state: 'hidden' });
    await expectText(panel, 'Version 1');
    await expectText(panel, 'Take all medications as prescribed.');
    await panel.getByRole('button', { name: 'Record the acknowledgement' }).click();
    const ack = dialog(page, 'The participant’s acknowledgement');
    await expectNoAxeViolations(page, 'acknowledgement dialog');
    await ack.getByRole('button', { name: 'Record the acknowledgement' }).click();
    await ack.waitFor({ state: 'hidden' });
    await expectText(panel, 'In effect');
    await expectText(panel, /Acknowledged on .+ before /);
    await expectNoAxeViolations(page, 'agreement tab');
  });

  it('the counselor reads the agreement in effect and may not draft one', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${participant().id}?tab=agreement`);
    const panel = page.getByRole('tabpanel', { name: 'Agreement' });
    await expectText(panel, 'Take all medications as prescribed.');
    expect(await panel.getByRole('button', { name: /Draft/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'agreement tab (counselor)');

    // In Spanish: the screen's words, and the conditions as the participant acknowledged them.
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    const spanish = page.getByRole('tabpanel', { name: 'Acuerdo' });
    await spanish.getByRole('heading', { name: 'Acuerdo con el tribunal' }).waitFor();
    await expectText(spanish, 'En vigor');
    await expectText(spanish, /Aceptada el .+ ante /);
    await expectText(spanish, 'Take all medications as prescribed.');
    await expectNoAxeViolations(page, 'agreement tab (Spanish)');
  });
});
