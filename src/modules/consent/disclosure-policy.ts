import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/database.js';
import { executePrepared, insertRowsStatement, preparedStatement } from '../../platform/db/sql-helpers.js';
import { type AccessContext, type Actor, actorLabel, actorOrganizationId } from '../access/access-context.js';
import type { OrganizationKind } from '../organizations/organizations.schema.js';
import type { TeamRole } from '../participants/participants.schema.js';
import type { DataClass } from '../records/data-classes.js';
import { disclosures } from './consent.tables.js';
import {
  type BreakGlassGrant,
  type Consent,
  type CourtOrder,
  type Disclosure,
  type DisclosureActor,
  type DisclosureRecord,
  decideDisclosure,
  type Restriction,
} from './decide-disclosure.js';

/*
 * The access layer's use of the disclosure decision. Within the participants an actor may see
 * (participant-scope.ts), every participant-level record passes through a DisclosurePolicy before it
 * leaves the server: the policy gathers the inputs of `decideDisclosure` in one query — the
 * participants' consents with their revocations, agreed restrictions, court orders, the actor's
 * break-glass grants and case roles — decides record by record, and writes the accounting of what
 * it disclosed. Records that are not Part 2 records need no consent and load nothing.
 */

/** Organization kinds on the court side: never break-glass (R11). */
const COURT_SIDE_KINDS: readonly OrganizationKind[] = ['court', 'probation', 'prosecution', 'defense'];

/** Where a disclosure goes, for the accounting. */
export type DisclosureChannel = 'screen' | 'export' | 'api';

/** The inputs of the decision that depend on the participant, loaded together. */
export type ParticipantDisclosureInputs = {
  consents: Consent[];
  restrictions: Restriction[];
  courtOrders: CourtOrder[];
  breakGlass: BreakGlassGrant[];
  /** The actor's active roles on each participant's case teams. */
  caseRoles: Map<string, TeamRole[]>;
  /** The same, case by case: participant → enrollment → roles. */
  caseRolesByEnrollment: Map<string, Map<string, TeamRole[]>>;
  /** The Part 2 programs that hold records of each participant or disclose under one of their consents. */
  part2Sources: Map<string, string[]>;
};

/** The parts of the decision's actor that do not depend on the participant. */
export function disclosureActorBase(actor: Actor): Omit<DisclosureActor, 'caseRoles'> {
  if (actor.kind === 'token') {
    // An integration is never a named recipient and never clinical: it reads its own organization's records.
    return {
      userId: `token:${actor.tokenId}`,
      organizationIds: [actor.organizationId],
      clinical: false,
      courtSide: COURT_SIDE_KINDS.includes(actor.organizationKind),
    };
  }
  const active = actor.memberships.filter((m) => m.role !== 'admin' && m.role !== 'evaluator' && m.role !== 'privacy_officer');
  return {
    userId: actor.userId,
    organizationIds: [...new Set(active.map((m) => m.organizationId))],
    clinical: active.some((m) => m.role === 'treatment_provider' && m.organizationKind === 'treatment_provider'),
    courtSide: active.some((m) => COURT_SIDE_KINDS.includes(m.organizationKind)),
  };
}

type Json = Record<string, unknown>;
const date = (value: unknown) => (value == null ? null : new Date(value as string));

/**
 * The decision's inputs for some participants (a `uuid[]` expression) and an actor, as one JSON
 * value. Its values are placeholders — `disclosure_actor`, `disclosure_now` and the participants'
 * — so the statements carrying it are built once and prepared.
 */
function disclosureInputsJson(ids: SQL): SQL {
  const actor = sql`${sql.placeholder('disclosure_actor')}::uuid`;
  const now = sql`${sql.placeholder('disclosure_now')}::timestamptz`;
  return sql`json_build_object(
      'consents', (SELECT json_agg(json_build_object(
          'id', c.id, 'version', c.version, 'kind', c.kind, 'status', c.status, 'participantId', c.participant_id,
          'enrollmentId', c.enrollment_id,
          'disclosingOrgIds', c.disclosing_org_ids, 'userIds', c.recipient_user_ids, 'roles', c.recipient_roles,
          'allowed', c.allowed_classes, 'excluded', c.excluded_classes, 'recordsFrom', c.records_from, 'recordsTo', c.records_to,
          'purposes', c.purposes, 'signedAt', c.signed_at, 'effectiveFrom', c.effective_from, 'expiresAt', c.expires_at,
          'expiryEvent', c.expiry_event, 'expiryEventAt', c.expiry_event_occurred_at,
          'revocableAfterAt', c.revocable_after_at, 'revocableAfterEvent', c.revocable_after_event,
          'revocableAfterEventAt', c.revocable_after_event_occurred_at,
          'revocations', (SELECT json_agg(json_build_object('requestedAt', r.requested_at, 'scope', r.scope, 'userId', r.user_id, 'role', r.role))
                          FROM consent_revocations r WHERE r.consent_id = c.id)))
       FROM consents c
       -- Only consents that may be in force: one revoked, expired or past its expiry date never is.
       WHERE c.participant_id = ANY (${ids}) AND c.status IN ('active', 'revocation_requested')
         AND (c.expires_at IS NULL OR c.expires_at > ${now})),
      'restrictions', (SELECT json_agg(json_build_object('participantId', d.participant_id, 'classes', d.data_classes,
                                         'userIds', d.recipient_user_ids, 'roles', d.recipient_roles))
       FROM disclosure_restrictions d WHERE d.participant_id = ANY (${ids}) AND d.status = 'agreed'),
      'orders', (SELECT json_agg(json_build_object('id', o.id, 'participantId', o.participant_id, 'issuedAt', o.issued_at,
                                         'expiresAt', o.expires_at, 'classes', o.data_classes))
       FROM court_orders o WHERE o.participant_id = ANY (${ids})),
      'grants', (SELECT json_agg(json_build_object('id', g.id, 'userId', g.user_id, 'participantId', g.participant_id,
                                         'startsAt', g.starts_at, 'expiresAt', g.expires_at))
       FROM break_glass_grants g WHERE g.user_id = ${actor} AND g.participant_id = ANY (${ids}) AND g.expires_at > ${now}),
      'roles', (SELECT json_agg(json_build_object('participantId', t.participant_id, 'enrollmentId', t.enrollment_id, 'role', t.role))
       FROM case_team_members t WHERE t.user_id = ${actor} AND t.participant_id = ANY (${ids}) AND t.ended_on IS NULL),
      -- The participant's Part 2 programs: holding records of them, or disclosing under any consent of theirs.
      'sources', (SELECT json_agg(json_build_object('participantId', s.participant_id, 'orgId', s.org_id)) FROM (
         SELECT h.participant_id, h.organization_id AS org_id FROM participant_record_holders h WHERE h.participant_id = ANY (${ids})
         UNION ALL
         SELECT c.participant_id, d.org_id FROM consents c CROSS JOIN LATERAL unnest(c.disclosing_org_ids) AS d(org_id)
         WHERE c.participant_id = ANY (${ids}) AND c.status <> 'draft'
       ) s JOIN organizations o ON o.id = s.org_id WHERE o.part2_program))`;
}

/**
 * One participant's inputs as one JSON value, for a read to carry in its own statement (saving a
 * round trip); `DisclosurePolicy.inputsFor` gives its placeholders' values. One participant is a
 * one-element array, which PostgreSQL plans once for good.
 */
export const DISCLOSURE_INPUTS_JSON = disclosureInputsJson(sql`ARRAY[${sql.placeholder('disclosure_participant')}::uuid]`);

const LOAD_ONE = preparedStatement(sql`SELECT ${DISCLOSURE_INPUTS_JSON} AS inputs`);
const LOAD_MANY = preparedStatement(
  sql`SELECT ${disclosureInputsJson(sql`${sql.placeholder('disclosure_participants')}::uuid[]`)} AS inputs`,
);

const inputValues = (actorUserId: string | null, participantIds: readonly string[], now: Date) => ({
  disclosure_actor: actorUserId,
  disclosure_now: now,
  disclosure_participant: participantIds[0],
  disclosure_participants: `{${participantIds.join(',')}}`,
});

/** Loads the inputs for these participants and this actor in one round trip. */
export async function loadDisclosureInputs(
  q: Queryable,
  actorUserId: string | null,
  participantIds: string[],
  now: Date,
): Promise<ParticipantDisclosureInputs> {
  const result = await executePrepared<{ inputs: Json }>(
    q,
    participantIds.length === 1 ? LOAD_ONE : LOAD_MANY,
    inputValues(actorUserId, participantIds, now),
  );
  return parseDisclosureInputs(result.rows[0]!.inputs);
}

/** The inputs as `disclosureInputsJson` gives them. */
function parseDisclosureInputs(row: Json): ParticipantDisclosureInputs {
  const items = (value: unknown) => (value as Json[] | null) ?? [];
  const caseRoles = new Map<string, TeamRole[]>();
  const caseRolesByEnrollment = new Map<string, Map<string, TeamRole[]>>();
  for (const r of items(row.roles)) {
    const participantId = r.participantId as string;
    const list = caseRoles.get(participantId) ?? [];
    if (!list.includes(r.role as TeamRole)) list.push(r.role as TeamRole);
    caseRoles.set(participantId, list);
    const cases = caseRolesByEnrollment.get(participantId) ?? new Map<string, TeamRole[]>();
    cases.set(r.enrollmentId as string, [...(cases.get(r.enrollmentId as string) ?? []), r.role as TeamRole]);
    caseRolesByEnrollment.set(participantId, cases);
  }
  const sources = new Map<string, Set<string>>();
  for (const r of items(row.sources)) {
    const set = sources.get(r.participantId as string) ?? new Set<string>();
    set.add(r.orgId as string);
    sources.set(r.participantId as string, set);
  }
  const part2Sources = new Map([...sources].map(([id, set]) => [id, [...set].sort()]));
  const event = (description: unknown, at: unknown) =>
    description == null ? null : { description: description as string, occurredAt: date(at) };
  return {
    consents: items(row.consents).map((c) => ({
      id: c.id as string,
      version: c.version as number,
      kind: c.kind as Consent['kind'],
      status: c.status as Consent['status'],
      participantId: c.participantId as string,
      enrollmentId: (c.enrollmentId as string | null) ?? null,
      disclosingOrgIds: c.disclosingOrgIds as string[],
      recipients: { userIds: c.userIds as string[], roles: c.roles as TeamRole[] },
      allowedClasses: c.allowed as DataClass[],
      excludedClasses: c.excluded as DataClass[],
      recordsFrom: date(c.recordsFrom),
      recordsTo: date(c.recordsTo),
      purposes: c.purposes as Consent['purposes'],
      signedAt: date(c.signedAt),
      effectiveFrom: date(c.effectiveFrom)!,
      expiresAt: date(c.expiresAt),
      expiryEvent: event(c.expiryEvent, c.expiryEventAt),
      revocableAfter:
        c.revocableAfterAt == null && c.revocableAfterEvent == null
          ? null
          : { at: date(c.revocableAfterAt), event: event(c.revocableAfterEvent, c.revocableAfterEventAt) },
      revocations: ((c.revocations as Json[] | null) ?? []).map((r) => ({
        requestedAt: date(r.requestedAt)!,
        scope:
          r.scope === 'whole'
            ? { kind: 'whole' as const }
            : r.scope === 'user'
              ? { kind: 'user' as const, userId: r.userId as string }
              : { kind: 'role' as const, role: r.role as TeamRole },
      })),
    })),
    restrictions: items(row.restrictions).map((r) => ({
      participantId: r.participantId as string,
      agreed: true,
      dataClasses: r.classes as DataClass[],
      recipients: { userIds: r.userIds as string[], roles: r.roles as TeamRole[] },
    })),
    courtOrders: items(row.orders).map((o) => ({
      id: o.id as string,
      participantId: o.participantId as string,
      issuedAt: date(o.issuedAt)!,
      expiresAt: date(o.expiresAt),
      dataClasses: o.classes as DataClass[],
    })),
    breakGlass: items(row.grants).map((g) => ({
      id: g.id as string,
      userId: g.userId as string,
      participantId: g.participantId as string,
      startsAt: date(g.startsAt)!,
      expiresAt: date(g.expiresAt)!,
    })),
    caseRoles,
    caseRolesByEnrollment,
    part2Sources,
  };
}

/** A record as the policy needs it: the decision's fields, and whatever the caller keeps with it. */
export type PolicyRecord = DisclosureRecord;

type AccountKey = string;
type Accounted = {
  participantId: string;
  basis: 'consent' | 'court_order' | 'break_glass';
  consentId: string | null;
  consentVersion: number | null;
  courtOrderId: string | null;
  breakGlassId: string | null;
  dataClasses: Set<DataClass>;
  custodianOrgIds: Set<string>;
  recordCount: number;
};

/**
 * Decides records for one actor within one request, and keeps the accounting of what it let through.
 * Create one per request (`DisclosurePolicy.for`), run `filter` over what the request would show, then
 * `account` once before the request's audit entry.
 */
export class DisclosurePolicy {
  private readonly base: Omit<DisclosureActor, 'caseRoles'>;
  private readonly loaded = new Map<string, ParticipantDisclosureInputs>();
  private readonly accounted = new Map<AccountKey, Accounted>();
  private readonly decided = new WeakMap<DisclosureRecord, Disclosure>();
  private readonly actors = new Map<string, { inputs: ParticipantDisclosureInputs | undefined; actor: DisclosureActor }>();

  private constructor(
    private readonly ctx: AccessContext,
    readonly now: Date,
    private readonly bypass: boolean,
    private readonly assumedCaseRoles: TeamRole[] | null,
  ) {
    this.base = disclosureActorBase(ctx.actor);
  }

  /**
   * The policy of one request. `assumed.caseRoles` decides for someone who would hold these roles on
   * the participant's case rather than the roles the actor holds ("What can they see?" for a role).
   */
  static for(ctx: AccessContext, now = new Date(), assumed: { caseRoles?: TeamRole[] } = {}): DisclosurePolicy {
    return new DisclosurePolicy(ctx, now, ctx.consentEnforcement === 'bypass_for_benchmark', assumed.caseRoles ?? null);
  }

  /**
   * Would this record need a consent (or other basis) for this actor? False for the actor's own
   * program's records — except for use in legal proceedings, which always needs an order or consent.
   */
  private needsInputs(record: DisclosureRecord): boolean {
    if (record.custodianIsPart2 === false) return false;
    if (this.ctx.purpose === 'legal_proceedings') return true;
    return !this.base.organizationIds.includes(record.custodianOrgId) || record.dataClass === 'counseling_note';
  }

  /** Loads the inputs of the participants these records need, once per participant and request. */
  async prepare(q: Queryable, records: readonly DisclosureRecord[]): Promise<void> {
    if (this.bypass) return;
    const missing = [...new Set(records.filter((r) => this.needsInputs(r)).map((r) => r.participantId))].filter(
      (id) => !this.loaded.has(id),
    );
    if (missing.length === 0) return;
    const inputs = await loadDisclosureInputs(q, this.actorUserId, missing, this.now);
    for (const id of missing) {
      this.loaded.set(id, {
        consents: inputs.consents.filter((c) => c.participantId === id),
        restrictions: inputs.restrictions.filter((r) => r.participantId === id),
        courtOrders: inputs.courtOrders.filter((o) => o.participantId === id),
        breakGlass: inputs.breakGlass.filter((g) => g.participantId === id),
        caseRoles: new Map([[id, inputs.caseRoles.get(id) ?? []]]),
        caseRolesByEnrollment: new Map([[id, inputs.caseRolesByEnrollment.get(id) ?? new Map()]]),
        part2Sources: new Map([[id, inputs.part2Sources.get(id) ?? []]]),
      });
    }
  }

  private get actorUserId(): string | null {
    return this.ctx.actor.kind === 'user' ? this.ctx.actor.userId : null;
  }

  /**
   * The values of `DISCLOSURE_INPUTS_JSON` for one participant, for a read that carries the inputs in
   * its own statement; give what it loaded to `adopt`. Null when there is nothing to load
   * (enforcement bypassed, or loaded already).
   */
  inputsFor(participantId: string): Record<string, unknown> | null {
    if (this.bypass || this.loaded.has(participantId)) return null;
    return inputValues(this.actorUserId, [participantId], this.now);
  }

  /** Takes the value a read loaded with `inputsFor(participantId)`. */
  adopt(participantId: string, value: unknown): void {
    if (this.bypass || this.loaded.has(participantId)) return;
    this.loaded.set(participantId, parseDisclosureInputs(value as Json));
  }

  /**
   * The Part 2 programs of a participant (holding records or disclosing under a consent), loaded with
   * the decision's inputs: `prepare` a record of the participant whose custodian is not the actor's.
   */
  async part2SourcesOf(q: Queryable, participantId: string): Promise<string[]> {
    if (!this.loaded.has(participantId) && !this.bypass) {
      const inputs = await loadDisclosureInputs(q, this.actorUserId, [participantId], this.now);
      this.loaded.set(participantId, inputs);
    }
    return this.loaded.get(participantId)?.part2Sources.get(participantId) ?? [];
  }

  /** The decision's actor for one participant's records (their case roles included). */
  private actorFor(participantId: string, inputs: ParticipantDisclosureInputs | undefined): DisclosureActor {
    const known = this.actors.get(participantId);
    if (known && known.inputs === inputs) return known.actor;
    const actor: DisclosureActor = this.assumedCaseRoles
      ? { ...this.base, caseRoles: this.assumedCaseRoles }
      : {
          ...this.base,
          caseRoles: inputs?.caseRoles.get(participantId) ?? [],
          caseRolesByEnrollment: inputs?.caseRolesByEnrollment.get(participantId) ?? new Map<string, TeamRole[]>(),
        };
    this.actors.set(participantId, { inputs, actor });
    return actor;
  }

  /**
   * The decision for one record; `prepare` must have seen it. Unprepared inputs deny (fail closed).
   * A record decided on loaded inputs keeps its decision for the request (the inputs do not change).
   */
  decide(record: DisclosureRecord): Disclosure {
    if (this.bypass) return { permit: true, reason: { rule: 'not_part2' }, accountable: false };
    const known = this.decided.get(record);
    if (known) return known;
    const inputs = this.loaded.get(record.participantId);
    if (!inputs && this.needsInputs(record)) return { permit: false, reason: { rule: 'R0_no_consent' }, accountable: false };
    const decision = decideDisclosure({
      actor: this.actorFor(record.participantId, inputs),
      record,
      purpose: this.ctx.purpose,
      now: this.now,
      consents: inputs?.consents ?? [],
      restrictions: inputs?.restrictions ?? [],
      courtOrders: inputs?.courtOrders ?? [],
      breakGlass: inputs?.breakGlass ?? [],
    });
    this.decided.set(record, decision);
    return decision;
  }

  /** The items this actor may see, in order. Nothing is accounted until `disclose` names what was shown. */
  async visible<T>(q: Queryable, items: readonly T[], recordOf: (item: T) => DisclosureRecord): Promise<T[]> {
    await this.prepare(
      q,
      items.map((item) => recordOf(item)),
    );
    return items.filter((item) => this.decide(recordOf(item)).permit);
  }

  /**
   * Notes for the accounting the items this request shows (all visible, so prepared): each Part 2
   * record reaching someone outside its program counts under the consent, order or grant that let it.
   */
  disclose<T>(items: readonly T[], recordOf: (item: T) => DisclosureRecord): void {
    for (const item of items) {
      const record = recordOf(item);
      const decision = this.decide(record);
      if (!decision.permit) throw new Error('disclose() was given a record the actor may not see');
      if (decision.accountable) this.note(record, decision);
    }
  }

  private note(record: DisclosureRecord, decision: Disclosure): void {
    const reason = decision.reason;
    const basis =
      reason.rule === 'consent'
        ? {
            basis: 'consent' as const,
            consentId: reason.consentId,
            consentVersion: reason.version,
            courtOrderId: null,
            breakGlassId: null,
          }
        : reason.rule === 'court_order'
          ? {
              basis: 'court_order' as const,
              consentId: null,
              consentVersion: null,
              courtOrderId: reason.orderId,
              breakGlassId: null,
            }
          : reason.rule === 'break_glass'
            ? {
                basis: 'break_glass' as const,
                consentId: null,
                consentVersion: null,
                courtOrderId: null,
                breakGlassId: reason.grantId,
              }
            : null;
    if (!basis) return;
    const key = `${record.participantId}|${basis.consentId ?? basis.courtOrderId ?? basis.breakGlassId}`;
    const entry = this.accounted.get(key) ?? {
      participantId: record.participantId,
      ...basis,
      dataClasses: new Set<DataClass>(),
      custodianOrgIds: new Set<string>(),
      recordCount: 0,
    };
    entry.dataClasses.add(record.dataClass);
    entry.custodianOrgIds.add(record.custodianOrgId);
    entry.recordCount += 1;
    this.accounted.set(key, entry);
  }

  /**
   * The accounting of disclosures for what this request let through — one entry per participant and
   * basis — as a statement to write with the request's audit entry (recordRead), with the entries'
   * ids for it. Take it once, when the request has decided everything it shows.
   */
  /** Has this request disclosed a Part 2 record it must account for (and stamp with the §2.32 notice)? */
  get disclosing(): boolean {
    return this.accounted.size > 0;
  }

  accountingStatement(channel: DisclosureChannel): { ids: string[]; statement: SQL | null } {
    const actor = this.ctx.actor;
    const rows = [...this.accounted.values()].map((entry) => ({
      id: crypto.randomUUID(),
      participantId: entry.participantId,
      disclosedAt: this.now,
      recipientUserId: actor.kind === 'user' ? actor.userId : null,
      recipientLabel: actor.kind === 'user' ? actor.displayName : actorLabel(actor),
      recipientOrgId: actorOrganizationId(actor),
      purpose: this.ctx.purpose,
      basis: entry.basis,
      consentId: entry.consentId,
      consentVersion: entry.consentVersion,
      courtOrderId: entry.courtOrderId,
      breakGlassId: entry.breakGlassId,
      dataClasses: [...entry.dataClasses].sort(),
      custodianOrgIds: [...entry.custodianOrgIds],
      recordCount: entry.recordCount,
      channel: actor.kind === 'token' ? ('api' as const) : channel,
      requestId: this.ctx.request.id,
    }));
    this.accounted.clear();
    return { ids: rows.map((r) => r.id), statement: insertRowsStatement(disclosures, rows) };
  }

  /** True only in a benchmark's app with enforcement bypassed. */
  get bypassed(): boolean {
    return this.bypass;
  }

  /** Did this request disclose Part 2 records to someone outside the program that made them? */
  get disclosedAny(): boolean {
    return this.accounted.size > 0;
  }
}
