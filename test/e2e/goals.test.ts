import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTRUMENTS } from '../../src/modules/instruments/instrument-catalog.js';
import { choose, dialog, type E2E, expectNoAxeViolations, expectText, field, signIn, startE2E } from '../support/e2e-browser.js';

/*
 * Goals, the alignment view, the plan and assessments as the team uses them: the counselor reads
 * Anthony's goals beside the court's and the team's decisions, adds a goal in the participant's own
 * words from a template, reclassifies it, and prints the plan; a participant completes a BARC-10 on the
 * counselor's device and a PHQ-9 answer about self-harm asks for the clinician's follow-up; the judge
 * sees only the court's own goals; in Spanish too — without axe violations.
 */

describe('goals, plan and assessments', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const anthony = () => e2e.test.plan.participants.find((p) => p.firstName === 'Anthony')!;

  it('the counselor reads the alignment view, adds a goal in the participant’s words, reclassifies it and prints the plan', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=goals`);
    const panel = page.getByRole('tabpanel', { name: 'Goals and plan' });
    await expectText(panel, '“Stop using so much and stay out of jail”');
    const alignment = panel.getByRole('region', { name: 'Where the goals meet' });
    await expectText(alignment, 'The court expects abstinence; the participant’s own goal is less than that');
    await expectText(alignment, 'Decided: Class abstinence as distal, with proximal steps toward it');
    await expectText(panel, 'Carry naloxone');
    await expectText(panel, 'Lisa Marsh (sister)');
    await expectNoAxeViolations(page, 'goals tab');

    await panel.getByRole('button', { name: 'Add a goal' }).click();
    const add = dialog(page, 'A goal');
    await choose(add, 'Whose goal', 'Participant’s goal');
    await field(add, 'The goal, in the participant’s own words').fill('Never use alone again');
    await choose(add, 'Place on the spectrum', 'Safer practices');
    await expectNoAxeViolations(page, 'add-goal dialog');
    await add.getByRole('button', { name: 'Save the goal' }).click();
    await add.waitFor({ state: 'hidden' });
    const card = panel.getByRole('article', { name: '“Never use alone again”' });
    await expectText(card, 'Proximal');
    await card.getByRole('button', { name: 'Reclassify' }).click();
    const reclassify = dialog(page, 'Reclassify the goal');
    await reclassify.getByRole('button', { name: 'Make it Distal' }).click();
    await expectText(reclassify, 'Say why.');
    await field(reclassify, 'Why').fill('He uses alone most nights; this is a longer-term goal for now.');
    await reclassify.getByRole('button', { name: 'Make it Distal' }).click();
    await reclassify.waitFor({ state: 'hidden' });
    await expectText(card, 'Distal');
    await card.getByText(/History \(2 entries\)/).click();
    await expectText(card, 'He uses alone most nights');

    await panel.getByRole('button', { name: 'Go through it with the participant' }).click();
    const together = dialog(page, 'With the participant');
    await expectText(together, '“Stop using so much and stay out of jail”');
    await together.getByText('Español').click();
    await expectText(together, 'Mis metas');
    await expectText(together, 'Lo que espera el tribunal');
    await expectText(together, 'Mi acuerdo con el tribunal');
    await expectNoAxeViolations(page, 'with-the-participant view');
    await page.keyboard.press('Escape');
    await together.waitFor({ state: 'hidden' });

    const print = panel.getByRole('link', { name: 'Print the plan (English)' });
    const href = await print.getAttribute('href');
    expect(href).toContain(`/participants/${anthony().id}/plan.pdf?lang=en`);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
  });

  it('a participant completes a BARC-10 on the device; a PHQ-9 answer about self-harm asks for the clinician’s follow-up', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=assessments`);
    const panel = page.getByRole('tabpanel', { name: 'Assessments' });
    await expectText(panel, 'BARC-10 (recovery capital) over time');
    await expectNoAxeViolations(page, 'assessments tab');

    await choose(panel, 'Instrument', 'BARC-10 (recovery capital)');
    await panel.getByRole('button', { name: 'Begin' }).click();
    const barc = dialog(page, 'BARC-10 (recovery capital)');
    await expectText(barc, 'Hand the device to the participant.');
    for (const [n, item] of INSTRUMENTS.barc10.items.entries()) {
      await barc
        .getByRole('radiogroup', { name: `${n + 1}. ${item.text.en}` })
        .getByRole('radio', { name: 'Agree', exact: true })
        .check();
    }
    await expectNoAxeViolations(page, 'BARC-10 form');
    await barc.getByRole('button', { name: 'Save' }).click();
    await barc.waitFor({ state: 'hidden' });
    await expectText(panel, '50 of 60 — 47 or more (associated with sustained remission)');

    await choose(panel, 'Instrument', 'PHQ-9 (depression)');
    await choose(panel, 'Answered by', 'Read with staff');
    await panel.getByRole('button', { name: 'Begin' }).click();
    const phq = dialog(page, 'PHQ-9 (depression)');
    // Submitting with nothing answered says, item by item, what is missing.
    await phq.getByRole('button', { name: 'Save' }).click();
    await expectText(phq, 'Answer this item.');
    for (const [n, item] of INSTRUMENTS.phq9.items.entries()) {
      await phq
        .getByRole('radiogroup', { name: `${n + 1}. ${item.text.en}` })
        .getByRole('radio', { name: n === 8 ? 'Several days' : 'Not at all', exact: true })
        .check();
    }
    await phq.getByRole('button', { name: 'Save' }).click();
    await phq.waitFor({ state: 'hidden' });
    const alert = panel.getByRole('alert').filter({ hasText: 'answer about self-harm' });
    await expectText(alert, 'a clinician follows up');
    await expectNoAxeViolations(page, 'assessments with a safety prompt');
    await alert.getByRole('button', { name: 'Record the follow-up' }).click();
    const follow = dialog(page, 'Safety follow-up');
    await field(follow, 'Follow-up').fill('Talked with Anthony the same hour; safety plan reviewed; no plan or intent.');
    await follow.getByRole('button', { name: 'Save the follow-up' }).click();
    await follow.waitFor({ state: 'hidden' });
    await expectText(panel, 'Followed up');
  });

  it('the judge sees only the court’s own goals; the Spanish screen reads the same', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'judge@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=goals`);
    const panel = page.getByRole('tabpanel', { name: 'Goals and plan' });
    await expectText(panel, 'Abstain from alcohol and other non-prescribed substances');
    // His consent shares no treatment plan with the court: his own words and the program's goals stay with the program.
    expect(await panel.getByText('Stop using so much and stay out of jail').count()).toBe(0);
    expect(await panel.getByText('Carry naloxone').count()).toBe(0);
    await expectNoAxeViolations(page, 'goals tab (judge)');

    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    const spanish = page.getByRole('tabpanel', { name: 'Metas y plan' });
    await spanish.getByRole('heading', { name: 'Dónde se encuentran las metas' }).waitFor();
    await expectText(spanish, 'Expectativa del tribunal');
    await expectNoAxeViolations(page, 'goals tab (Spanish)');
  });
});
