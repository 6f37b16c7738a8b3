import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api/enums';
import type { Role, User } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { tableScrollProps } from '../../components/table-scroll';
import { useFormat } from '../../i18n/use-format';
import { organizationsQueryOptions } from '../organizations/organizations-api';
import { CreateUserForm } from './CreateUserForm';
import { EditUser } from './EditUser';
import { type UserFilters, usersQueryOptions } from './users-api';

const ALL = 'all';

type Dialog = { mode: 'create' } | { mode: 'edit'; userId: string } | null;

/** The people who use Tandem, their roles in each organization, and their account state. */
export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<'active' | 'disabled' | null>(null);
  const filters: UserFilters = {
    ...(q ? { q } : {}),
    ...(organizationId ? { organizationId } : {}),
    ...(role ? { role } : {}),
    ...(status ? { status } : {}),
  };
  const users = useQuery({ ...usersQueryOptions(filters), placeholderData: keepPreviousData });
  const organizations = useQuery(organizationsQueryOptions());
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const records = users.data ?? [];
  const editing = dialog?.mode === 'edit' ? records.find((u) => u.id === dialog.userId) : undefined;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => setDialog({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        }
      />
      <Stack gap="md">
        <Group align="flex-end" gap="md">
          <TextInput
            label={t('users.search')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            type="search"
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            w={{ base: '100%', sm: 240 }}
          />
          <Select
            label={t('users.organization')}
            data={[
              { value: ALL, label: t('users.allOrganizations') },
              ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={organizationId ?? ALL}
            onChange={(value) => setOrganizationId(value && value !== ALL ? value : null)}
            allowDeselect={false}
            searchable
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('users.role')}
            data={[{ value: ALL, label: t('users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
            value={role ?? ALL}
            onChange={(value) => setRole(value && value !== ALL ? (value as Role) : null)}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
          />
          <Select
            label={t('users.status')}
            data={[
              { value: ALL, label: t('users.allStatuses') },
              { value: 'active', label: t('users.statusActive') },
              { value: 'disabled', label: t('users.statusDisabled') },
            ]}
            value={status ?? ALL}
            onChange={(value) => setStatus(value === 'active' || value === 'disabled' ? value : null)}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
        </Group>
        <Text fw={600} aria-live="polite">
          {users.data ? t('users.count', { count: records.length }) : '\u00a0'}
        </Text>
        <ErrorAlert error={users.error} />
        <DataTable<User>
          scrollAreaProps={tableScrollProps(t('users.title'))}
          withTableBorder
          borderRadius="sm"
          striped
          records={records}
          fetching={users.isFetching}
          noRecordsText={t('users.empty')}
          minHeight={records.length === 0 ? 160 : undefined}
          columns={[
            {
              accessor: 'displayName',
              title: t('users.name'),
              render: (u) => (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  px={0}
                  onClick={() => setDialog({ mode: 'edit', userId: u.id })}
                  aria-label={t('users.editNamed', { name: u.displayName })}
                >
                  {u.displayName}
                </Button>
              ),
            },
            { accessor: 'email', title: t('users.email') },
            {
              accessor: 'memberships',
              title: t('users.roles'),
              render: (u) => (
                <Stack gap={0}>
                  {u.memberships.map((m) => (
                    <Text size="sm" key={`${m.organizationId}:${m.role}`}>
                      {t('users.membershipText', { role: t(`role.${m.role}`), organization: m.organizationName })}
                    </Text>
                  ))}
                </Stack>
              ),
            },
            {
              accessor: 'status',
              title: t('users.status'),
              render: (u) => (
                <Group gap={4}>
                  <Badge variant="dot" color={u.status === 'active' ? 'teal' : 'gray'} c="dark.9" tt="none">
                    {u.status === 'active' ? t('users.statusActive') : t('users.statusDisabled')}
                  </Badge>
                  {u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                    <Badge variant="dot" color="red" c="dark.9" tt="none">
                      {t('users.locked')}
                    </Badge>
                  ) : null}
                </Group>
              ),
            },
            {
              accessor: 'mfaEnabled',
              title: t('users.twoStep'),
              render: (u) => (u.mfaEnabled ? t('common.on') : t('common.off')),
            },
            {
              accessor: 'lastSignInAt',
              title: t('users.lastSignIn'),
              render: (u) => (u.lastSignInAt ? format.dateTime(u.lastSignInAt) : t('users.never')),
            },
          ]}
        />
      </Stack>
      <AppModal
        opened={dialog !== null}
        onClose={close}
        size="xl"
        title={dialog?.mode === 'edit' ? t('users.editTitle', { name: editing?.displayName ?? '' }) : t('users.createTitle')}
      >
        {dialog?.mode === 'create' ? <CreateUserForm organizations={organizations.data ?? []} onDone={close} /> : null}
        {dialog?.mode === 'edit' && editing ? (
          <EditUser user={editing} organizations={organizations.data ?? []} onDone={close} />
        ) : null}
      </AppModal>
    </>
  );
}
