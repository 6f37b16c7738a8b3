import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';
import { type PathMap, splitFieldIssues } from './server-errors';

/**
 * An error from the API (already in the person's language) or any other failure, announced to
 * screen readers. With `values`, field messages the form shows beside its fields are not repeated;
 * the others are listed here.
 */
export function ErrorAlert(props: {
  error: unknown;
  title?: string;
  values?: unknown;
  mapPath?: PathMap;
  /** False where the server's field names mean nothing to the reader: only the messages are listed. */
  withPaths?: boolean;
}) {
  const { t } = useTranslation();
  if (!props.error) return null;
  const message = isApiError(props.error) ? props.error.message : t('errors.unexpected');
  const { unplaced } = props.values === undefined ? { unplaced: [] } : splitFieldIssues(props.error, props.values, props.mapPath);
  const withPaths = props.withPaths ?? true;
  return (
    <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden="true" />} title={props.title}>
      {message}
      {unplaced.length > 0 ? (
        <List size="sm" mt="xs">
          {unplaced.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>
              {withPaths && issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
