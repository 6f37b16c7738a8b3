import { eq, inArray } from 'drizzle-orm';
import { csvFile } from '../../platform/csv.js';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { renderPdf } from '../../platform/pdf/pdf.js';
import { type AccessContext, actorLabel, type Purpose } from '../access/access-context.js';
import { REDISCLOSURE_NOTICE, WITHHELD_NOTICE, WORDING } from '../consent/consent-wording.js';
import { recordRead } from '../consent/record-read.js';
import type { EnrollmentStatus } from '../participants/participants.schema.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import type { DataClass } from '../records/data-classes.js';
import { analyteName, MONITORING_WORDING } from '../testing/monitoring-wording.js';
import type { Locale } from '../users/users.schema.js';
import { readingContext, showTimeline } from './read-timeline.js';
import type { TimelineEntry, TimelineExportQuery } from './timeline.schema.js';

/*
 * A participant's timeline as a file (PDF or CSV), for whoever may read it: exactly the records the
 * screen shows them (the same path, showTimeline), accounted as disclosures by export and audited.
 * A file leaves Tandem's control, so an export made for anyone outside the participant's treatment
 * programs is stamped with the §2.32 notice — whenever it holds Part 2 records disclosed to them,
 * and whenever it tells them that treatment details are withheld (R7, R13). What is withheld is named
 * by class only, with one sentence that never depends on which records exist.
 */

type Labels = {
  title: string;
  doseOf: string;
  participant: string;
  cases: string;
  exported: string;
  by: string;
  purpose: string;
  filters: string;
  classesFilter: string;
  before: string;
  noticeHeading: string;
  withheldHeading: string;
  notIncluded: string;
  none: string;
  columns: { date: string; information: string; record: string; enteredBy: string; madeBy: string; part2: string; case: string };
  yes: string;
  no: string;
  statuses: Record<EnrollmentStatus, string>;
  status: (from: string | null, to: string, on: string, reason: string) => string;
  phase: (position: number, name: string, from: string, to: string | null, reason: string) => string;
  team: (name: string, role: string, from: string, to: string | null) => string;
};

const LABELS: Record<Locale, Labels> = {
  en: {
    title: 'Timeline',
    doseOf: 'dose of',
    participant: 'Participant',
    cases: 'Case',
    exported: 'Exported',
    by: 'by',
    purpose: 'Purpose',
    filters: 'Filters',
    classesFilter: 'only',
    before: 'before',
    noticeHeading: 'Confidential: protected by 42 CFR part 2',
    withheldHeading: 'Treatment details',
    notIncluded: 'Not included',
    none: 'No records to show.',
    columns: {
      date: 'Date',
      information: 'Information',
      record: 'Record',
      enteredBy: 'Recorded by',
      madeBy: 'Made by',
      part2: '42 CFR part 2',
      case: 'Case',
    },
    yes: 'yes',
    no: 'no',
    statuses: {
      referred: 'referred',
      screening: 'screening',
      active: 'active',
      graduated: 'graduated',
      neutral_discharge: 'neutral discharge',
      terminated: 'terminated',
      absconded: 'absconded',
      deceased: 'deceased',
    },
    status: (from, to, on, reason) => `Status: ${to}${from ? ` (was ${from})` : ''}, from ${on}${reason ? `. ${reason}` : ''}`,
    phase: (position, name, from, to, reason) =>
      `Phase ${position}: ${name}, from ${from}${to ? ` to ${to}` : ''}${reason ? `. ${reason}` : ''}`,
    team: (name, role, from, to) => `${name}, ${role}, from ${from}${to ? ` to ${to}` : ''}`,
  },
  es: {
    title: 'Cronología',
    doseOf: 'dosis del',
    participant: 'Participante',
    cases: 'Caso',
    exported: 'Exportado',
    by: 'por',
    purpose: 'Propósito',
    filters: 'Filtros',
    classesFilter: 'solo',
    before: 'antes de',
    noticeHeading: 'Confidencial: protegido por 42 CFR parte 2',
    withheldHeading: 'Detalles del tratamiento',
    notIncluded: 'No incluye',
    none: 'No hay registros que mostrar.',
    columns: {
      date: 'Fecha',
      information: 'Información',
      record: 'Registro',
      enteredBy: 'Registrado por',
      madeBy: 'Hecho por',
      part2: '42 CFR parte 2',
      case: 'Caso',
    },
    yes: 'sí',
    no: 'no',
    statuses: {
      referred: 'derivado/a',
      screening: 'en evaluación',
      active: 'activo/a',
      graduated: 'graduado/a',
      neutral_discharge: 'baja neutral',
      terminated: 'dado/a de baja',
      absconded: 'paradero desconocido',
      deceased: 'fallecido/a',
    },
    status: (from, to, on, reason) => `Estado: ${to}${from ? ` (antes ${from})` : ''}, desde ${on}${reason ? `. ${reason}` : ''}`,
    phase: (position, name, from, to, reason) =>
      `Fase ${position}: ${name}, desde ${from}${to ? ` hasta ${to}` : ''}${reason ? `. ${reason}` : ''}`,
    team: (name, role, from, to) => `${name}, ${role}, desde ${from}${to ? ` hasta ${to}` : ''}`,
  },
};

/** An exported timeline, ready to render. */
type TimelineDocument = {
  participantName: string;
  caseNumbers: Map<string, string>;
  exportedAt: Date;
  exportedBy: string;
  /** Why it was read: the reader's purpose, or use in legal proceedings. */
  purpose: Purpose;
  classes: DataClass[] | null;
  before: string | null;
  entries: TimelineEntry[];
  withheld: DataClass[];
  /** Stamp the §2.32 notice. */
  notice: boolean;
};

const minute = (iso: string | Date) => new Date(iso).toISOString().replace('T', ' ').slice(0, 16);

function describeEntry(entry: TimelineEntry, lang: Locale): string {
  const l = LABELS[lang];
  const d = entry.detail;
  switch (d.kind) {
    case 'status':
      return l.status(d.fromStatus ? l.statuses[d.fromStatus] : null, l.statuses[d.toStatus], d.effectiveOn, d.reason);
    case 'phase':
      return l.phase(d.position, d.phaseName, d.startedOn, d.endedOn, d.reason);
    case 'team':
      return l.team(d.memberName, WORDING[lang].roles[d.role], d.assignedOn, d.endedOn);
    case 'note':
      return d.body;
    case 'test': {
      const m = MONITORING_WORDING[lang];
      const positives = d.positives.map(
        (p) => `${analyteName(p.analyte, lang)} (${m.findings[p.finding]}${p.presumptive ? `; ${m.findings.presumptive}` : ''})`,
      );
      const flags = d.flags.map((f) => m.flags[f as keyof typeof m.flags] ?? f);
      return [`${m.outcomes[d.outcome]} — ${m.specimens[d.specimenType]}, ${m.reasons[d.reason]}`, ...positives, ...flags].join(
        '. ',
      );
    }
    case 'attendance': {
      const m = MONITORING_WORDING[lang];
      return `${m.attendanceKinds[d.attendanceKind]}${d.title ? ` (${d.title})` : ''}: ${m.attendanceOutcomes[d.outcome]}`;
    }
    case 'prescription': {
      const m = MONITORING_WORDING[lang];
      const what = [m.medications[d.medication], d.productName, d.dose].filter(Boolean).join(', ');
      return `${what} — ${d.prescriber}, ${d.startedOn}${d.endedOn ? ` – ${d.endedOn}` : ''}${d.stopReason ? `. ${d.stopReason}` : ''}`;
    }
    case 'moud': {
      const m = MONITORING_WORDING[lang];
      return `${m.medications[d.medication]}, ${d.startedOn}${d.endedOn ? ` – ${d.endedOn}` : ''}`;
    }
    case 'use_report': {
      const m = MONITORING_WORDING[lang];
      const groups = d.substanceGroups.map((g) => m.groups[g]).join(', ');
      return `${groups}: ${d.usedFrom}${d.usedTo ? ` – ${d.usedTo}` : ''}${d.statement ? `. “${d.statement}”` : ''}`;
    }
    case 'continuity':
      return `${MONITORING_WORDING[lang].continuity[d.eventKind]}${d.note ? `. ${d.note}` : ''}`;
    case 'dose': {
      const m = MONITORING_WORDING[lang];
      return `${m.medications[d.medication]}, ${LABELS[lang].doseOf} ${d.dueOn}: ${m.doses[d.status]}${d.note ? `. ${d.note}` : ''}`;
    }
  }
}

function rowOf(entry: TimelineEntry, doc: TimelineDocument, lang: Locale) {
  const l = LABELS[lang];
  return {
    date: minute(entry.occurredAt),
    information: WORDING[lang].classes[entry.dataClass],
    record: describeEntry(entry, lang),
    enteredBy: entry.enteredByName ?? '',
    madeBy: entry.custodian.name,
    part2: entry.custodian.part2 ? l.yes : l.no,
    case: doc.caseNumbers.get(entry.enrollmentId) ?? '',
  };
}

function filtersText(doc: TimelineDocument, lang: Locale): string | null {
  const l = LABELS[lang];
  const parts = [
    ...(doc.classes && doc.classes.length > 0
      ? [`${l.classesFilter} ${doc.classes.map((c) => WORDING[lang].classes[c]).join('; ')}`]
      : []),
    ...(doc.before ? [`${l.before} ${minute(doc.before)} UTC`] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : null;
}

const withheldText = (doc: TimelineDocument, lang: Locale) =>
  `${WITHHELD_NOTICE[lang]} ${LABELS[lang].notIncluded}: ${doc.withheld.map((c) => WORDING[lang].classes[c]).join('; ')}.`;

export function timelineCsv(doc: TimelineDocument, lang: Locale): string {
  const l = LABELS[lang];
  const rows: string[][] = [];
  // The notice rows come first, before anything a reader could copy out.
  if (doc.notice) rows.push([l.noticeHeading, REDISCLOSURE_NOTICE[lang]]);
  if (doc.withheld.length > 0) rows.push([l.withheldHeading, withheldText(doc, lang)]);
  rows.push([l.participant, doc.participantName]);
  rows.push([l.cases, [...new Set(doc.caseNumbers.values())].join(', ')]);
  rows.push([l.exported, `${minute(doc.exportedAt)} UTC ${l.by} ${doc.exportedBy}`]);
  rows.push([l.purpose, WORDING[lang].purposes[doc.purpose]]);
  const filters = filtersText(doc, lang);
  if (filters) rows.push([l.filters, filters]);
  rows.push([]);
  const c = l.columns;
  rows.push([c.date, c.information, c.record, c.enteredBy, c.madeBy, c.part2, c.case]);
  for (const entry of doc.entries) {
    const r = rowOf(entry, doc, lang);
    rows.push([r.date, r.information, r.record, r.enteredBy, r.madeBy, r.part2, r.case]);
  }
  return csvFile(rows);
}

export async function timelinePdf(doc: TimelineDocument, lang: Locale): Promise<Buffer> {
  const l = LABELS[lang];
  const title = `${l.title} — ${doc.participantName}`;
  return renderPdf(
    {
      title,
      language: lang,
      createdAt: doc.exportedAt,
      pageLabel: WORDING[lang].labels.page,
      // On every page, so no page printed or copied out of the file goes without it.
      ...(doc.notice ? { footer: REDISCLOSURE_NOTICE[lang] } : {}),
    },
    (pdf) => {
      if (doc.notice) {
        pdf.heading(l.noticeHeading, 11);
        pdf.paragraph(REDISCLOSURE_NOTICE[lang], { bold: true, size: 9 });
      }
      pdf.heading(title, 14);
      pdf.field(l.participant, doc.participantName);
      pdf.field(l.cases, [...new Set(doc.caseNumbers.values())].join(', '));
      pdf.field(l.exported, `${minute(doc.exportedAt)} UTC ${l.by} ${doc.exportedBy}`);
      pdf.field(l.purpose, WORDING[lang].purposes[doc.purpose]);
      const filters = filtersText(doc, lang);
      if (filters) pdf.field(l.filters, filters);
      if (doc.withheld.length > 0) {
        pdf.heading(l.withheldHeading, 11);
        pdf.paragraph(WITHHELD_NOTICE[lang]);
        pdf.field(l.notIncluded, doc.withheld.map((c) => WORDING[lang].classes[c]).join('; '));
      }
      if (doc.entries.length === 0) {
        pdf.paragraph(l.none);
        return;
      }
      const c = l.columns;
      pdf.table(
        [72, 80, 190, 78, 80],
        [c.date, c.information, c.record, c.enteredBy, c.madeBy],
        doc.entries.map((entry) => {
          const r = rowOf(entry, doc, lang);
          return [r.date, r.information, r.record, r.enteredBy, r.madeBy];
        }),
      );
    },
  );
}

const safeFilePart = (value: string) => value.replaceAll(/[^A-Za-z0-9_-]+/g, '-').replaceAll(/^-+|-+$/g, '');

/**
 * The timeline as a file, for this actor: what they may see of it, in their language or the one
 * asked for, stamped when it leaves the treatment program; the disclosures accounted as made by
 * export, and the export audited.
 */
export async function exportTimeline(options: {
  db: Db;
  ctx: AccessContext;
  participantId: string;
  query: TimelineExportQuery;
}): Promise<{ contentType: string; fileName: string; body: Buffer }> {
  const { participantId, query } = options;
  const ctx = readingContext(options.ctx, query.purpose);
  const lang = query.lang ?? ctx.locale;
  return options.db.transaction(async (tx) => {
    const { policy, enrollmentIds, entries, withheld } = await showTimeline(tx, ctx, participantId, query);
    const [person] = await tx
      .select({ first: participants.firstName, last: participants.lastName })
      .from(participants)
      .where(eq(participants.id, participantId));
    if (!person) throw notFound();
    const cases = await tx
      .select({ id: enrollments.id, caseNumber: enrollments.caseNumber })
      .from(enrollments)
      .where(inArray(enrollments.id, enrollmentIds))
      .orderBy(enrollments.caseNumber);
    const doc: TimelineDocument = {
      participantName: `${person.first} ${person.last}`,
      caseNumbers: new Map(cases.map((c) => [c.id, c.caseNumber])),
      exportedAt: policy.now,
      exportedBy: ctx.actor.kind === 'user' ? ctx.actor.displayName : actorLabel(ctx.actor),
      purpose: ctx.purpose,
      classes: query.classes ?? null,
      before: query.before ?? null,
      entries,
      withheld,
      notice: policy.disclosedAny || withheld.length > 0,
    };
    // Drawn before anything is written: a document that fails to render leaves no accounting behind.
    const body = query.format === 'csv' ? Buffer.from(timelineCsv(doc, lang), 'utf8') : await timelinePdf(doc, lang);
    await recordRead(tx, ctx, policy, 'export', {
      action: 'participant.timeline.export',
      participantIds: [participantId],
      targetType: 'participant',
      targetId: participantId,
      details: {
        format: query.format,
        lang,
        entries: entries.length,
        classes: query.classes ?? null,
        purpose: ctx.purpose,
        redisclosureNotice: doc.notice,
      },
    });
    const day = doc.exportedAt.toISOString().slice(0, 10);
    const name = safeFilePart(cases[0]?.caseNumber ?? participantId) || participantId;
    return {
      contentType: query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      fileName: `timeline-${name}-${day}.${query.format}`,
      body,
    };
  });
}
