import { Button, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Enrollment, TeamMember } from '../../api/types';
import { AppModal } from '../../components/AppModal';
import { useFormat } from '../../i18n/use-format';
import { AddTeamMemberForm } from './AddTeamMemberForm';
import { EndAssignmentForm } from './EndAssignmentForm';

/** The people serving on this case, current first; coordinators add and end assignments. */
export function CaseTeam(props: { enrollment: Enrollment; canManage: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TeamMember | null>(null);
  const members = [...props.enrollment.team].sort((a, b) => Number(a.endedOn !== null) - Number(b.endedOn !== null));
  const headingId = `team-${props.enrollment.id}`;
  return (
    <div>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {t('team.heading')}
        </Title>
        {props.canManage ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconUserPlus size={14} aria-hidden="true" />}
            onClick={() => setAdding(true)}
          >
            {t('team.add')}
          </Button>
        ) : null}
      </Group>
      {members.length === 0 ? (
        <Text c="dimmed">{t('team.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-labelledby={headingId} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('team.role')}</Table.Th>
                <Table.Th scope="col">{t('team.person')}</Table.Th>
                <Table.Th scope="col">{t('team.organization')}</Table.Th>
                <Table.Th scope="col">{t('team.since')}</Table.Th>
                {props.canManage ? (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>{t(`role.${member.role}`)}</Table.Td>
                  <Table.Td>{member.displayName}</Table.Td>
                  <Table.Td>{member.organizationName}</Table.Td>
                  <Table.Td>
                    {format.date(member.assignedOn)}
                    {member.endedOn ? (
                      <Text size="sm" c="dimmed">
                        {t('team.endedOn', { date: format.date(member.endedOn) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  {props.canManage ? (
                    <Table.Td>
                      {member.endedOn ? null : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setEnding(member)}
                          aria-label={t('team.endFor', { name: member.displayName, role: t(`role.${member.role}`) })}
                        >
                          {t('team.end')}
                        </Button>
                      )}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AppModal opened={adding} onClose={() => setAdding(false)} title={t('team.addTitle')}>
        <AddTeamMemberForm enrollment={props.enrollment} onDone={() => setAdding(false)} />
      </AppModal>
      <AppModal opened={ending !== null} onClose={() => setEnding(null)} title={t('team.endTitle')}>
        {ending ? <EndAssignmentForm enrollment={props.enrollment} member={ending} onDone={() => setEnding(null)} /> : null}
      </AppModal>
    </div>
  );
}
