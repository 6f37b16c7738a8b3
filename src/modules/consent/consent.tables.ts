import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/bytea.js';
import { inList } from '../../platform/db/sql-helpers.js';
import type { Purpose } from '../access/access-context.js';
import { organizations } from '../organizations/organizations.tables.js';
import type { TeamRole } from '../participants/participants.schema.js';
import { enrollments, participants } from '../participants/participants.tables.js';
import { programs } from '../programs/programs.tables.js';
import type { DataClass } from '../records/data-classes.js';
import { users } from '../users/users.tables.js';
import { CONSENT_KINDS } from './consent-kinds.js';

export const CONSENT_STORED_STATUSES = ['draft', 'active', 'revocation_requested', 'revoked'] as const;

/** Who signed, and how: the participant, and a guardian when there is one. */
export type ConsentSigner = { role: 'participant' | 'guardian'; name: string; method: 'on_screen' | 'paper' };

/**
 * One version of one consent. A series of versions shares `series_id` (the first version's id); a
 * change to a signed consent is a new version. Once signed, the content columns never change (a
 * trigger refuses it): only the status and the recorded occurrence of its events do. Whether a
 * consent has expired is computed from its dates, not stored.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').notNull(),
    version: integer('version').notNull(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    /** The case the consent was made for. */
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    status: text('status', { enum: CONSENT_STORED_STATUSES }).notNull().default('draft'),
    templateId: uuid('template_id').references(() => consentTemplates.id),
    disclosingOrgIds: uuid('disclosing_org_ids').array().notNull(),
    recipientUserIds: uuid('recipient_user_ids').array().notNull().default(sql`'{}'`),
    recipientRoles: text('recipient_roles').array().notNull().default(sql`'{}'`).$type<TeamRole[]>(),
    allowedClasses: text('allowed_classes').array().notNull().$type<DataClass[]>(),
    excludedClasses: text('excluded_classes').array().notNull().default(sql`'{}'`).$type<DataClass[]>(),
    recordsFrom: timestamp('records_from', { withTimezone: true }),
    recordsTo: timestamp('records_to', { withTimezone: true }),
    /** The information to be disclosed, in plain language, in the consent's language. */
    description: text('description').notNull(),
    purposes: text('purposes').array().notNull().$type<Purpose[]>(),
    effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    expiryEvent: text('expiry_event'),
    expiryEventOccurredAt: timestamp('expiry_event_occurred_at', { withTimezone: true }),
    revocableAfterAt: timestamp('revocable_after_at', { withTimezone: true }),
    revocableAfterEvent: text('revocable_after_event'),
    revocableAfterEventOccurredAt: timestamp('revocable_after_event_occurred_at', { withTimezone: true }),
    /** The language of the document the participant signs (theirs). */
    language: text('language', { enum: ['en', 'es'] }).notNull(),
    /** Version of the legal wording (§2.31 statements) the document was rendered with. */
    wordingVersion: text('wording_version').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signers: jsonb('signers').$type<ConsentSigner[]>().notNull().default(sql`'[]'`),
    /** The on-screen signature (PNG), when signed on screen. */
    signatureImage: bytea('signature_image'),
    /** The staff member who witnessed the signature or attests the paper copy. */
    attestedBy: uuid('attested_by').references(() => users.id),
    /** The rendered consent (PDF) as signed, and its SHA-256 (hex). */
    document: bytea('document'),
    documentSha256: text('document_sha256'),
    /** An uploaded scan of the signed paper copy, and its SHA-256 (hex). */
    signedCopy: bytea('signed_copy'),
    signedCopyType: text('signed_copy_type'),
    signedCopySha256: text('signed_copy_sha256'),
    supersedesId: uuid('supersedes_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consents_participant_idx').on(t.participantId),
    uniqueIndex('consents_series_version_idx').on(t.seriesId, t.version),
    check('consents_kind_check', sql`${t.kind} IN (${inList(CONSENT_KINDS)})`),
    check('consents_status_check', sql`${t.status} IN (${inList(CONSENT_STORED_STATUSES)})`),
    check('consents_signed_check', sql`${t.status} = 'draft' OR ${t.signedAt} IS NOT NULL`),
  ],
);

/** A request to revoke a consent: the whole of it, or one recipient (a person or a case role). */
export const consentRevocations = pgTable(
  'consent_revocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consents.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    scope: text('scope', { enum: ['whole', 'user', 'role'] }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    role: text('role').$type<TeamRole>(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** How the participant asked: in writing, orally (noted by staff), or on screen. */
    method: text('method', { enum: ['written', 'oral', 'on_screen'] }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consent_revocations_consent_idx').on(t.consentId),
    index('consent_revocations_participant_idx').on(t.participantId),
    check(
      'consent_revocations_scope_check',
      sql`(${t.scope} = 'whole' AND ${t.userId} IS NULL AND ${t.role} IS NULL) OR (${t.scope} = 'user' AND ${t.userId} IS NOT NULL) OR (${t.scope} = 'role' AND ${t.role} IS NOT NULL)`,
    ),
  ],
);

/** A program's standard consent (e.g. its §2.35 scope), from which staff start a consent. */
export const consentTemplates = pgTable(
  'consent_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    disclosingOrgIds: uuid('disclosing_org_ids').array().notNull(),
    recipientRoles: text('recipient_roles').array().notNull().$type<TeamRole[]>(),
    allowedClasses: text('allowed_classes').array().notNull().$type<DataClass[]>(),
    excludedClasses: text('excluded_classes').array().notNull().default(sql`'{}'`).$type<DataClass[]>(),
    purposes: text('purposes').array().notNull().$type<Purpose[]>(),
    descriptionEn: text('description_en').notNull(),
    descriptionEs: text('description_es').notNull(),
    /** Months from signing to expiry, and/or an expiry event. */
    durationMonths: integer('duration_months'),
    expiryEvent: text('expiry_event'),
    /** For §2.35: the event after which the consent may be revoked. */
    revocableAfterEvent: text('revocable_after_event'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_templates_program_idx').on(t.programId)],
);

/** A participant's request to restrict disclosures (§2.26); an agreed one is a deny rule (R10). */
export const disclosureRestrictions = pgTable(
  'disclosure_restrictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    dataClasses: text('data_classes').array().notNull().$type<DataClass[]>(),
    recipientUserIds: uuid('recipient_user_ids').array().notNull().default(sql`'{}'`),
    recipientRoles: text('recipient_roles').array().notNull().default(sql`'{}'`).$type<TeamRole[]>(),
    /** The request in the participant's words. */
    request: text('request').notNull(),
    status: text('status', { enum: ['requested', 'agreed', 'declined', 'ended'] })
      .notNull()
      .default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decisionNote: text('decision_note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('disclosure_restrictions_participant_idx').on(t.participantId)],
);

/** A recorded Part 2 court order (§2.64/§2.65) authorizing disclosure for use in proceedings (R6). */
export const courtOrders = pgTable(
  'court_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    issuingCourt: text('issuing_court').notNull(),
    reference: text('reference').notNull(),
    /** What the order allows, in its words. */
    scope: text('scope').notNull(),
    dataClasses: text('data_classes').array().notNull().$type<DataClass[]>(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('court_orders_participant_idx').on(t.participantId)],
);

/** Emergency access by clinical staff (R11): a reason, an end, and a privacy officer's review. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    reason: text('reason').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewOutcome: text('review_outcome', { enum: ['appropriate', 'inappropriate'] }),
    reviewNote: text('review_note'),
  },
  (t) => [
    index('break_glass_participant_idx').on(t.participantId, t.expiresAt),
    index('break_glass_unreviewed_idx').on(t.startsAt).where(sql`${t.reviewedAt} IS NULL`),
  ],
);

/**
 * The accounting of disclosures (§2.25, R7): one row for each time Part 2 records reached someone
 * outside the program that made them — one per request, participant and basis (a consent version, a
 * court order or a break-glass grant). Append-only, like the audit log.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }).notNull().defaultNow(),
    recipientUserId: uuid('recipient_user_id').references(() => users.id),
    recipientLabel: text('recipient_label').notNull(),
    recipientOrgId: uuid('recipient_org_id').references(() => organizations.id),
    purpose: text('purpose').notNull().$type<Purpose>(),
    basis: text('basis', { enum: ['consent', 'court_order', 'break_glass'] }).notNull(),
    consentId: uuid('consent_id').references(() => consents.id),
    consentVersion: integer('consent_version'),
    courtOrderId: uuid('court_order_id').references(() => courtOrders.id),
    breakGlassId: uuid('break_glass_id').references(() => breakGlassGrants.id),
    /** What was disclosed: the data classes, which programs made the records, how many records. */
    dataClasses: text('data_classes').array().notNull().$type<DataClass[]>(),
    custodianOrgIds: uuid('custodian_org_ids').array().notNull(),
    recordCount: integer('record_count').notNull(),
    /** Where it went: a screen of Tandem, an export or document, the API. */
    channel: text('channel', { enum: ['screen', 'export', 'api'] }).notNull(),
    requestId: text('request_id').notNull(),
  },
  (t) => [index('disclosures_participant_idx').on(t.participantId, t.disclosedAt)],
);
