import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * Medications as the treatment team keeps them: a dose taken, missed or held, on the participant's
 * timeline with its medication, for those who may see medications — and for no one else; a run of
 * missed doses raises the continuity alert.
 */

let t: TestApp;
let counselor: Client;
let judge: Client;
const counselorId = () => t.plan.users.find((u) => u.email === 'counselor@riverbend.example')!.id;
/** A participant of the counselor's on MOUD (the demo gives about a third of them one). */
const onMoud = () =>
  t.plan.participants.find(
    (p) =>
      p.enrollment.status === 'active' &&
      p.enrollment.team.some((m) => m.userId === counselorId() && m.role === 'treatment_provider' && m.endedOn === null) &&
      (p.monitoring?.prescriptions ?? []).some((rx) => rx.endedOn === null && rx.medication === 'methadone'),
  ) ??
  t.plan.participants.find(
    (p) =>
      p.enrollment.status === 'active' &&
      p.enrollment.team.some((m) => m.userId === counselorId() && m.role === 'treatment_provider' && m.endedOn === null) &&
      (p.monitoring?.prescriptions ?? []).some((rx) => rx.endedOn === null && rx.medication !== 'benzodiazepine'),
  )!;

beforeAll(async () => {
  t = await createTestApp();
  counselor = await signIn(t.app, 'counselor@riverbend.example');
  judge = await signIn(t.app, 'judge@riverbend.example');
});
afterAll(async () => {
  await t?.close();
});

describe('dose records', () => {
  it('are on the timeline of those who may see medications, and of no one else', async () => {
    const person = onMoud();
    expect(person, 'a participant of the counselor on MOUD').toBeDefined();
    const rx = person.monitoring!.prescriptions.find((p) => p.endedOn === null && p.medication !== 'benzodiazepine')!;
    const days = [3, 2, 1].map((n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10));
    for (const [i, dueOn] of days.entries()) {
      const recorded = await counselor.post(`/api/v1/prescriptions/${rx.id}/doses`, {
        dueOn,
        status: 'missed',
        note: i === 2 ? 'Did not come to the clinic' : null,
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }
    const future = await counselor.post(`/api/v1/prescriptions/${rx.id}/doses`, {
      dueOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
      status: 'taken',
    });
    expect(future.statusCode).toBe(400);

    const timeline = await counselor.get(`/api/v1/participants/${person.id}/timeline?classes=medication&limit=500`);
    expect(timeline.statusCode, timeline.body).toBe(200);
    const doses = (
      timeline.json().entries as {
        detail: { kind: string; dueOn?: string; status?: string; medication?: string; note?: string | null };
      }[]
    )
      .map((e) => e.detail)
      .filter((d) => d.kind === 'dose');
    expect(doses.map((d) => d.dueOn).sort()).toEqual(expect.arrayContaining(days));
    expect(doses.every((d) => d.medication === rx.medication && d.status === 'missed')).toBe(true);
    expect(doses.some((d) => d.note === 'Did not come to the clinic')).toBe(true);

    // Three missed in a row: the treatment team is alerted.
    const medications = (await counselor.get(`/api/v1/participants/${person.id}/prescriptions`)).json();
    expect(
      medications.alerts.some(
        (a: { kind: string; prescriptionId: string }) => a.kind === 'missed_doses' && a.prescriptionId === rx.id,
      ),
    ).toBe(true);

    // The judge: no dose record, whatever else he may see of this participant.
    const theirs = await judge.get(`/api/v1/participants/${person.id}/timeline?limit=500`);
    if (theirs.statusCode === 200) {
      expect((theirs.json().entries as { detail: { kind: string } }[]).some((e) => e.detail.kind === 'dose')).toBe(false);
    } else {
      expect(theirs.statusCode).toBe(404);
    }
  });
});
