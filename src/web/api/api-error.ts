/** A field-level problem the server reported, e.g. `{ path: 'identity.firstName', message: '…' }`. */
export type FieldIssue = { path: string; message: string };

/** An error answer of the API; `message` is already in the person's language. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly fields: FieldIssue[];

  constructor(options: { status: number; code: string; message: string; fields?: FieldIssue[] }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.fields = options.fields ?? [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
