import { ActionIcon, Button, Group, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api/enums';
import type { Organization } from '../../api/types';

export type MembershipRow = { key: string; organizationId: string; role: string };

let nextKey = 0;
export const newMembershipRow = (organizationId = '', role = ''): MembershipRow => ({
  key: `membership-${++nextKey}`,
  organizationId,
  role,
});

/** Checks for the form: each row needs an organization and a role. */
export function membershipValidation(t: (key: 'validation.chooseOne') => string) {
  return {
    organizationId: (value: string) => (value ? null : t('validation.chooseOne')),
    role: (value: string) => (value ? null : t('validation.chooseOne')),
  };
}

/** A user's memberships: several rows of organization + role. */
// biome-ignore lint/suspicious/noExplicitAny: works with any form that holds `memberships`
export function MembershipsEditor(props: { form: UseFormReturnType<any>; organizations: Organization[] }) {
  const { t } = useTranslation();
  const form = props.form as UseFormReturnType<{ memberships: MembershipRow[] }>;
  const rows = form.getValues().memberships;
  const organizations = props.organizations.map((o) => ({ value: o.id, label: o.name }));
  const roles = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
  return (
    <Stack gap="xs">
      <Text fw={600} id="memberships-label">
        {t('users.memberships')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('users.membershipsHint')}
      </Text>
      {rows.map((row, index) => (
        <Group
          key={row.key}
          align="flex-end"
          gap="xs"
          wrap="nowrap"
          role="group"
          aria-label={t('users.membershipNumber', { number: index + 1 })}
        >
          <Select
            label={t('users.organization')}
            data={organizations}
            searchable
            required
            allowDeselect={false}
            style={{ flex: 2 }}
            {...form.getInputProps(`memberships.${index}.organizationId`)}
          />
          <Select
            label={t('users.role')}
            data={roles}
            required
            allowDeselect={false}
            style={{ flex: 1 }}
            {...form.getInputProps(`memberships.${index}.role`)}
          />
          <ActionIcon
            variant="default"
            size="lg"
            mb={form.errors[`memberships.${index}.role`] || form.errors[`memberships.${index}.organizationId`] ? 22 : 1}
            disabled={rows.length === 1}
            onClick={() => form.removeListItem('memberships', index)}
            aria-label={t('users.removeMembership', { number: index + 1 })}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        </Group>
      ))}
      <Button
        variant="default"
        size="xs"
        w="fit-content"
        leftSection={<IconPlus size={14} aria-hidden="true" />}
        onClick={() => form.insertListItem('memberships', newMembershipRow())}
      >
        {t('users.addMembership')}
      </Button>
    </Stack>
  );
}

export function membershipsForApi(rows: MembershipRow[]) {
  return rows.map((row) => ({ organizationId: row.organizationId, role: row.role as (typeof ROLES)[number] }));
}
