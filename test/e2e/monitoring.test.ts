import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/*
 * The monitoring screens as the people who use them: the judge reads Anthony's tests as his consent
 * shares them; his counselor asks for a test for cause, records its collection and its result, and
 * records a group session; the coordinator reads the court's testing dashboard, makes the day's
 * draw, adds a call-in group and a holiday and sets the court's report-by deadline for urine; a
 * counselor records use a participant reported, a dose and a custody admission; the counselor opens the lab review queue; all of it without axe
 * violations, and in Spanish for a Spanish-speaking reader.
 */

describe('monitoring journeys', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const anthony = () => e2e.test.plan.participants.find((p) => p.firstName === 'Anthony')!;

  it('the judge reads Anthony’s tests and attendance as his consent shares them, and records none', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'judge@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=testing`);
    await expectHeading(page, 'Anthony Marsh');
    const panel = page.getByRole('tabpanel', { name: 'Testing' });
    const table = panel.getByRole('table', { name: /Each test, newest first/ });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(10);
    await expectText(table, 'Negative');
    // Tests are shared with the court under his §2.35 consent, with the redisclosure notice.
    await expectText(panel, '42 CFR part 2');
    expect(await panel.getByRole('button', { name: 'Ask for a test' }).count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Record collection' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'testing tab (judge)');

    await page.getByRole('tab', { name: 'Attendance' }).click();
    const attendance = page.getByRole('tabpanel', { name: 'Attendance' });
    await expectText(attendance, /Last 30 days: \d+ of \d+ events kept/);
    expect(await attendance.getByRole('button', { name: 'Record an event' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'attendance tab (judge)');

    // His consent does not share medications: the court sees none, and the same words as for none.
    await page.getByRole('tab', { name: 'Medications' }).click();
    await expectText(
      page.getByRole('tabpanel', { name: 'Medications' }),
      'No prescriptions are recorded, or none are shared with you.',
    );
    await expectNoAxeViolations(page, 'medications tab (judge)');
  });

  it('the counselor asks for a test for cause, records its collection and result, and records a session', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${anthony().id}?tab=testing`);
    const panel = page.getByRole('tabpanel', { name: 'Testing' });
    await panel.getByRole('button', { name: 'Ask for a test' }).click();
    const ask = dialog(page, 'Ask for a test');
    await field(ask, 'Specimen or accession number').fill('E2E-0001');
    await expectNoAxeViolations(page, 'ask for a test dialog');
    await ask.getByRole('button', { name: 'Ask for the test' }).click();
    await ask.waitFor({ state: 'hidden' });

    const row = panel.getByRole('row', { name: /Awaiting results/ }).first();
    await row.getByRole('button', { name: 'Record collection' }).click();
    const collection = dialog(page, 'Collection');
    await field(collection, 'Temperature (°C)').fill('34.5');
    await expectNoAxeViolations(page, 'collection dialog');
    await collection.getByRole('button', { name: 'Save collection' }).click();
    await collection.waitFor({ state: 'hidden' });

    await panel
      .getByRole('row', { name: /Awaiting results/ })
      .first()
      .getByRole('button', { name: 'Enter a result' })
      .click();
    const result = dialog(page, 'Enter a result');
    await choose(result, 'Substance', 'Fentanyl');
    await result.getByText('Negative', { exact: true }).click();
    await expectNoAxeViolations(page, 'result dialog');
    await result.getByRole('button', { name: 'Save result' }).click();
    await result.waitFor({ state: 'hidden' });
    await expect.poll(async () => panel.getByRole('row', { name: /Awaiting results/ }).count()).toBe(0);
    await expectNoAxeViolations(page, 'testing tab (counselor)');

    await page.getByRole('tab', { name: 'Attendance' }).click();
    const attendance = page.getByRole('tabpanel', { name: 'Attendance' });
    await attendance.getByRole('button', { name: 'Record an event' }).click();
    const event = dialog(page, 'Record an event');
    await field(event, 'Title').fill('Tuesday relapse-prevention group');
    const hourAgo = new Date(Date.now() - 3_600_000);
    // As the browser's clock reads it (the court's time zone).
    const local = hourAgo.toLocaleString('sv-SE', { timeZone: 'America/Chicago' }).replace(' ', 'T').slice(0, 16);
    await field(event, 'When').fill(local);
    await field(event, 'Minutes').fill('90');
    await expectNoAxeViolations(page, 'record an event dialog');
    await event.getByRole('button', { name: 'Save' }).click();
    await event.waitFor({ state: 'hidden' });
    await expectText(attendance, 'Tuesday relapse-prevention group');
    await expectNoAxeViolations(page, 'attendance tab (counselor)');

    await page.getByRole('tab', { name: 'Medications' }).click();
    const medications = page.getByRole('tabpanel', { name: 'Medications' });
    await expectText(medications, 'Medications for opioid use disorder are treatment.');
    await expectNoAxeViolations(page, 'medications tab (counselor)');
  });

  it('the counselor records use a participant reported, a dose of their MOUD and a custody admission', async () => {
    const counselorId = e2e.test.plan.users.find((u) => u.email === 'counselor@riverbend.example')!.id;
    const onMoud = e2e.test.plan.participants.find(
      (p) =>
        p.enrollment.status === 'active' &&
        p.enrollment.team.some((m) => m.userId === counselorId && m.role === 'treatment_provider' && m.endedOn === null) &&
        (p.monitoring?.prescriptions ?? []).some((rx) => rx.endedOn === null && rx.medication !== 'benzodiazepine'),
    )!;
    expect(onMoud, 'a participant of the counselor on MOUD').toBeDefined();
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.goto(`/participants/${onMoud.id}?tab=testing`);
    const testing = page.getByRole('tabpanel', { name: 'Testing' });
    await testing.getByRole('button', { name: 'Record reported use' }).click();
    const report = dialog(page, 'Use the participant reported');
    await expectText(report, 'never as a test');
    // Nothing chosen yet: said next to the fields, nothing sent.
    await report.getByRole('button', { name: 'Record it' }).click();
    await expectText(report, 'Choose at least one substance.');
    await choose(report, 'Substances', 'Cannabis');
    await field(report, 'From').fill(new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10));
    await field(report, 'In the participant’s words').fill('Smoked twice over the weekend, at a friend’s.');
    await expectNoAxeViolations(page, 'reported use dialog');
    await report.getByRole('button', { name: 'Record it' }).click();
    await report.waitFor({ state: 'hidden' });
    await expectText(page.locator('body'), 'The reported use was recorded');

    await page.getByRole('tab', { name: 'Medications' }).click();
    const medications = page.getByRole('tabpanel', { name: 'Medications' });
    await medications.getByRole('button', { name: 'Record a dose' }).first().click();
    const dose = dialog(page, 'Record a dose');
    await dose.getByText('Missed', { exact: true }).click();
    await expectNoAxeViolations(page, 'dose dialog');
    await dose.getByRole('button', { name: 'Record the dose' }).click();
    await dose.waitFor({ state: 'hidden' });
    await expectText(page.locator('body'), 'The dose was recorded.');

    await medications.getByRole('button', { name: 'Record a continuity event' }).click();
    const event = dialog(page, 'An event that puts medication continuity at risk');
    await choose(event, 'What happened', 'Admitted to custody');
    await expectNoAxeViolations(page, 'continuity event dialog');
    await event.getByRole('button', { name: 'Record the event' }).click();
    await event.waitFor({ state: 'hidden' });
    // The treatment team is alerted at once.
    await expectText(medications, /custody/i);
    await expectNoAxeViolations(page, 'medications tab with an alert');
  });

  it('the coordinator reads the testing dashboard, makes the day’s draw and adds a call-in group', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'coordinator@riverbend.example');
    await navLink(page, 'Testing').click();
    await expectHeading(page, 'Testing');
    await expectText(page.locator('main'), 'Tested at least twice a week');
    await expectText(page.locator('main'), /\d+ of \d+ participant-weeks/);
    await page.getByRole('heading', { name: 'Draws in the last two weeks, newest first' }).waitFor();
    await expectText(page.getByRole('region', { name: 'Call-in groups' }), /Blue: \d+/);
    await expectNoAxeViolations(page, 'testing dashboard');

    await page.getByRole('button', { name: 'Make today’s draw' }).click();
    await expectText(page.locator('body'), /The draw for .* called \d+ tests?\./);

    const groups = page.getByRole('region', { name: 'Call-in groups' });
    await field(groups, 'New group’s name').fill('Orange');
    await groups.getByRole('button', { name: 'Add a group' }).click();
    await expectText(groups, 'Orange: 0 · 2 a week');
    // The form empties itself once the group is saved; then the same name again is refused with words, not lost.
    await expect.poll(() => field(groups, 'New group’s name').inputValue()).toBe('');
    await field(groups, 'New group’s name').fill('Orange');
    await groups.getByRole('button', { name: 'Add a group' }).click();
    await expectText(groups, 'This court already has a call-in group with this name.');

    const holidays = page.getByRole('region', { name: 'Court holidays' });
    const nextYear = `${new Date().getUTCFullYear() + 1}-07-04`;
    await field(holidays, 'Holiday’s date').fill(nextYear);
    await field(holidays, 'Holiday’s name').fill('Independence Day');
    await holidays.getByRole('button', { name: 'Add a holiday' }).click();
    await expectText(holidays, 'Independence Day');

    // The court's report-by deadline for urine: 6 hours instead of the standards' 8.
    const deadlines = page.getByRole('region', { name: 'Report-by deadlines' });
    await expectText(deadlines, 'Standards’ default');
    await field(deadlines, 'Hours after notice for Urine').fill('6');
    await deadlines.getByRole('button', { name: 'Save the deadlines' }).click();
    await expectText(page.locator('body'), 'The deadlines were saved.');
    await expectText(deadlines, /Last changed by .+, /);
    expect(await field(deadlines, 'Hours after notice for Urine').inputValue()).toBe('6');
    await expectNoAxeViolations(page, 'testing dashboard after changes');

    // Anthony's testing plan: from today, with the Orange call-in group.
    await page.goto(`/participants/${anthony().id}?tab=testing`);
    const plan = page.getByRole('region', { name: 'Testing plan' });
    await plan.getByRole('button', { name: /Change the plan|Set a testing plan/ }).click();
    const planDialog = dialog(page, 'Testing plan');
    await planDialog.getByText('With a call-in group', { exact: true }).click();
    await choose(planDialog, 'Call-in group', 'Orange');
    await expectNoAxeViolations(page, 'testing plan dialog');
    await planDialog.getByRole('button', { name: 'Save the plan' }).click();
    await planDialog.waitFor({ state: 'hidden' });
    await expectText(plan, /With call-in group Orange/);
  });

  it('the counselor’s lab review queue, and the testing tab in Spanish', async () => {
    const { page } = await e2e.newPage();
    await signIn(page, 'counselor@riverbend.example');
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page
      .getByRole('navigation', { name: 'Principal' })
      .getByRole('link', { name: 'Resultados de laboratorio por revisar' })
      .click();
    await expectHeading(page, 'Resultados de laboratorio por revisar');
    await page.getByText('Resueltos', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'lab review (Spanish)');

    await page.goto(`/participants/${anthony().id}?tab=testing`);
    const panel = page.getByRole('tabpanel', { name: 'Pruebas' });
    await panel.getByRole('heading', { name: 'Pruebas de drogas y alcohol' }).waitFor();
    await expectText(panel, 'Negativo');
    expect(await visibleText(panel)).not.toMatch(/\bNegative\b/);
    await expectNoAxeViolations(page, 'testing tab (Spanish)');
  });
});
