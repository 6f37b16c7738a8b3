import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Locale } from '../../modules/users/users.schema.js';
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

/**
 * The one place errors become HTTP answers. Anything a client can cause answers 4xx with a message a
 * person understands; anything else is logged with its stack and answers a plain 500.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
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
    return send(error.status, {
      error: {
        code: error.code,
        message: t(error.messageKey, error.params),
        ...(error.fields.length > 0
          ? { fields: error.fields.map((f) => ({ path: f.path, message: t(f.message, error.params) })) }
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
  if (fastifyCode && PG_ERRORS[fastifyCode] && !isResponseSerializationError(error)) {
    const code = PG_ERRORS[fastifyCode];
    request.log.info(
      { pgCode: fastifyCode, detail: (error as { detail?: string }).detail },
      'client input refused by the database',
    );
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
