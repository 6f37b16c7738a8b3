import { z } from 'zod';
import { errorResponses } from '../../platform/http/errors.js';
import type { App } from '../../platform/http/types.js';
import { accessOf } from '../auth/auth.plugin.js';
import { readAccounting } from './accounting.js';
import { listBreakGlass, openBreakGlass, reviewBreakGlass } from './break-glass.js';
import {
  ZAccounting,
  ZAccountingQuery,
  ZBreakGlass,
  ZBreakGlassCreate,
  ZBreakGlassReview,
  ZConsent,
  ZConsentDraftCreate,
  ZConsentDraftInput,
  ZConsentEvent,
  ZConsentList,
  ZConsentSign,
  ZConsentTemplate,
  ZConsentTemplateInput,
  ZCourtOrder,
  ZCourtOrderCreate,
  ZRestriction,
  ZRestrictionCreate,
  ZRestrictionDecision,
  ZRevocationCreate,
} from './consent.schema.js';
import { createConsentTemplate, listConsentTemplates, updateConsentTemplate } from './consent-templates.js';
import { listCourtOrders, recordCourtOrder } from './court-orders.js';
import { toFhirConsent } from './fhir-consent.js';
import {
  createConsentDraft,
  deleteConsentDraft,
  newConsentVersion,
  readConsent,
  readConsentDocument,
  readConsents,
  recordConsentEvent,
  revokeConsent,
  signConsent,
  updateConsentDraft,
} from './manage-consents.js';
import { decideRestriction, listRestrictions, requestRestriction } from './restrictions.js';

const tags = ['consent'];
const ZId = z.object({ id: z.uuid() });

export async function consentRoutes(app: App) {
  app.get(
    '/v1/participants/:id/consents',
    {
      schema: {
        tags,
        summary: 'A participant’s consents (every version), with where each stands and what it covers',
        params: ZId,
        response: { 200: ZConsentList, ...errorResponses(404) },
      },
    },
    async (request) => readConsents({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
  );

  app.post(
    '/v1/enrollments/:id/consents',
    {
      schema: {
        tags,
        summary: 'Start a consent for this case, from one of the program’s templates or by hand (a draft)',
        params: ZId,
        body: ZConsentDraftCreate,
        response: { 201: ZConsent, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const consent = await createConsentDraft({
        db: app.db,
        ctx: accessOf(request),
        enrollmentId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(consent);
    },
  );

  app.patch(
    '/v1/consents/:id',
    {
      schema: {
        tags,
        summary: 'Change a draft consent (a signed consent never changes: make a new version)',
        params: ZId,
        body: ZConsentDraftInput.omit({ templateId: true }),
        response: { 200: ZConsent, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) =>
      updateConsentDraft({ db: app.db, ctx: accessOf(request), consentId: request.params.id, input: request.body }),
  );

  app.delete(
    '/v1/consents/:id',
    {
      schema: {
        tags,
        summary: 'Delete a draft consent',
        params: ZId,
        response: { 204: z.null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteConsentDraft({ db: app.db, ctx: accessOf(request), consentId: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/consents/:id/sign',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Sign a draft: on screen (signature image) or on paper (scanned copy), witnessed by the caller; renders and stores the document with its SHA-256',
        params: ZId,
        body: ZConsentSign,
        response: { 200: ZConsent, ...errorResponses(403, 404, 409, 413) },
      },
    },
    async (request) => signConsent({ db: app.db, ctx: accessOf(request), consentId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/consents/:id/versions',
    {
      schema: {
        tags,
        summary: 'Start a new version of a signed consent (a draft; signing it replaces this one)',
        params: ZId,
        response: { 201: ZConsent, ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const consent = await newConsentVersion({ db: app.db, ctx: accessOf(request), consentId: request.params.id });
      return reply.status(201).send(consent);
    },
  );

  app.post(
    '/v1/consents/:id/revocations',
    {
      schema: {
        tags,
        summary:
          'Record the participant’s request to revoke the consent, wholly or for one person or role (a §2.35 consent waits for its stated time or event)',
        params: ZId,
        body: ZRevocationCreate,
        response: { 200: ZConsent, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => revokeConsent({ db: app.db, ctx: accessOf(request), consentId: request.params.id, input: request.body }),
  );

  app.post(
    '/v1/consents/:id/events',
    {
      schema: {
        tags,
        summary: 'Record that the consent’s expiry event or revocation point (e.g. final disposition) has happened',
        params: ZId,
        body: ZConsentEvent,
        response: { 200: ZConsent, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => recordConsentEvent({ db: app.db, ctx: accessOf(request), consentId: request.params.id, ...request.body }),
  );

  app.get(
    '/v1/consents/:id/document',
    {
      schema: {
        tags,
        summary:
          'The consent as a PDF: the signed document as stored, or a draft rendered now; `?copy=signed` for the scanned paper copy',
        params: ZId,
        querystring: z.object({ copy: z.enum(['document', 'signed']).default('document') }),
        response: errorResponses(404),
      },
    },
    async (request, reply) => {
      const doc = await readConsentDocument({
        db: app.db,
        ctx: accessOf(request),
        consentId: request.params.id,
        copy: request.query.copy,
      });
      return reply
        .type(doc.contentType)
        .header('content-disposition', `attachment; filename="${doc.fileName}"`)
        .send(doc.bytes as never);
    },
  );

  app.get(
    '/v1/consents/:id/fhir',
    {
      schema: {
        tags,
        summary: 'The consent as an HL7 FHIR R4 Consent resource',
        params: ZId,
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const consent = await readConsent({ db: app.db, ctx: accessOf(request), consentId: request.params.id, as: 'fhir' });
      return reply.type('application/fhir+json').send(toFhirConsent(consent));
    },
  );

  app.get(
    '/v1/programs/:id/consent-templates',
    {
      schema: {
        tags,
        summary: 'The program’s standard consents',
        params: ZId,
        response: { 200: z.object({ items: z.array(ZConsentTemplate) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await listConsentTemplates({ db: app.db, ctx: accessOf(request), programId: request.params.id }),
    }),
  );

  app.post(
    '/v1/programs/:id/consent-templates',
    {
      schema: {
        tags,
        summary: 'Add a standard consent to the program (coordinators)',
        params: ZId,
        body: ZConsentTemplateInput,
        response: { 201: ZConsentTemplate, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const template = await createConsentTemplate({
        db: app.db,
        ctx: accessOf(request),
        programId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(template);
    },
  );

  app.put(
    '/v1/consent-templates/:id',
    {
      schema: {
        tags,
        summary: 'Change a standard consent (consents made from it keep what they were signed with)',
        params: ZId,
        body: ZConsentTemplateInput,
        response: { 200: ZConsentTemplate, ...errorResponses(403, 404) },
      },
    },
    async (request) =>
      updateConsentTemplate({ db: app.db, ctx: accessOf(request), templateId: request.params.id, input: request.body }),
  );

  app.get(
    '/v1/participants/:id/restrictions',
    {
      schema: {
        tags,
        summary: 'The participant’s requests to restrict disclosures (§2.26) and the program’s decisions',
        params: ZId,
        response: { 200: z.object({ items: z.array(ZRestriction) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await listRestrictions({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
    }),
  );

  app.post(
    '/v1/participants/:id/restrictions',
    {
      schema: {
        tags,
        summary: 'Record a participant’s request to restrict disclosures',
        params: ZId,
        body: ZRestrictionCreate,
        response: { 201: ZRestriction, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const restriction = await requestRestriction({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(restriction);
    },
  );

  app.post(
    '/v1/restrictions/:id/decision',
    {
      schema: {
        tags,
        summary: 'The treatment program agrees to, declines or ends a restriction (an agreed one denies what it names)',
        params: ZId,
        body: ZRestrictionDecision,
        response: { 200: ZRestriction, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) =>
      decideRestriction({ db: app.db, ctx: accessOf(request), restrictionId: request.params.id, input: request.body }),
  );

  app.get(
    '/v1/participants/:id/court-orders',
    {
      schema: {
        tags,
        summary: 'Part 2 court orders recorded for the participant',
        params: ZId,
        response: { 200: z.object({ items: z.array(ZCourtOrder) }), ...errorResponses(404) },
      },
    },
    async (request) => ({
      items: await listCourtOrders({ db: app.db, ctx: accessOf(request), participantId: request.params.id }),
    }),
  );

  app.post(
    '/v1/participants/:id/court-orders',
    {
      schema: {
        tags,
        summary: 'Record a Part 2 court order (42 CFR part 2, subpart E) authorizing disclosure for use in proceedings',
        params: ZId,
        body: ZCourtOrderCreate,
        response: { 201: ZCourtOrder, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const order = await recordCourtOrder({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(order);
    },
  );

  app.post(
    '/v1/participants/:id/break-glass',
    {
      schema: {
        tags,
        summary:
          'Emergency access to treatment records for clinical staff: a reason, time-limited, reviewed by a privacy officer',
        params: ZId,
        body: ZBreakGlassCreate,
        response: { 201: z.object({ id: z.uuid(), expiresAt: z.iso.datetime({ offset: true }) }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const grant = await openBreakGlass({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        reason: request.body.reason,
        hours: app.config.breakGlassHours,
      });
      return reply.status(201).send(grant);
    },
  );

  app.get(
    '/v1/break-glass',
    {
      schema: {
        tags,
        summary: 'Emergency accesses for a privacy officer to review',
        querystring: z.object({ unreviewed: z.enum(['true', 'false']).default('true') }),
        response: { 200: z.object({ items: z.array(ZBreakGlass) }), ...errorResponses(403) },
      },
    },
    async (request) => ({
      items: await listBreakGlass({ db: app.db, ctx: accessOf(request), unreviewedOnly: request.query.unreviewed === 'true' }),
    }),
  );

  app.post(
    '/v1/break-glass/:id/review',
    {
      schema: {
        tags,
        summary: 'A privacy officer’s review of one emergency access',
        params: ZId,
        body: ZBreakGlassReview,
        response: { 204: z.null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await reviewBreakGlass({ db: app.db, ctx: accessOf(request), grantId: request.params.id, input: request.body });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/participants/:id/disclosures',
    {
      schema: {
        tags,
        summary: 'The participant’s accounting of disclosures, last 3 years (JSON, CSV or PDF, in their language)',
        params: ZId,
        querystring: ZAccountingQuery,
        response: { 200: ZAccounting, ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const result = await readAccounting({
        db: app.db,
        ctx: accessOf(request),
        participantId: request.params.id,
        format: request.query.format,
        lang: request.query.lang,
      });
      if (result.kind === 'json') return result.accounting;
      const name = `disclosures-${request.params.id}.${result.kind}`;
      // A Buffer goes out as it is, past the JSON serializer.
      return reply
        .type(result.kind === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Buffer.from(result.body) as never);
    },
  );
}
