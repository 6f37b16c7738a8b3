import { z } from 'zod';

/** Error codes a client can receive, each with one HTTP status. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field-level problem with the request body or query. */
/** A field's message: a server message key, filled in with the error's params or the field's own. */
export type FieldIssue = { path: string; message: string; params?: Record<string, string | number> };

/**
 * The one error type of Tandem. `messageKey` names a server message (see platform/i18n) shown to
 * the person in their language; `params` fill it in.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldIssue[];

  constructor(
    code: ErrorCode,
    messageKey?: string,
    options: { params?: Record<string, string | number>; fields?: FieldIssue[] } = {},
  ) {
    super(messageKey ?? code);
    this.code = code;
    this.messageKey = messageKey ?? `errors.${code}`;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Something the actor may not see answers exactly like something that does not exist. */
export const notFound = () => new AppError('not_found');

export const ZError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});

/** Response schemas for the errors a route can answer, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries([...new Set([400, 401, ...statuses])].map((status) => [status, ZError]));
}
