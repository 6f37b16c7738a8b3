import { Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { tableScrollProps } from '../../components/table-scroll';
import { useFormat } from '../../i18n/use-format';
import { organizationsQueryOptions } from '../organizations/organizations-api';
import { apiTokensQueryOptions } from './admin-api';
import { CreateTokenForm } from './CreateTokenForm';
import { RevokeTokenForm } from './RevokeTokenForm';

type Dialog = { mode: 'create' } | { mode: 'revoke'; token: ApiToken } | null;

function tokenState(token: ApiToken): 'revoked' | 'expired' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return 'expired';
  return 'active';
}

/** Tokens for integrations (case management systems, labs, a SIEM); the secret is shown only once. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useQuery(apiTokensQueryOptions());
  const organizations = useQuery(organizationsQueryOptions());
  const names = new Map((organizations.data ?? []).map((o) => [o.id, o.name]));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const records = tokens.data ?? [];
  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ mode: 'create' })}>
            {t('tokens.create')}
          </Button>
        }
      >
        <Text c="dimmed">{t('tokens.intro')}</Text>
      </PageHeader>
      <ErrorAlert error={tokens.error} />
      <DataTable<ApiToken>
        scrollAreaProps={tableScrollProps(t('tokens.title'))}
        withTableBorder
        borderRadius="sm"
        striped
        records={records}
        fetching={tokens.isPending}
        noRecordsText={t('tokens.empty')}
        minHeight={records.length === 0 ? 160 : undefined}
        columns={[
          { accessor: 'name', title: t('tokens.name') },
          { accessor: 'prefix', title: t('tokens.prefix'), render: (token) => <Code>{token.prefix}</Code> },
          {
            accessor: 'organizationId',
            title: t('tokens.organization'),
            render: (token) => names.get(token.organizationId) ?? token.organizationId,
          },
          {
            accessor: 'scopes',
            title: t('tokens.scopes'),
            render: (token) => (
              <Stack gap={0}>
                {token.scopes.map((scope) => (
                  <Text size="sm" key={scope}>
                    {t(`scope.${scope}`)}
                  </Text>
                ))}
              </Stack>
            ),
          },
          { accessor: 'createdAt', title: t('tokens.created'), render: (token) => format.dateTime(token.createdAt) },
          {
            accessor: 'expiresAt',
            title: t('tokens.expires'),
            render: (token) => (token.expiresAt ? format.dateTime(token.expiresAt) : t('tokens.never')),
          },
          {
            accessor: 'lastUsedAt',
            title: t('tokens.lastUsed'),
            render: (token) => (token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('tokens.notUsed')),
          },
          {
            accessor: 'state',
            title: t('tokens.state'),
            render: (token) => {
              const state = tokenState(token);
              return (
                <Badge variant="dot" color={state === 'active' ? 'teal' : 'gray'} c="dark.9" tt="none">
                  {t(`tokens.states.${state}`)}
                </Badge>
              );
            },
          },
          {
            accessor: 'actions',
            title: t('common.actions'),
            render: (token) =>
              tokenState(token) === 'active' ? (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  onClick={() => setDialog({ mode: 'revoke', token })}
                  aria-label={t('tokens.revokeNamed', { name: token.name })}
                >
                  {t('tokens.revoke')}
                </Button>
              ) : null,
          },
        ]}
      />
      <AppModal
        opened={dialog !== null}
        onClose={close}
        title={dialog?.mode === 'revoke' ? t('tokens.revokeTitle') : t('tokens.createTitle')}
      >
        {dialog?.mode === 'create' ? <CreateTokenForm organizations={organizations.data ?? []} onDone={close} /> : null}
        {dialog?.mode === 'revoke' ? <RevokeTokenForm token={dialog.token} onDone={close} /> : null}
      </AppModal>
      <Group mt="md" />
    </>
  );
}
