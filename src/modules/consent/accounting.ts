import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { csvFile } from '../../platform/csv.js';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { renderPdf } from '../../platform/pdf/pdf.js';
import type { AccessContext } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import { participants } from '../participants/participants.tables.js';
import type { Locale } from '../users/users.schema.js';
import type { DisclosureEntry } from './consent.schema.js';
import { disclosures } from './consent.tables.js';
import { managedEnrollment } from './consent-authority.js';
import { documentLocale, WORDING } from './consent-wording.js';

/*
 * The participant's accounting of disclosures (§2.25): every time their Part 2 records reached
 * someone outside the program that made them in the last three years — when, to whom, what, why,
 * under which consent. Staff who keep the case's consents produce it on the participant's request,
 * as a page, a PDF or a CSV file, in the participant's language.
 */

const YEARS = 3;

const LABELS: Record<
  Locale,
  {
    title: string;
    when: string;
    recipient: string;
    what: string;
    purpose: string;
    basis: string;
    records: string;
    none: string;
    period: string;
    basisNames: Record<DisclosureEntry['basis'], string>;
    consent: string;
  }
> = {
  en: {
    title: 'Accounting of disclosures',
    when: 'Date',
    recipient: 'Recipient',
    what: 'Information',
    purpose: 'Purpose',
    basis: 'Basis',
    records: 'Records',
    none: 'No disclosures in this period.',
    period: 'Period',
    basisNames: { consent: 'Consent', court_order: 'Court order', break_glass: 'Medical emergency' },
    consent: 'consent',
  },
  es: {
    title: 'Registro de divulgaciones',
    when: 'Fecha',
    recipient: 'Destinatario',
    what: 'Información',
    purpose: 'Propósito',
    basis: 'Base',
    records: 'Registros',
    none: 'No hubo divulgaciones en este período.',
    period: 'Período',
    basisNames: { consent: 'Consentimiento', court_order: 'Orden judicial', break_glass: 'Emergencia médica' },
    consent: 'consentimiento',
  },
};

export async function readAccounting(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  format: 'json' | 'csv' | 'pdf';
  lang?: Locale;
}) {
  const { ctx, participantId } = options;
  return options.db.transaction(async (tx) => {
    // The treatment program keeps the accounting (§2.24): it names what was disclosed, so court staff
    // who may not see those records do not read it.
    await managedEnrollment(tx, ctx, participantId, { program: true, message: 'errors.accounting_program_keeps' });
    const [person] = await tx
      .select({ first: participants.firstName, last: participants.lastName, language: participants.language })
      .from(participants)
      .where(eq(participants.id, participantId));
    if (!person) throw notFound();
    const to = new Date();
    const from = new Date(to);
    from.setUTCFullYear(from.getUTCFullYear() - YEARS);
    const rows = await tx
      .select()
      .from(disclosures)
      .where(and(eq(disclosures.participantId, participantId), gte(disclosures.disclosedAt, from)))
      .orderBy(desc(disclosures.disclosedAt));
    const orgIds = [...new Set(rows.flatMap((r) => [...r.custodianOrgIds, ...(r.recipientOrgId ? [r.recipientOrgId] : [])]))];
    const orgNames = new Map(
      orgIds.length > 0
        ? (
            await tx
              .select({ id: organizations.id, name: organizations.name })
              .from(organizations)
              .where(inArray(organizations.id, orgIds))
          ).map((o) => [o.id, o.name])
        : [],
    );
    const items: DisclosureEntry[] = rows.map((r) => ({
      id: r.id,
      disclosedAt: r.disclosedAt.toISOString(),
      recipientName: r.recipientLabel,
      recipientOrganization: r.recipientOrgId ? (orgNames.get(r.recipientOrgId) ?? null) : null,
      purpose: r.purpose,
      basis: r.basis,
      consentId: r.consentId,
      consentVersion: r.consentVersion,
      dataClasses: r.dataClasses,
      custodians: r.custodianOrgIds.map((id) => orgNames.get(id) ?? ''),
      recordCount: r.recordCount,
      channel: r.channel,
    }));
    await recordAudit(tx, ctx, {
      action: 'disclosure.accounting.read',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: { format: options.format, entries: items.length },
    });
    const accounting = {
      participantId,
      participantName: `${person.first} ${person.last}`,
      from: from.toISOString(),
      to: to.toISOString(),
      items,
    };
    const lang = options.lang ?? documentLocale(person.language);
    if (options.format === 'json') return { kind: 'json' as const, accounting };
    if (options.format === 'csv') return { kind: 'csv' as const, body: accountingCsv(accounting, lang) };
    return { kind: 'pdf' as const, body: await accountingPdf(accounting, lang) };
  });
}

type Accounting = { participantName: string; from: string; to: string; items: DisclosureEntry[] };

function describe(entry: DisclosureEntry, lang: Locale) {
  const w = WORDING[lang];
  const l = LABELS[lang];
  return {
    when: new Date(entry.disclosedAt).toISOString().replace('T', ' ').slice(0, 16),
    recipient: entry.recipientOrganization ? `${entry.recipientName} (${entry.recipientOrganization})` : entry.recipientName,
    what: `${entry.dataClasses.map((c) => w.classes[c]).join('; ')} — ${entry.custodians.join(', ')}`,
    purpose: w.purposes[entry.purpose as keyof typeof w.purposes] ?? entry.purpose,
    basis: entry.consentVersion ? `${l.basisNames[entry.basis]} v${entry.consentVersion}` : l.basisNames[entry.basis],
    records: String(entry.recordCount),
  };
}

export function accountingCsv(accounting: Accounting, lang: Locale): string {
  const l = LABELS[lang];
  const rows = [[l.when, l.recipient, l.what, l.purpose, l.basis, l.records]];
  for (const entry of accounting.items) {
    const d = describe(entry, lang);
    rows.push([d.when, d.recipient, d.what, d.purpose, d.basis, d.records]);
  }
  return csvFile(rows);
}

export async function accountingPdf(accounting: Accounting, lang: Locale): Promise<Buffer> {
  const l = LABELS[lang];
  return renderPdf(
    {
      title: `${l.title} — ${accounting.participantName}`,
      language: lang,
      createdAt: new Date(accounting.to),
      pageLabel: WORDING[lang].labels.page,
    },
    (pdf) => {
      pdf.heading(`${l.title} — ${accounting.participantName}`, 14);
      pdf.field(l.period, `${accounting.from.slice(0, 10)} — ${accounting.to.slice(0, 10)}`);
      if (accounting.items.length === 0) {
        pdf.paragraph(l.none);
        return;
      }
      pdf.table(
        [78, 110, 150, 80, 45, 37],
        [l.when, l.recipient, l.what, l.purpose, l.basis, l.records],
        accounting.items.map((entry) => Object.values(describe(entry, lang))),
      );
    },
  );
}
