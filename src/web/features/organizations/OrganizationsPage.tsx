import { Badge, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { tableScrollProps } from '../../components/table-scroll';
import { OrganizationForm } from './OrganizationForm';
import { organizationsQueryOptions } from './organizations-api';

type Dialog = { mode: 'create' } | { mode: 'edit'; organization: Organization } | null;

/** The organizations of the deployment: courts and the partners that serve them. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const organizations = useQuery(organizationsQueryOptions());
  const [dialog, setDialog] = useState<Dialog>(null);
  const all = organizations.data ?? [];
  const names = new Map(all.map((o) => [o.id, o.name]));
  const close = () => setDialog(null);
  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ mode: 'create' })}>
            {t('organizations.create')}
          </Button>
        }
      />
      <ErrorAlert error={organizations.error} />
      <DataTable<Organization>
        scrollAreaProps={tableScrollProps(t('organizations.title'))}
        withTableBorder
        borderRadius="sm"
        striped
        records={all}
        fetching={organizations.isPending}
        noRecordsText={t('organizations.empty')}
        minHeight={all.length === 0 ? 160 : undefined}
        columns={[
          {
            accessor: 'name',
            title: t('organizations.name'),
            render: (o) => (
              <Button
                variant="subtle"
                size="compact-sm"
                px={0}
                onClick={() => setDialog({ mode: 'edit', organization: o })}
                aria-label={t('organizations.editNamed', { name: o.name })}
              >
                {o.name}
              </Button>
            ),
          },
          { accessor: 'kind', title: t('organizations.kind'), render: (o) => t(`orgKind.${o.kind}`) },
          {
            accessor: 'part2Program',
            title: t('organizations.part2'),
            render: (o) => (o.part2Program ? t('common.yes') : t('common.no')),
          },
          { accessor: 'timeZone', title: t('organizations.timeZone') },
          {
            accessor: 'partnerIds',
            title: t('organizations.partners'),
            render: (o) =>
              o.kind === 'court' ? (
                o.partnerIds.length > 0 ? (
                  <Text size="sm">{o.partnerIds.map((id) => names.get(id) ?? id).join(', ')}</Text>
                ) : (
                  t('organizations.noPartners')
                )
              ) : (
                '—'
              ),
          },
          {
            accessor: 'active',
            title: t('organizations.status'),
            render: (o) => (
              <Badge variant="dot" color={o.active ? 'teal' : 'gray'} c="dark.9" tt="none">
                {o.active ? t('common.active') : t('common.inactive')}
              </Badge>
            ),
          },
        ]}
      />
      <AppModal
        opened={dialog !== null}
        onClose={close}
        title={
          dialog?.mode === 'edit'
            ? t('organizations.editTitle', { name: dialog.organization.name })
            : t('organizations.createTitle')
        }
      >
        {dialog ? (
          <OrganizationForm organization={dialog.mode === 'edit' ? dialog.organization : undefined} all={all} onDone={close} />
        ) : null}
      </AppModal>
    </>
  );
}
