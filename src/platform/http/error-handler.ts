import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '../../modules/users/users.schema.js';
import { recordAudit } from '../audit/record-audit.js';
import { translator, zodIssueMessage } from '../i18n/i18n.js';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldIssue } from './errors.js';

/** PostgreSQL errors a client's input can cause, and what they mean to the client. */
const PG_ERRORS: Record<string, ErrorCode> = {
  '23505': 'conflict', // unique_violation
  '23503': 'bad_request', // foreign_key_violation: a referenced id that does not exist
  '23514': 'bad_request', // check_violation
  '22P02': 'bad_request', // invalid_text_representation
  '22007': 'bad_request', // invalid_datetime_format
  '22008': 'bad_request', // datetime_field_overflow
  '22001': 'bad_request', // string_data_right_truncation
  '22003': 'bad_request', // numeric_value_out_of_range
  '40001': 'conflict', // serialization_failure
  '22021': 'bad_request', // character_not_in_repertoire (e.g. a NUL character in text)
  '22P05': 'bad_request', // untranslatable_character (e.g. a NUL character in a JSON value)
  '54000': 'bad_request', // program_limit_exceeded (e.g. an absurdly long search term)
};

/** Fastify's own client errors. */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; key?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', key: 'errors.invalid_json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', key: 'errors.empty_body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request' },
  FST_ERR_VALIDATION: { code: 'validation' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request' },
};

type Body = { error: { code: string; message: string; fields?: FieldIssue[]; requestId?: string } };

function localeOf(request: FastifyRequest): Locale {
  return (request as { locale?: Locale }).locale ?? 'en';
}

/** Refusals of a signed-in actor that the audit log keeps: not permitted, not visible, forged request. */
const AUDITED_REFUSALS = new Set<ErrorCode>(['forbidden', 'not_found', 'csrf']);

/**
 * A refusal is recorded in a transaction of its own: the request's transaction (if any) has rolled
 * back with the error. The id asked for is kept as asked — the entry confirms nothing about it.
 */
async function auditRefusal(error: AppError, request: FastifyRequest): Promise<void> {
  const ctx = request.auth?.access;
  if (!ctx || !AUDITED_REFUSALS.has(error.code)) return;
  const params = (request.params ?? {}) as Record<string, unknown>;
  try {
    await recordAudit(request.server.db, ctx, {
      action: 'access.denied',
      outcome: 'denied',
      targetId: typeof params.id === 'string' ? params.id.slice(0, 100) : undefined,
      details: { method: request.method, route: request.routeOptions.url ?? request.url.slice(0, 200), code: error.code },
    });
  } catch (auditError) {
    request.log.error({ err: auditError }, 'could not audit a refused request');
  }
}

/**
 * The one place errors become HTTP answers. Anything a client can cause answers 4xx with a message a
 * person understands; anything else is logged with its stack and answers a plain 500. Refusals of a
 * signed-in actor are audited.
 */
export async function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const locale = localeOf(request);
  const t = translator(locale);
  const send = (status: number, body: Body) => reply.status(status).send(body);

  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: zodIssueMessage(
        { code: issue.keyword, message: issue.message ?? '', ...(issue.params as Record<string, unknown>) },
        locale,
      ),
    }));
    return send(400, { error: { code: 'validation', message: t('errors.validation'), fields } });
  }
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, 'server error');
    await auditRefusal(error, request);
    return send(error.status, {
      error: {
        code: error.code,
        message: t(error.messageKey, error.params),
        ...(error.fields.length > 0
          ? { fields: error.fields.map((f) => ({ path: f.path, message: t(f.message, f.params ?? error.params) })) }
          : {}),
      },
    });
  }
  const fastifyCode = (error as FastifyError).code;
  if (fastifyCode && FASTIFY_ERRORS[fastifyCode]) {
    const mapped = FASTIFY_ERRORS[fastifyCode];
    return send(ERROR_STATUS[mapped.code], {
      error: { code: mapped.code, message: t(mapped.key ?? `errors.${mapped.code}`) },
    });
  }
  // Drizzle wraps the driver's error; PostgreSQL's SQLSTATE is then on the cause.
  const pgCode = (error as { cause?: { code?: string } }).cause?.code ?? fastifyCode;
  if (pgCode && PG_ERRORS[pgCode] && !isResponseSerializationError(error)) {
    const code = PG_ERRORS[pgCode];
    request.log.info({ pgCode }, 'client input refused by the database');
    return send(ERROR_STATUS[code], { error: { code, message: t(`errors.${code}`) } });
  }
  const status = (error as FastifyError).statusCode;
  if (status === 429) return send(429, { error: { code: 'rate_limited', message: t('errors.rate_limited') } });
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return send(status, { error: { code: 'bad_request', message: t('errors.bad_request') } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(500, { error: { code: 'internal', message: t('errors.internal'), requestId: request.id } });
}
