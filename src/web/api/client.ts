import { i18n } from '../i18n/i18n';
import { ApiError, type FieldIssue } from './api-error';

/**
 * The one way the web app talks to the Tandem API. It sends the session's CSRF token on every
 * request that changes state, the person's language in Accept-Language, and turns error answers
 * into ApiError. A 401 (session ended) is reported to the handler the app registers, which returns
 * the person to the sign-in page.
 */

type QueryValue = string | number | boolean | readonly string[] | null | undefined;
export type Query = Record<string, QueryValue>;

type RequestOptions = {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** False for the sign-in steps, where a 401 is an answer to show, not an ended session. */
  reportUnauthorized?: boolean;
};

let csrfToken: string | null = null;
let unauthorizedHandler: ((error: ApiError) => void) | null = null;

/** Kept in memory only; after a reload it comes back from GET /me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onUnauthorized(handler: (error: ApiError) => void): void {
  unauthorizedHandler = handler;
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

type ErrorBody = { error?: { code?: string; message?: string; fields?: FieldIssue[] } };

async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language || 'en' };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', message: i18n.t('errors.network') });
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const details = (data as ErrorBody | null)?.error;
    const error = new ApiError({
      status: response.status,
      code: details?.code ?? 'unknown',
      message: details?.message ?? i18n.t('errors.unexpected'),
      fields: details?.fields ?? [],
    });
    if (response.status === 401 && options.reportUnauthorized !== false) unauthorizedHandler?.(error);
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};

/** The address of an API download (a PDF, a CSV), for a link the browser follows with the session cookie. */
export function apiUrl(path: string, query?: Query): string {
  return `/api${path}${queryString(query)}`;
}
