import { createHash } from 'node:crypto';
import { renderPdf } from '../../platform/pdf/pdf.js';
import type { Locale } from '../users/users.schema.js';
import type { ConsentSigner } from './consent.tables.js';
import type { ConsentKind } from './consent-kinds.js';
import { CONSENT_WORDING_VERSION, consentWording, REDISCLOSURE_NOTICE, type WORDING } from './consent-wording.js';

/** Everything printed on a consent form, names resolved. */
export type ConsentDocument = {
  id: string;
  version: number;
  kind: ConsentKind;
  language: Locale;
  participant: { name: string; dateOfBirth: string | null };
  disclosers: string[];
  recipientNames: string[];
  recipientRoles: ConsentDocumentRole[];
  allowedClasses: ConsentDocumentClass[];
  excludedClasses: ConsentDocumentClass[];
  recordsFrom: Date | null;
  recordsTo: Date | null;
  description: string;
  purposes: ConsentDocumentPurpose[];
  effectiveFrom: Date;
  expiresAt: Date | null;
  expiryEvent: string | null;
  revocableAfterAt: Date | null;
  revocableAfterEvent: string | null;
  signedAt: Date | null;
  signers: ConsentSigner[];
  signatureImage: Buffer | null;
  attestedBy: string | null;
  wordingVersion?: string;
};
type ConsentDocumentRole = keyof (typeof WORDING)['en']['roles'];
type ConsentDocumentClass = keyof (typeof WORDING)['en']['classes'];
type ConsentDocumentPurpose = keyof (typeof WORDING)['en']['purposes'];

const formatDate = (date: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);

/**
 * The consent form as a PDF in the participant's language, with every §2.31 element, the revocation
 * statement that fits its kind, §2.35's limits, and the §2.32 notice. A draft is marked as such.
 */
export async function renderConsent(consent: ConsentDocument): Promise<Buffer> {
  const version = consent.wordingVersion ?? CONSENT_WORDING_VERSION;
  const w = consentWording(version, consent.language);
  const date = (d: Date) => formatDate(d, consent.language);
  const createdAt = consent.signedAt ?? consent.effectiveFrom;
  return renderPdf(
    {
      title: w.title[consent.kind],
      language: consent.language,
      createdAt,
      footer: REDISCLOSURE_NOTICE[consent.language],
      banner: consent.signedAt ? undefined : w.draft,
      pageLabel: w.labels.page,
    },
    (pdf) => {
      pdf.heading(w.title[consent.kind], 13);
      pdf.field(w.labels.participant, consent.participant.name);
      if (consent.participant.dateOfBirth) pdf.field(w.labels.dateOfBirth, consent.participant.dateOfBirth);
      pdf.field(w.labels.disclosers, consent.disclosers.join('; '));
      const recipients = [
        ...consent.recipientNames,
        ...(consent.recipientRoles.length > 0
          ? [`${w.labels.recipientsByRole}: ${consent.recipientRoles.map((r) => w.roles[r]).join(', ')}`]
          : []),
      ];
      pdf.field(w.labels.recipients, recipients.join('; '));
      pdf.heading(w.labels.information, 11);
      pdf.bullets(consent.allowedClasses.map((c) => w.classes[c]));
      if (consent.excludedClasses.length > 0) {
        pdf.field(w.labels.notIncluded, consent.excludedClasses.map((c) => w.classes[c]).join('; '));
      }
      if (consent.recordsFrom || consent.recordsTo) {
        pdf.field(
          w.labels.recordsDated,
          [
            consent.recordsFrom ? `${w.labels.from} ${date(consent.recordsFrom)}` : '',
            consent.recordsTo ? `${w.labels.to} ${date(consent.recordsTo)}` : '',
          ]
            .filter(Boolean)
            .join(' '),
        );
      }
      pdf.paragraph(consent.description);
      pdf.field(w.labels.purpose, consent.purposes.map((p) => w.purposes[p]).join('; '));
      pdf.field(w.labels.effective, date(consent.effectiveFrom));
      const expiry = [
        consent.expiresAt ? date(consent.expiresAt) : null,
        consent.expiryEvent ? `${w.labels.expiresOnEvent}: ${consent.expiryEvent}` : null,
      ].filter((x): x is string => x !== null);
      pdf.field(w.labels.expires, expiry.join(` — ${w.labels.whicheverFirst} — `));

      pdf.heading(w.labels.revocation, 11);
      if (consent.kind === 'criminal_justice') {
        const point = [consent.revocableAfterAt ? date(consent.revocableAfterAt) : null, consent.revocableAfterEvent ?? null]
          .filter((x): x is string => x !== null)
          .join(` (${w.labels.whicheverFirst}) `);
        pdf.paragraph(w.statements.revokeAfter.replace('{{point}}', point));
        pdf.paragraph(w.statements.useLimits235);
      } else {
        pdf.paragraph(w.statements.revokeAnyTime);
        pdf.paragraph(w.statements.notConditioned);
      }
      if (consent.kind === 'counseling_notes') pdf.paragraph(w.statements.counselingNotes);
      pdf.paragraph(w.statements.proceedings);
      pdf.paragraph(w.statements.accounting);
      pdf.paragraph(w.statements.copy);

      pdf.heading(w.labels.signatures, 11);
      for (const signer of consent.signers) {
        const role = signer.role === 'guardian' ? w.labels.guardianRole : w.labels.participantRole;
        const how = signer.method === 'paper' ? w.labels.signedOnPaper : w.labels.signedOnScreen;
        pdf.field(role, `${signer.name} — ${how}${consent.signedAt ? `, ${date(consent.signedAt)}` : ''}`);
      }
      if (consent.signatureImage) pdf.image(consent.signatureImage, 180);
      if (consent.attestedBy) pdf.field(w.labels.attestedBy, consent.attestedBy);
      pdf.field(w.labels.version, `${version} · ${w.labels.document} ${consent.id} v${consent.version}`);
    },
  );
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
