import type { UseFormReturnType } from '@mantine/form';
import { type FieldIssue, isApiError } from '../api/api-error';

/** Turns a server field path ("identity.firstName") into the form's path, when they differ. */
export type PathMap = (serverPath: string) => string;

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(part in (current as object))) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/** The server's field issues split into those the form shows next to a field and the rest. */
export function splitFieldIssues(
  error: unknown,
  values: unknown,
  mapPath: PathMap = (path) => path,
): { placed: { path: string; message: string }[]; unplaced: FieldIssue[] } {
  if (!isApiError(error)) return { placed: [], unplaced: [] };
  const placed: { path: string; message: string }[] = [];
  const unplaced: FieldIssue[] = [];
  for (const issue of error.fields) {
    const path = mapPath(issue.path);
    if (path && hasPath(values, path)) placed.push({ path, message: issue.message });
    else unplaced.push(issue);
  }
  return { placed, unplaced };
}

/** Shows the server's field messages next to the form's fields. */
// biome-ignore lint/suspicious/noExplicitAny: any form shape
export function applyServerErrors(form: UseFormReturnType<any, any>, error: unknown, mapPath?: PathMap): void {
  const { placed } = splitFieldIssues(error, form.getValues(), mapPath);
  const errors: Record<string, string> = {};
  for (const issue of placed) errors[issue.path] ??= issue.message;
  if (Object.keys(errors).length > 0) form.setErrors(errors);
}
