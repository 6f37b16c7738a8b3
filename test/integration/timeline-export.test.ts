import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHONY_NOTE } from '../../src/demo/consent-plan.js';
import { REDISCLOSURE_NOTICE, WITHHELD_NOTICE } from '../../src/modules/consent/consent-wording.js';
import { pdfContains, pdfText } from '../support/pdf-text.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * The timeline as a file (PDF, CSV): exactly what the caller sees on screen, stamped with the §2.32
 * notice when it leaves the treatment program, withheld classes named without revealing records, the
 * disclosures accounted as made by export (one entry per request and basis) and the export audited.
 */

let t: TestApp;
const clients: Record<string, Client> = {};
const as = async (who: string) => {
  clients[who] ??= await signIn(t.app, `${who}@riverbend.example`);
  return clients[who]!;
};
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
const userId = (email: string) => t.plan.users.find((u) => u.email === email)!.id;
type Planned = ReturnType<typeof anthony>;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The cells of a CSV file that Tandem wrote (every cell quoted). */
function parseCsv(body: string): string[][] {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 1;
  while (i < body.length) {
    if (body.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
      continue;
    }
    if (body[i] === ',') {
      i += 1;
      continue;
    }
    expect(body[i]).toBe('"');
    let cell = '';
    i += 1;
    for (;;) {
      if (body[i] === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (body[i] === '"') {
        i += 1;
        break;
      } else {
        cell += body[i];
        i += 1;
      }
    }
    row.push(cell);
  }
  return rows;
}

async function timelineOf(who: string, participantId: string) {
  const response = await (await as(who)).get(`/api/v1/participants/${participantId}/timeline?limit=500`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { entries: { id: string; dataClass: string }[]; withheld: string[]; redisclosureNotice: boolean };
}

async function exportOf(who: string, participantId: string, query: string) {
  const response = await (await as(who)).get(`/api/v1/participants/${participantId}/timeline/export?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response;
}

async function exportDisclosures(participantId: string) {
  const rows = await t.database.db.execute<{
    id: string;
    channel: string;
    basis: string;
    consent_id: string | null;
    data_classes: string[];
    record_count: number;
    request_id: string;
  }>(
    sql`SELECT id, channel, basis, consent_id, data_classes, record_count, request_id FROM disclosures
        WHERE participant_id = ${participantId} ORDER BY disclosed_at, id`,
  );
  return rows.rows;
}

describe('Anthony’s timeline, exported', () => {
  it('for the judge: stamped with the §2.32 notice, no clinical note, treatment details named only by class', async () => {
    const response = await exportOf('judge', anthony().id, 'format=pdf');
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="timeline-RB-2026-0001-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfContains(pdf, REDISCLOSURE_NOTICE.en)).toBe(true);
    // A heading block on the first page and the footer of every page.
    const texts = (await pdfText(pdf)).join('\n');
    expect(texts.indexOf('Confidential: protected by 42 CFR part 2')).toBeGreaterThanOrEqual(0);
    expect(texts.indexOf('Confidential: protected by 42 CFR part 2')).toBeLessThan(texts.indexOf('Timeline — Anthony Marsh'));
    const squashed = texts.replaceAll(/\s+/g, '');
    const notice = REDISCLOSURE_NOTICE.en.replaceAll(/\s+/g, '');
    expect(squashed.split(notice).length - 1).toBeGreaterThanOrEqual(2);
    expect(await pdfContains(pdf, WITHHELD_NOTICE.en)).toBe(true);
    expect(await pdfContains(pdf, 'Clinical and progress notes')).toBe(true);
    expect(await pdfContains(pdf, ANTHONY_NOTE)).toBe(false);
    expect(texts).not.toContain('using now and then');
  });

  it('for the judge as CSV in Spanish: the notice rows first, then exactly the rows of the screen', async () => {
    const response = await exportOf('judge', anthony().id, 'format=csv&lang=es');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="timeline-RB-2026-0001-.*\.csv"$/);
    const rows = parseCsv(response.body);
    expect(rows[0]).toEqual(['Confidencial: protegido por 42 CFR parte 2', REDISCLOSURE_NOTICE.es]);
    expect(rows[1]![0]).toBe('Detalles del tratamiento');
    expect(rows[1]![1]).toContain(WITHHELD_NOTICE.es);
    expect(rows[1]![1]).toContain('Notas clínicas y de progreso');
    // Classes only: no count, no date.
    expect(rows[1]![1]).not.toMatch(/\d/);
    expect(response.body).not.toContain('using now and then');
    const header = rows.findIndex((r) => r[0] === 'Fecha');
    const screen = await timelineOf('judge', anthony().id);
    expect(rows.slice(header + 1)).toHaveLength(screen.entries.length);
    expect(rows.slice(header + 1).some((r) => r[1] === 'Notas clínicas y de progreso')).toBe(false);
  });

  it('for his counselor: with her clinical note, nothing withheld, no notice (the records stay in the program)', async () => {
    const response = await exportOf('counselor', anthony().id, 'format=csv');
    const rows = parseCsv(response.body);
    expect(rows.some((r) => r.includes(ANTHONY_NOTE))).toBe(true);
    expect(response.body).not.toContain(REDISCLOSURE_NOTICE.en);
    expect(response.body).not.toContain(WITHHELD_NOTICE.en);
    expect(rows[0]).toEqual(['Participant', 'Anthony Marsh']);
    const pdf = await exportOf('counselor', anthony().id, 'format=pdf');
    expect(await pdfContains(pdf.rawPayload, ANTHONY_NOTE)).toBe(true);
    expect(await pdfContains(pdf.rawPayload, REDISCLOSURE_NOTICE.en)).toBe(false);
  });

  it('keeps the timeline’s filters', async () => {
    const rows = parseCsv((await exportOf('counselor', anthony().id, 'format=csv&classes=clinical_note')).body);
    const header = rows.findIndex((r) => r[0] === 'Date');
    const data = rows.slice(header + 1);
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((r) => r[1] === 'Clinical and progress notes')).toBe(true);
    const past = parseCsv((await exportOf('counselor', anthony().id, 'format=csv&before=2000-01-01T00:00:00Z')).body);
    expect(past.slice(past.findIndex((r) => r[0] === 'Date') + 1)).toEqual([]);
  });

  it('accounts what it gives the judge — his attendance and test results, under his §2.35 consent — in one entry, and audits the export', async () => {
    const before = await exportDisclosures(anthony().id);
    const csv = (await exportOf('judge', anthony().id, 'format=csv')).body;
    expect(csv).not.toContain(ANTHONY_NOTE.slice(0, 40));
    const added = (await exportDisclosures(anthony().id)).slice(before.length);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ channel: 'export', basis: 'consent' });
    expect(added[0]!.data_classes.sort()).toEqual(['attendance', 'test_result']);
    const audit = await t.database.db.execute<{ action: string; details: Record<string, unknown> }>(
      sql`SELECT action, details FROM audit_log WHERE ${anthony().id} = ANY (participant_ids) ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toMatchObject({
      action: 'participant.timeline.export',
      details: { format: 'csv', disclosures: [added[0]!.id], redisclosureNotice: true },
    });
  });
});

describe('refusals', () => {
  it('answers a format it does not make with 400 and a clear message, in the reader’s language', async () => {
    const judge = await as('judge');
    const response = await judge.get(`/api/v1/participants/${anthony().id}/timeline/export?format=docx`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: 'validation',
      fields: [{ path: 'format', message: 'Choose the export format: pdf or csv.' }],
    });
    const spanish = await judge.get(`/api/v1/participants/${anthony().id}/timeline/export?format=xlsx`, {
      'accept-language': 'es',
    });
    expect(spanish.json().error.fields[0].message).toBe('Elija el formato de exportación: pdf o csv.');
    expect((await judge.get(`/api/v1/participants/${anthony().id}/timeline/export?lang=fr`)).statusCode).toBe(400);
  });

  it('answers 404 for a participant the caller may not see, as for one that does not exist', async () => {
    const lakeside = await signIn(t.app, 'judge@lakeside.example');
    const hidden = await lakeside.get(`/api/v1/participants/${anthony().id}/timeline/export?format=pdf`);
    const missing = await lakeside.get('/api/v1/participants/00000000-0000-4000-8000-000000000000/timeline/export?format=pdf');
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
    expect(hidden.json().error.message).toBe(missing.json().error.message);
  });
});

/** A participant with clinical notes and no §2.35 consent in force (refused or expired). */
const withNotes = () =>
  t.plan.participants.filter(
    (p) =>
      p.firstName !== 'Anthony' &&
      p.enrollment.status === 'active' &&
      (p.notes ?? []).some((n) => n.dataClass === 'clinical_note') &&
      !(p.consents ?? []).some(
        (c) => c.kind === 'criminal_justice' && (c.expiresAt === null || Date.parse(c.expiresAt) > Date.now()),
      ),
  );
const counselorOf = async (participant: Planned) => {
  const member = participant.enrollment.team.find((m) => m.role === 'treatment_provider')!;
  return as(t.plan.users.find((u) => u.id === member.userId)!.email.split('@')[0]!);
};
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');

describe('disclosure by export', () => {
  it('accounts exactly one entry with channel export per export, under the consent that let it', async () => {
    const participant = withNotes()[0]!;
    const counselor = await counselorOf(participant);
    const draft = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, {
      kind: 'general',
      disclosingOrgIds: [t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id],
      recipientUserIds: [userId('judge@riverbend.example')],
      allowedClasses: ['clinical_note'],
      excludedClasses: ['counseling_note'],
      description: 'My counselor’s progress notes, so the judge understands how treatment is going.',
      purposes: ['court_monitoring'],
      expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const signed = await counselor.post(`/api/v1/consents/${draft.json().id}/sign`, {
      signers: [{ role: 'participant', name: 'Test Participant', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const noteCount = participant.notes!.filter((n) => n.dataClass === 'clinical_note').length;

    const before = (await exportDisclosures(participant.id)).length;
    const pdf = await exportOf('judge', participant.id, 'format=pdf');
    expect(await pdfContains(pdf.rawPayload, REDISCLOSURE_NOTICE.en)).toBe(true);
    const csv = await exportOf('judge', participant.id, 'format=csv');
    expect(parseCsv(csv.body)[0]![1]).toBe(REDISCLOSURE_NOTICE.en);
    const added = (await exportDisclosures(participant.id)).slice(before);
    expect(added).toHaveLength(2);
    for (const entry of added) {
      expect(entry).toMatchObject({
        channel: 'export',
        basis: 'consent',
        consent_id: signed.json().id,
        data_classes: ['clinical_note'],
        record_count: noteCount,
      });
    }
    expect(added[0]!.request_id).not.toBe(added[1]!.request_id);
    // The export's audit entry names its accounting entry.
    const audit = await t.database.db.execute<{ details: { disclosures: string[] } }>(
      sql`SELECT details FROM audit_log WHERE request_id = ${added[1]!.request_id} AND action = 'participant.timeline.export'`,
    );
    expect(audit.rows.map((r) => r.details.disclosures)).toEqual([[added[1]!.id]]);
    // The screen accounts its own reads as before.
    await timelineOf('judge', participant.id);
    expect((await exportDisclosures(participant.id)).slice(before).map((e) => e.channel)).toEqual(['export', 'export', 'screen']);
  });

  it('never lets a cell be read as a formula', async () => {
    const participant = anthony();
    const counselor = await counselorOf(participant);
    const note = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/notes`, {
      body: '=HYPERLINK("http://example.org","click")',
    });
    expect(note.statusCode, note.body).toBe(201);
    const response = await exportOf('counselor', participant.id, 'format=csv');
    expect(response.body).toContain(`"'=HYPERLINK(""http://example.org"",""click"")"`);
  });
});
