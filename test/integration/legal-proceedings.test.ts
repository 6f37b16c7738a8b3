import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHONY_NOTE } from '../../src/demo/consent-plan.js';
import { REDISCLOSURE_NOTICE } from '../../src/modules/consent/consent-wording.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * R6: no release of treatment records for use in proceedings against the participant without a
 * legal-proceedings consent or a recorded Part 2 court order. A judge, prosecutor or defense attorney
 * asks for the timeline (or its export) with `purpose=legal_proceedings`; the disclosure decision then
 * releases only what an order or such a consent covers, and the accounting names the order.
 */

let t: TestApp;
const clients: Record<string, Client> = {};
const as = async (who: string) => {
  clients[who] ??= await signIn(t.app, `${who}@riverbend.example`);
  return clients[who]!;
};
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
type Entry = { id: string; dataClass: string; custodian: { part2: boolean }; detail: { kind: string; body?: string } };
type Timeline = { entries: Entry[]; withheld: string[]; redisclosureNotice: boolean };
const TREATMENT = ['attendance', 'test_result', 'moud_enrollment', 'medication', 'treatment_plan', 'clinical_note', 'diagnosis'];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function timeline(who: string, query = '') {
  const response = await (await as(who)).get(`/api/v1/participants/${anthony().id}/timeline${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Timeline;
}

async function disclosures() {
  const rows = await t.database.db.execute<{
    basis: string;
    court_order_id: string | null;
    consent_id: string | null;
    purpose: string;
    channel: string;
    data_classes: string[];
    record_count: number;
    recipient_label: string;
  }>(
    sql`SELECT basis, court_order_id, consent_id, purpose, channel, data_classes, record_count, recipient_label
        FROM disclosures WHERE participant_id = ${anthony().id} ORDER BY disclosed_at, id`,
  );
  return rows.rows;
}

const notes = (view: Timeline) =>
  view.entries.filter((e) => e.dataClass === 'clinical_note' || e.dataClass === 'counseling_note');

describe('reading for use in legal proceedings (R6)', () => {
  it('without a court order or legal-proceedings consent, nothing of treatment is released — not even what his §2.35 consent shares with the court', async () => {
    const before = await disclosures();
    for (const who of ['judge', 'prosecutor', 'defense']) {
      const view = await timeline(who, '?purpose=legal_proceedings');
      expect(notes(view)).toEqual([]);
      // Treatment classes reach them only as the court's own records (its hearings), never the program's.
      expect(view.entries.every((e) => !TREATMENT.includes(e.dataClass) || !e.custodian.part2)).toBe(true);
      expect(JSON.stringify(view)).not.toContain('using now and then');
      // His §2.35 consent serves monitoring, not proceedings: attendance is withheld too.
      expect(view.withheld).toEqual(expect.arrayContaining([...TREATMENT, 'counseling_note']));
      expect(view.redisclosureNotice).toBe(false);
      // The court's own records follow role rules, whatever the purpose.
      expect(view.entries.some((e) => e.dataClass === 'phase_progress')).toBe(true);
    }
    expect(await disclosures()).toEqual(before);
  });

  it('is refused to anyone but a judge, prosecutor or defense attorney, with a message', async () => {
    for (const who of ['coordinator', 'probation', 'counselor', 'casemanager']) {
      const response = await (await as(who)).get(`/api/v1/participants/${anthony().id}/timeline?purpose=legal_proceedings`);
      expect(response.statusCode, who).toBe(403);
      expect(response.json().error.message).toBe(
        'Only a judge, prosecutor or defense attorney reads records for use in legal proceedings.',
      );
      const exported = await (await as(who)).get(
        `/api/v1/participants/${anthony().id}/timeline/export?format=csv&purpose=legal_proceedings`,
      );
      expect(exported.statusCode, who).toBe(403);
    }
    const other = await (await as('judge')).get(`/api/v1/participants/${anthony().id}/timeline?purpose=court_monitoring`);
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0]).toMatchObject({ path: 'purpose' });
  });

  it('a participant the reader may not see stays hidden, whatever the purpose', async () => {
    const lakeside = await signIn(t.app, 'judge@lakeside.example');
    const response = await lakeside.get(`/api/v1/participants/${anthony().id}/timeline?purpose=legal_proceedings`);
    expect(response.statusCode).toBe(404);
  });

  it('with a recorded court order covering clinical notes, those notes are released under it and accounted with basis court_order', async () => {
    const coordinator = await as('coordinator');
    const recorded = await coordinator.post(`/api/v1/participants/${anthony().id}/court-orders`, {
      issuingCourt: 'Riverbend County Circuit Court',
      reference: 'CO-2026-204',
      scope: 'Progress notes for the hearing on the motion to revoke, under 42 CFR 2.64.',
      dataClasses: ['clinical_note'],
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const orderId = recorded.json().id as string;
    const before = (await disclosures()).length;

    const view = await timeline('judge', '?purpose=legal_proceedings');
    const released = notes(view);
    expect(released.map((e) => e.dataClass)).toEqual(released.map(() => 'clinical_note'));
    expect(released.some((e) => e.detail.body === ANTHONY_NOTE)).toBe(true);
    expect(view.redisclosureNotice).toBe(true);
    // Only the order's class: attendance and counseling notes stay withheld.
    expect(view.withheld).not.toContain('clinical_note');
    expect(view.withheld).toEqual(expect.arrayContaining(['attendance', 'counseling_note']));

    const added = (await disclosures()).slice(before);
    expect(added).toEqual([
      expect.objectContaining({
        basis: 'court_order',
        court_order_id: orderId,
        consent_id: null,
        purpose: 'legal_proceedings',
        channel: 'screen',
        data_classes: ['clinical_note'],
        record_count: released.length,
        recipient_label: 'Judge Maria Delgado',
      }),
    ]);

    // Read for monitoring, the same judge still does not receive the note (his consent excludes it).
    expect(notes(await timeline('judge'))).toEqual([]);

    // The export takes the same path: stamped, accounted as made by export under the order.
    const exported = await (await as('prosecutor')).get(
      `/api/v1/participants/${anthony().id}/timeline/export?format=csv&purpose=legal_proceedings`,
    );
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.body).toContain(REDISCLOSURE_NOTICE.en);
    expect(exported.body).toContain('Use in legal proceedings');
    expect(exported.body).toContain('agreed to adjust his treatment plan');
    // (The monitoring read above disclosed his attendance and tests under his consent: another entry, for another purpose.)
    const afterExport = (await disclosures()).slice(before + 1).filter((d) => d.channel === 'export');
    expect(afterExport).toEqual([
      expect.objectContaining({ basis: 'court_order', court_order_id: orderId, channel: 'export', purpose: 'legal_proceedings' }),
    ]);
  });

  it('an order that has expired releases nothing', async () => {
    const participant = t.plan.participants.find(
      (p) => p.firstName !== 'Anthony' && (p.notes ?? []).some((n) => n.dataClass === 'clinical_note'),
    )!;
    const coordinator = await as('coordinator');
    const recorded = await coordinator.post(`/api/v1/participants/${participant.id}/court-orders`, {
      issuingCourt: 'Riverbend County Circuit Court',
      reference: 'CO-2025-077',
      scope: 'Progress notes for a hearing that has passed.',
      dataClasses: ['clinical_note'],
      issuedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      expiresAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const response = await (await as('judge')).get(`/api/v1/participants/${participant.id}/timeline?purpose=legal_proceedings`);
    expect(response.statusCode).toBe(200);
    expect(notes(response.json() as Timeline)).toEqual([]);
  });

  it('a legal-proceedings consent releases what it covers, for that purpose only', async () => {
    const participant = t.plan.participants.find(
      (p) => p.firstName !== 'Anthony' && (p.notes ?? []).some((n) => n.dataClass === 'clinical_note'),
    )!;
    const member = participant.enrollment.team.find((m) => m.role === 'treatment_provider')!;
    const counselor = await as(t.plan.users.find((u) => u.id === member.userId)!.email.split('@')[0]!);
    const draft = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, {
      kind: 'legal_proceedings',
      disclosingOrgIds: [t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id],
      recipientRoles: ['judge'],
      allowedClasses: ['clinical_note'],
      description: 'My counselor’s progress notes, for the judge at my sentencing hearing.',
      purposes: ['legal_proceedings'],
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const signed = await counselor.post(`/api/v1/consents/${draft.json().id}/sign`, {
      signers: [{ role: 'participant', name: 'Test Participant', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const judge = await as('judge');
    const forProceedings = (await judge.get(`/api/v1/participants/${participant.id}/timeline?purpose=legal_proceedings`)).json();
    const count = participant.notes!.filter((n) => n.dataClass === 'clinical_note').length;
    expect(notes(forProceedings as Timeline)).toHaveLength(count);
    const forMonitoring = (await judge.get(`/api/v1/participants/${participant.id}/timeline`)).json();
    expect(notes(forMonitoring as Timeline)).toEqual([]);
  });
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');
