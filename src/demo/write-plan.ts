import { agreementConditions, agreements } from '../modules/agreements/agreements.tables.js';
import { validateCondition } from '../modules/agreements/validate-condition.js';
import { attendanceEvents } from '../modules/attendance/attendance.tables.js';
import { consentRevocations, consents, consentTemplates } from '../modules/consent/consent.tables.js';
import { CONSENT_WORDING_VERSION } from '../modules/consent/consent-wording.js';
import { renderConsent, sha256Hex } from '../modules/consent/render-consent.js';
import { alignmentDecisions, goalEvents, goals, planSteps, treatmentPlans } from '../modules/goals/goals.tables.js';
import { instrumentResponses } from '../modules/instruments/instruments.tables.js';
import { labs } from '../modules/labs/labs.tables.js';
import { prescriptions } from '../modules/medications/medications.tables.js';
import { treatmentNotes } from '../modules/notes/notes.tables.js';
import { courtPartners, organizations } from '../modules/organizations/organizations.tables.js';
import {
  caseTeamMembers,
  enrollmentPhaseHistory,
  enrollmentStatusHistory,
  enrollments,
  participants,
} from '../modules/participants/participants.tables.js';
import { DEFAULT_PHASES } from '../modules/programs/default-phases.js';
import { phases, programs } from '../modules/programs/programs.tables.js';
import { participantRecordHolders } from '../modules/records/records.tables.js';
import { DRAW_ALGORITHM } from '../modules/testing/draw-tests.js';
import {
  courtHolidays,
  drugTests,
  testingDraws,
  testingGroups,
  testingPlans,
  testResults,
  testReviews,
} from '../modules/testing/testing.tables.js';
import { memberships, users } from '../modules/users/users.tables.js';
import type { Tx } from '../platform/db/database.js';
import type { Plan, PlannedParticipant } from './plan.js';

const BATCH = 1_000;

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/** Midday in UTC on a date: a stand-in time for records whose hour the plan does not know. */
const at = (date: string) => new Date(`${date}T17:00:00Z`);

/**
 * Writes a plan in bulk inside the caller's transaction. Every record gets its custodian (the
 * court), data class, dates and no human author (entered by the system).
 */
export async function writePlan(
  tx: Tx,
  plan: Plan,
  passwordHash: string,
  options: { renderDocuments?: boolean } = {},
): Promise<void> {
  await tx.insert(organizations).values(plan.organizations.map(({ partnerOf: _p, ...org }) => org));
  const partners = plan.organizations.flatMap((o) => (o.partnerOf ? [{ courtId: o.partnerOf, partnerId: o.id }] : []));
  if (partners.length > 0) await tx.insert(courtPartners).values(partners);
  await insertInBatches(plan.users, (batch) =>
    tx
      .insert(users)
      .values(batch.map((u) => ({ id: u.id, email: u.email, displayName: u.displayName, locale: u.locale, passwordHash }))),
  );
  await insertInBatches(
    plan.users.flatMap((u) => u.memberships.map((m) => ({ userId: u.id, organizationId: m.organizationId, role: m.role }))),
    (batch) => tx.insert(memberships).values(batch),
  );
  await tx.insert(programs).values(plan.programs.map(({ phaseIds: _ids, ...p }) => p));
  await tx
    .insert(phases)
    .values(
      plan.programs.flatMap((p) =>
        p.phaseIds.map((id, index) => ({ id, programId: p.id, position: index + 1, ...DEFAULT_PHASES[index]! })),
      ),
    );
  if (plan.consentTemplates && plan.consentTemplates.length > 0) {
    await tx.insert(consentTemplates).values(plan.consentTemplates);
  }
  if (plan.labs?.length) await tx.insert(labs).values(plan.labs);
  if (plan.testingGroups?.length) await tx.insert(testingGroups).values(plan.testingGroups);
  if (plan.holidays?.length) await insertInBatches(plan.holidays, (rows) => tx.insert(courtHolidays).values(rows));
  if (plan.draws?.length) {
    await insertInBatches(plan.draws, (rows) =>
      tx.insert(testingDraws).values(rows.map((d) => ({ ...d, algorithm: DRAW_ALGORITHM, drawnAt: new Date(d.drawnAt) }))),
    );
  }
  const orgName = new Map(plan.organizations.map((o) => [o.id, o.name]));
  const userName = new Map(plan.users.map((u) => [u.id, u.displayName]));
  const phaseId = (programId: string, index: number) => plan.programs.find((p) => p.id === programId)!.phaseIds[index]!;

  await insertInBatches(plan.participants, async (batch) => {
    await tx.insert(participants).values(
      batch.map(({ enrollment, ...person }) => ({
        ...person,
        custodianOrgId: enrollment.courtId,
        occurredAt: at(enrollment.referredOn),
        enteredAt: at(enrollment.referredOn),
      })),
    );
    await tx.insert(enrollments).values(
      batch.map(({ id: participantId, enrollment: e }) => ({
        id: e.id,
        participantId,
        programId: e.programId,
        courtId: e.courtId,
        caseNumber: e.caseNumber,
        referralSource: e.referralSource,
        referredOn: e.referredOn,
        status: e.status,
        statusSince: e.statusSince,
        currentPhaseId: e.currentPhaseIndex === null ? null : phaseId(e.programId, e.currentPhaseIndex),
        phaseStartedOn: e.phaseStartedOn,
        nextCourtDate: e.nextCourtDate,
        custodianOrgId: e.courtId,
        occurredAt: at(e.referredOn),
        enteredAt: at(e.referredOn),
      })),
    );
    await tx.insert(enrollmentStatusHistory).values(
      batch.flatMap(({ id: participantId, enrollment: e }) =>
        e.statusHistory.map((h) => ({
          id: h.id,
          enrollmentId: e.id,
          participantId,
          fromStatus: h.from,
          toStatus: h.to,
          effectiveOn: h.on,
          reason: h.reason,
          custodianOrgId: e.courtId,
          occurredAt: at(h.on),
          enteredAt: at(h.on),
        })),
      ),
    );
    const phaseRows = batch.flatMap(({ id: participantId, enrollment: e }) =>
      e.phaseHistory.map((h) => ({
        id: h.id,
        enrollmentId: e.id,
        participantId,
        phaseId: phaseId(e.programId, h.phaseIndex),
        startedOn: h.startedOn,
        endedOn: h.endedOn,
        reason: h.reason,
        custodianOrgId: e.courtId,
        occurredAt: at(h.startedOn),
        enteredAt: at(h.startedOn),
      })),
    );
    if (phaseRows.length > 0) await insertInBatches(phaseRows, (rows) => tx.insert(enrollmentPhaseHistory).values(rows));
    const teamRows = batch.flatMap(({ id: participantId, enrollment: e }) =>
      e.team.map((m) => ({
        id: m.id,
        enrollmentId: e.id,
        participantId,
        userId: m.userId,
        organizationId: m.organizationId,
        role: m.role,
        assignedOn: m.assignedOn,
        endedOn: m.endedOn,
        custodianOrgId: e.courtId,
        occurredAt: at(m.assignedOn),
        enteredAt: at(m.assignedOn),
      })),
    );
    if (teamRows.length > 0) await insertInBatches(teamRows, (rows) => tx.insert(caseTeamMembers).values(rows));
    const noteRows = batch.flatMap(({ id: participantId, enrollment: e, notes }) =>
      (notes ?? []).map((n) => ({
        id: n.id,
        participantId,
        enrollmentId: e.id,
        body: n.body,
        dataClass: n.dataClass,
        custodianOrgId: n.custodianOrgId,
        occurredAt: at(n.occurredOn),
        enteredAt: at(n.occurredOn),
        enteredBy: n.authorId,
      })),
    );
    if (noteRows.length > 0) await insertInBatches(noteRows, (rows) => tx.insert(treatmentNotes).values(rows));
    const consentRows = [];
    for (const p of batch) {
      for (const c of p.consents ?? []) {
        const row = {
          id: c.id,
          seriesId: c.id,
          version: 1,
          participantId: p.id,
          enrollmentId: p.enrollment.id,
          kind: c.kind,
          status: c.revocations.some((r) => r.scope === 'whole') ? ('revoked' as const) : ('active' as const),
          templateId: c.templateId,
          disclosingOrgIds: c.disclosingOrgIds,
          recipientUserIds: c.recipientUserIds,
          recipientRoles: c.recipientRoles,
          allowedClasses: c.allowedClasses,
          excludedClasses: c.excludedClasses,
          description: c.description,
          purposes: c.purposes,
          effectiveFrom: at(c.signedAt),
          expiresAt: c.expiresAt ? at(c.expiresAt) : null,
          expiryEvent: c.expiryEvent,
          revocableAfterAt: c.revocableAfterAt ? at(c.revocableAfterAt) : null,
          revocableAfterEvent: c.revocableAfterEvent,
          language: c.language,
          wordingVersion: CONSENT_WORDING_VERSION,
          signedAt: at(c.signedAt),
          signers: [{ role: 'participant' as const, name: c.signerName, method: c.method }],
          attestedBy: c.attestedBy,
          createdBy: c.attestedBy,
          createdAt: at(c.signedAt),
          updatedAt: at(c.signedAt),
        };
        // The large benchmark sets skip the documents (rendered on request, like a consent imported without its copy).
        const document = options.renderDocuments
          ? await renderConsent({
              ...row,
              participant: { name: `${p.firstName} ${p.lastName}`, dateOfBirth: p.dateOfBirth },
              disclosers: c.disclosingOrgIds.map((id) => orgName.get(id) ?? ''),
              recipientNames: [],
              recordsFrom: null,
              recordsTo: null,
              signatureImage: null,
              attestedBy: userName.get(c.attestedBy) ?? null,
            })
          : null;
        consentRows.push({
          ...row,
          document,
          documentSha256: document ? sha256Hex(document) : null,
        });
      }
    }
    if (consentRows.length > 0) await insertInBatches(consentRows, (rows) => tx.insert(consents).values(rows));
    const revocationRows = batch.flatMap((p) =>
      (p.consents ?? []).flatMap((c) =>
        c.revocations.map((r) => ({
          consentId: c.id,
          participantId: p.id,
          scope: r.scope,
          userId: r.userId ?? null,
          role: r.role ?? null,
          requestedAt: at(r.requestedAt),
          method: 'written' as const,
          note: r.note,
          recordedBy: c.attestedBy,
          recordedAt: at(r.requestedAt),
        })),
      ),
    );
    if (revocationRows.length > 0) await tx.insert(consentRevocations).values(revocationRows);
    await writeMonitoring(tx, batch);
    await writeGoals(tx, batch);
    await tx
      .insert(participantRecordHolders)
      .values([
        ...batch.map((p) => ({ participantId: p.id, organizationId: p.enrollment.courtId })),
        ...batch.flatMap((p) => (p.notes ?? []).map((n) => ({ participantId: p.id, organizationId: n.custodianOrgId }))),
        ...batch.flatMap((p) => {
          const m = p.monitoring;
          if (!m) return [];
          const holders = new Set([
            ...m.tests.map((t) => t.custodianOrgId),
            ...m.attendance.map((a) => a.custodianOrgId),
            ...m.prescriptions.map((r) => r.custodianOrgId),
          ]);
          for (const g of p.goals?.goals ?? []) holders.add(g.custodianOrgId);
          for (const r of p.goals?.instruments ?? []) holders.add(r.custodianOrgId);
          return [...holders].map((organizationId) => ({ participantId: p.id, organizationId }));
        }),
      ])
      .onConflictDoNothing();
  });
}

/** The participants' goals with their history and steps, plans, alignment decisions, instruments and agreements. */
async function writeGoals(tx: Tx, batch: readonly PlannedParticipant[]): Promise<void> {
  const withGoals = batch.filter((p) => p.goals);
  if (withGoals.length === 0) return;
  const goalRows = withGoals.flatMap((p) => p.goals!.goals.map((g) => ({ p, g })));
  await insertInBatches(goalRows, (rows) =>
    tx.insert(goals).values(
      rows.map(({ p, g }) => ({
        id: g.id,
        participantId: p.id,
        enrollmentId: p.enrollment.id,
        owner: g.owner,
        words: g.words,
        language: g.language,
        spectrum: g.spectrum,
        substances: g.substances,
        lifeArea: g.lifeArea,
        difficulty: g.difficulty,
        status: g.status,
        targetOn: g.targetOn,
        indicators: g.indicators,
        templateId: g.templateId,
        custodianOrgId: g.custodianOrgId,
        occurredAt: at(g.createdOn),
        enteredAt: at(g.createdOn),
        enteredBy: g.enteredBy,
        updatedAt: at(g.events.at(-1)?.on ?? g.createdOn),
      })),
    ),
  );
  await insertInBatches(
    goalRows.flatMap(({ g }) =>
      g.events.map((e, i) => ({
        goalId: g.id,
        kind: e.kind,
        difficulty: e.difficulty ?? null,
        status: e.status ?? null,
        note: e.note ?? '',
        indicator: e.indicator ?? null,
        met: e.met ?? null,
        observedOn: e.observedOn ?? null,
        enteredBy: e.enteredBy,
        // Events of one day keep their order.
        enteredAt: new Date(at(e.on).getTime() + i * 60_000),
      })),
    ),
    (rows) => tx.insert(goalEvents).values(rows),
  );
  await insertInBatches(
    goalRows.flatMap(({ g }) =>
      g.steps.map((s) => ({ ...s, goalId: g.id, enteredBy: g.enteredBy, on: undefined, enteredAt: at(s.on) })),
    ),
    (rows) => tx.insert(planSteps).values(rows.map(({ on: _on, ...r }) => r)),
  );
  const plans = withGoals.flatMap((p) => (p.goals!.plan ? [{ p, plan: p.goals!.plan }] : []));
  await insertInBatches(plans, (rows) =>
    tx.insert(treatmentPlans).values(
      rows.map(({ p, plan }) => ({
        id: plan.id,
        participantId: p.id,
        enrollmentId: p.enrollment.id,
        skills: plan.skills,
        supports: plan.supports,
        reviewOn: plan.reviewOn,
        custodianOrgId: plan.custodianOrgId,
        occurredAt: at(plan.on),
        enteredAt: at(plan.on),
        enteredBy: plan.enteredBy,
        updatedAt: at(plan.on),
      })),
    ),
  );
  await insertInBatches(
    withGoals.flatMap((p) => p.goals!.decisions.map((d) => ({ p, d }))),
    (rows) =>
      tx.insert(alignmentDecisions).values(
        rows.map(({ p, d }) => ({
          id: d.id,
          participantId: p.id,
          enrollmentId: p.enrollment.id,
          findingKey: d.findingKey,
          rule: d.rule,
          choice: d.choice,
          note: d.note,
          custodianOrgId: d.custodianOrgId,
          occurredAt: at(d.on),
          enteredAt: at(d.on),
          enteredBy: d.enteredBy,
        })),
      ),
  );
  await insertInBatches(
    withGoals.flatMap((p) => p.goals!.instruments.map((r) => ({ p, r }))),
    (rows) =>
      tx.insert(instrumentResponses).values(
        rows.map(({ p, r }) => ({
          id: r.id,
          participantId: p.id,
          enrollmentId: p.enrollment.id,
          instrument: r.instrument,
          version: r.score.version,
          completedOn: r.completedOn,
          respondent: r.respondent,
          language: r.language,
          answers: r.answers,
          score: r.score,
          safetyPrompt: r.score.safetyPrompt ? ('open' as const) : ('none' as const),
          custodianOrgId: r.custodianOrgId,
          occurredAt: at(r.completedOn),
          enteredAt: at(r.completedOn),
          enteredBy: r.enteredBy,
        })),
      ),
  );
  const withAgreement = withGoals.filter((p) => p.goals!.agreement);
  if (withAgreement.length > 0) {
    await tx.insert(agreements).values(
      withAgreement.map((p) => {
        const a = p.goals!.agreement!;
        return {
          id: a.id,
          participantId: p.id,
          enrollmentId: p.enrollment.id,
          version: 1,
          status: 'acknowledged' as const,
          language: a.language,
          acknowledgedOn: a.acknowledgedOn,
          witnessedBy: a.witnessedBy,
          acknowledgedAt: at(a.acknowledgedOn),
          custodianOrgId: a.custodianOrgId,
          occurredAt: at(a.acknowledgedOn),
          enteredAt: at(a.acknowledgedOn),
          enteredBy: a.enteredBy,
        };
      }),
    );
    await tx.insert(agreementConditions).values(
      withAgreement.flatMap((p) =>
        p.goals!.agreement!.conditions.map((c, position) => ({
          id: c.id,
          agreementId: p.goals!.agreement!.id,
          position,
          kind: c.kind,
          wording: c.wording,
          monitoredBy: c.monitoredBy,
          frequency: c.frequency,
          fromPhase: c.fromPhase ?? null,
          sanctioned: c.sanctioned ?? false,
          substances: c.substances ?? null,
          exceptsPrescribed: c.exceptsPrescribed ?? true,
          medication: c.medication ?? null,
          check: validateCondition(c),
        })),
      ),
    );
  }
}

/** The participants' monitoring: testing plans, prescriptions, tests with results and reviews, attendance. */
async function writeMonitoring(tx: Tx, batch: readonly PlannedParticipant[]): Promise<void> {
  const withMonitoring = batch.filter((p) => p.monitoring);
  if (withMonitoring.length === 0) return;
  await insertInBatches(
    withMonitoring.map((p) => ({
      ...p.monitoring!.plan,
      enrollmentId: p.enrollment.id,
      participantId: p.id,
      specimenType: 'urine' as const,
    })),
    (rows) => tx.insert(testingPlans).values(rows),
  );
  await insertInBatches(
    withMonitoring.flatMap((p) =>
      p.monitoring!.prescriptions.map((r) => ({
        ...r,
        participantId: p.id,
        enrollmentId: p.enrollment.id,
        occurredAt: at(r.startedOn),
        enteredAt: at(r.startedOn),
      })),
    ),
    (rows) => tx.insert(prescriptions).values(rows),
  );
  const tests = withMonitoring.flatMap((p) => p.monitoring!.tests.map((t) => ({ p, t })));
  await insertInBatches(
    tests.map(({ p, t }) => {
      const occurred = new Date(t.collectedAt ?? t.notifiedAt);
      const i = t.interpretation;
      return {
        id: t.id,
        participantId: p.id,
        enrollmentId: p.enrollment.id,
        reason: t.reason,
        drawId: t.drawId,
        specimenType: t.specimenType,
        notifiedAt: new Date(t.notifiedAt),
        reportBy: new Date(t.reportBy),
        collection: t.collection,
        collectedAt: t.collectedAt ? new Date(t.collectedAt) : null,
        observed: t.observed,
        observedBy: t.observed ? 'Collector on duty' : null,
        temperatureC: t.temperatureC,
        creatinineMgDl: t.creatinineMgDl,
        specificGravity: t.specificGravity,
        accessionId: t.accessionId,
        confirmationRequestedAt: t.confirmationRequestedAt ? new Date(t.confirmationRequestedAt) : null,
        outcome: i.outcome,
        presumptive: i.presumptive,
        countsAsUse: i.countsAsUse,
        usableForResponse: i.usableForResponse,
        interpretation: i,
        firstResultAt: t.results[0] ? new Date(t.results[0].reportedAt) : null,
        custodianOrgId: t.custodianOrgId,
        occurredAt: occurred,
        enteredAt: occurred,
      };
    }),
    (rows) => tx.insert(drugTests).values(rows),
  );
  await insertInBatches(
    tests.flatMap(({ t }) =>
      t.results.map((r) => ({
        testId: t.id,
        analyte: r.analyte,
        substanceGroup: r.group,
        stage: r.stage,
        result: r.result,
        value: r.value ?? null,
        unit: r.unit ?? null,
        cutoff: r.cutoff,
        reportedAt: new Date(r.reportedAt),
      })),
    ),
    (rows) => tx.insert(testResults).values(rows),
  );
  const reviewed = tests.filter(({ t }) => t.review);
  if (reviewed.length > 0) {
    await tx.insert(testReviews).values(
      reviewed.map(({ p, t }) => ({
        testId: t.id,
        participantId: p.id,
        kind: 'dispute' as const,
        statement: t.review!.statement,
        openedAt: new Date(t.review!.openedAt),
        closedAt: new Date(t.review!.closedAt),
        finding: t.review!.finding,
        note: 'The confirmation (LC-MS/MS) was negative.',
      })),
    );
  }
  await insertInBatches(
    withMonitoring.flatMap((p) =>
      p.monitoring!.attendance.map((a) => ({
        id: a.id,
        participantId: p.id,
        enrollmentId: p.enrollment.id,
        kind: a.kind,
        title: a.title,
        durationMinutes: a.durationMinutes,
        outcome: a.outcome,
        custodianOrgId: a.custodianOrgId,
        occurredAt: new Date(a.scheduledAt),
        enteredAt: new Date(a.scheduledAt),
      })),
    ),
    (rows) => tx.insert(attendanceEvents).values(rows),
  );
}
