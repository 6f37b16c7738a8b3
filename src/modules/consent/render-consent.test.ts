import { describe, expect, it } from 'vitest';
import { pdfContains, pdfText } from '../../../test/support/pdf-text.js';
import { CONSENT_KINDS, type ConsentKind } from './consent-kinds.js';
import { CONSENT_WORDING_VERSION, consentWording, REDISCLOSURE_NOTICE } from './consent-wording.js';
import { type ConsentDocument, renderConsent, sha256Hex } from './render-consent.js';

const squash = (s: string) => s.replaceAll(/\s+/g, '');

/** A signed consent of each kind, for a participant whose name needs more than Latin-1. */
const consent = (kind: ConsentKind, language: 'en' | 'es', overrides: Partial<ConsentDocument> = {}): ConsentDocument => ({
  id: '8a1f0d5e-3b7c-4f2a-9e61-0c2d4b6f8a10',
  version: 2,
  kind,
  language,
  participant: { name: 'Nguyễn Thị Hằng', dateOfBirth: '1991-04-12' },
  disclosers: ['Riverbend Recovery Services'],
  recipientNames: ['Judge Maria Delgado'],
  recipientRoles: ['probation_officer'],
  allowedClasses: ['attendance', 'test_result'],
  excludedClasses: ['clinical_note'],
  recordsFrom: null,
  recordsTo: null,
  description: 'Attendance and test results, so the court can follow my progress.',
  purposes: ['court_monitoring'],
  effectiveFrom: new Date('2026-11-02T15:00:00Z'),
  expiresAt: new Date('2027-11-02T15:00:00Z'),
  expiryEvent: 'final disposition of case RB-2026-0042',
  revocableAfterAt: null,
  revocableAfterEvent: kind === 'criminal_justice' ? 'final disposition of case RB-2026-0042' : null,
  signedAt: new Date('2026-11-02T15:00:00Z'),
  signers: [{ role: 'participant', name: 'Nguyễn Thị Hằng', method: 'on_screen' }],
  signatureImage: null,
  attestedBy: 'Dana Counselor',
  ...overrides,
});

describe('the consent document', () => {
  for (const language of ['en', 'es'] as const) {
    for (const kind of CONSENT_KINDS) {
      it(`${kind} (${language}) states every §2.31 element, its revocation rule and the §2.32 notice`, async () => {
        const w = consentWording(CONSENT_WORDING_VERSION, language);
        const body = squash((await pdfText(await renderConsent(consent(kind, language)))).join(''));
        const has = async (text: string) => body.includes(squash(text));
        expect(await has(w.title[kind])).toBe(true);
        // Who, from whom, to whom, what, why, until when.
        expect(await has('Nguyễn Thị Hằng')).toBe(true);
        expect(await has('Riverbend Recovery Services')).toBe(true);
        expect(await has('Judge Maria Delgado')).toBe(true);
        expect(await has(w.roles.probation_officer)).toBe(true);
        expect(await has(w.classes.attendance)).toBe(true);
        expect(await has(w.classes.clinical_note)).toBe(true);
        expect(await has(w.purposes.court_monitoring)).toBe(true);
        expect(await has('final disposition of case RB-2026-0042')).toBe(true);
        // The right to revoke, as the kind allows it.
        const revocation =
          kind === 'criminal_justice'
            ? w.statements.revokeAfter.replace('{{point}}', 'final disposition of case RB-2026-0042')
            : w.statements.revokeAnyTime;
        expect(await has(revocation)).toBe(true);
        expect(await has(w.statements.proceedings)).toBe(true);
        if (kind === 'counseling_notes') expect(await has(w.statements.counselingNotes)).toBe(true);
        // Signature, witness, wording version, and the redisclosure notice on the page.
        expect(await has(w.labels.signatures)).toBe(true);
        expect(await has('Dana Counselor')).toBe(true);
        expect(await has(`${CONSENT_WORDING_VERSION} · ${w.labels.document}`)).toBe(true);
        expect(await has(REDISCLOSURE_NOTICE[language])).toBe(true);
      });
    }
  }

  it('the §2.35 statement says how to revoke once its time has come', async () => {
    const pdf = await renderConsent(consent('criminal_justice', 'en'));
    expect(await pdfContains(pdf, 'in writing or by telling program staff')).toBe(true);
  });

  it('a consent is drawn with the wording version it records; an unknown version is refused', async () => {
    const old = await renderConsent(consent('criminal_justice', 'en', { wordingVersion: '2026-02' }));
    const text = (await pdfText(old)).join(' ');
    expect(text).toContain('2026-02 ·');
    expect(squash(text)).toContain(squash('After that, I may revoke it at any time.'));
    expect(squash(text)).not.toContain(squash('revoke it at any time, in writing'));
    await expect(renderConsent(consent('general', 'en', { wordingVersion: '1999-01' }))).rejects.toThrow(
      /Unknown consent wording/,
    );
  });

  it('the same consent gives the same bytes (its stored hash can be checked again)', async () => {
    const a = await renderConsent(consent('general', 'es'));
    const b = await renderConsent(consent('general', 'es'));
    expect(sha256Hex(a)).toBe(sha256Hex(b));
  });

  it('a draft is marked as one', async () => {
    const draft = await renderConsent(consent('general', 'es', { signedAt: null }));
    expect(await pdfContains(draft, consentWording(CONSENT_WORDING_VERSION, 'es').draft)).toBe(true);
  });
});
