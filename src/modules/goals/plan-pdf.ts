import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { renderPdf } from '../../platform/pdf/pdf.js';
import type { AccessContext } from '../access/access-context.js';
import { REDISCLOSURE_NOTICE } from '../consent/consent-wording.js';
import { participants } from '../participants/participants.tables.js';
import type { Locale } from '../users/users.schema.js';
import type { GoalOwner } from './goal-kinds.js';
import type { GoalsOverview } from './goals.schema.js';
import { PLAN_WORDS } from './plan-words.js';
import { readGoalsOverview } from './read-goals.js';

/*
 * The person-centered plan as a printable file the participant keeps, in their language: their goals
 * in their words and the team's beside them, the progress on each and the steps toward it (who does
 * what by when), their latest recovery capital, their agreement with the court, the skills being built,
 * the natural supports they agreed to involve, and the next review. It holds what the
 * person printing it may see, no more; when that includes another program's Part 2 records, every page
 * carries the §2.32 notice. The read is accounted as an export.
 */

export function planPdf(overview: GoalsOverview, name: string, lang: Locale, printedAt: Date): Promise<Buffer> {
  const w = PLAN_WORDS[lang];
  const title = `${w.title} — ${name}`;
  return renderPdf(
    {
      title,
      language: lang,
      createdAt: printedAt,
      pageLabel: w.page,
      ...(overview.redisclosureNotice ? { footer: REDISCLOSURE_NOTICE[lang] } : {}),
    },
    (pdf) => {
      pdf.heading(title, 16);
      pdf.field(w.participant, name);
      pdf.field(w.printed, printedAt.toISOString().slice(0, 10));
      const review = overview.plans
        .map((p) => p.reviewOn)
        .filter((d): d is string => d !== null)
        .sort()[0];
      if (review) pdf.field(w.review, review);
      pdf.heading(w.goalsHeading, 13);
      const active = overview.goals.filter((g) => g.status === 'active');
      if (active.length === 0) pdf.paragraph(w.none);
      // The participant's own goals first, then the team's and the court's.
      const order: GoalOwner[] = ['participant', 'provider', 'mandate'];
      for (const goal of [...active].sort((a, b) => order.indexOf(a.owner) - order.indexOf(b.owner))) {
        pdf.paragraph(`${w.whose[goal.owner]}: “${goal.words}”`, { bold: true, size: 11 });
        const facts = [
          w.areas[goal.lifeArea],
          goal.spectrum ? w.spectrum[goal.spectrum] : null,
          w.difficulty[goal.difficulty],
          goal.targetOn ? `${w.target}: ${goal.targetOn}` : null,
        ].filter((f): f is string => f !== null);
        pdf.paragraph(facts.join(' · '), { size: 9 });
        if (goal.indicators.length > 0) {
          pdf.paragraph(
            `${w.progress}: ${goal.indicators
              .map((i) => {
                const what =
                  i.kind === 'no_positive_tests'
                    ? w.indicatorTests(i.days)
                    : i.kind === 'attendance_per_week'
                      ? w.indicatorAttendance(i.count)
                      : (i.label[lang] ?? i.label.en ?? i.label.es ?? '');
                return `${what} — ${w.readings[i.reading.status]}`;
              })
              .join('; ')}`,
            { size: 9 },
          );
        }
        const steps = goal.steps.filter((s) => s.status !== 'dropped');
        if (steps.length === 0) pdf.paragraph(w.noSteps, { size: 9 });
        else
          pdf.bullets(
            steps.map((s) => {
              const who = s.actorName ? `${w.actors[s.actor]} (${s.actorName})` : w.actors[s.actor];
              const when =
                s.status === 'done' ? ` — ${w.done}${s.doneOn ? ` ${s.doneOn}` : ''}` : s.dueOn ? ` — ${w.due} ${s.dueOn}` : '';
              return `${who}: ${s.action}${when}`;
            }),
          );
      }
      const barc = overview.latestScores.find((x) => x.instrument === 'barc10');
      if (barc?.total != null) pdf.paragraph(w.recoveryCapital(barc.total, barc.completedOn), { size: 10 });
      const conditions = overview.alignment.conditions;
      if (conditions.length > 0) {
        pdf.heading(w.agreement(Math.max(...conditions.map((c) => c.agreementVersion))), 12);
        pdf.bullets(conditions.map((c) => c.wording));
      }
      const skills = [...new Set(overview.plans.flatMap((p) => p.skills))];
      if (skills.length > 0) {
        pdf.heading(w.skills, 12);
        pdf.bullets(skills);
      }
      const supports = overview.plans.flatMap((p) => p.supports).filter((s) => s.permission);
      if (supports.length > 0) {
        pdf.heading(w.supports, 12);
        pdf.bullets(supports.map((s) => (s.relationship ? `${s.name} (${s.relationship})` : s.name)));
      }
      const holders = [...new Set(overview.plans.map((p) => p.custodianName))];
      if (holders.length > 0) pdf.paragraph(`${w.heldBy}: ${holders.join(', ')}`, { size: 8 });
    },
  );
}

/** The plan as a file for this reader, in the language asked for or the participant's. */
export async function exportPlan(options: { db: Db; ctx: AccessContext; participantId: string; lang: Locale | undefined }) {
  return readGoalsOverview({
    ...options,
    locale: options.lang ?? options.ctx.locale,
    plan: {
      render: async (overview) => {
        const [person] = await options.db
          .select({ firstName: participants.firstName, lastName: participants.lastName, language: participants.language })
          .from(participants)
          .where(eq(participants.id, options.participantId));
        if (!person) throw notFound();
        const lang: Locale = options.lang ?? (person.language === 'es' ? 'es' : 'en');
        const body = await planPdf(overview, `${person.firstName} ${person.lastName}`, lang, new Date());
        const fileName = `plan-${person.lastName.replaceAll(/[^A-Za-z0-9-]+/g, '-')}-${lang}.pdf`;
        return { body, fileName, contentType: 'application/pdf' };
      },
    },
  });
}
