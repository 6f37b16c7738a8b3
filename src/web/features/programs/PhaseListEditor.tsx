import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Phase, PhaseInput } from '../../api/types';

/** One phase as the form holds it; `key` keeps React's rows stable while they move. */
export type PhaseRow = {
  key: string;
  id?: string;
  name: string;
  minDays: number | string;
  testsPerWeek: number | string;
  advancementCriteria: string;
};

let nextKey = 0;
const newKey = () => `phase-${++nextKey}`;

export function phaseRowsOf(phases: Phase[]): PhaseRow[] {
  if (phases.length === 0) return [{ key: newKey(), name: '', minDays: 30, testsPerWeek: 2, advancementCriteria: '' }];
  return phases.map((phase) => ({
    key: newKey(),
    id: phase.id,
    name: phase.name,
    minDays: phase.minDays,
    testsPerWeek: phase.testsPerWeek,
    advancementCriteria: phase.advancementCriteria,
  }));
}

export function phasesForApi(rows: PhaseRow[]): PhaseInput[] {
  return rows.map((row) => ({
    ...(row.id ? { id: row.id } : {}),
    name: row.name.trim(),
    minDays: Number(row.minDays) || 0,
    testsPerWeek: Number(row.testsPerWeek) || 2,
    advancementCriteria: row.advancementCriteria.trim(),
  }));
}

type FormWithPhases = UseFormReturnType<{ phases: PhaseRow[] } & Record<string, unknown>>;

/** The ordered phases of a program: add, edit, move up or down, remove (at least one stays). */
// biome-ignore lint/suspicious/noExplicitAny: works with any form that holds `phases`
export function PhaseListEditor(props: { form: UseFormReturnType<any> }) {
  const { t } = useTranslation();
  const form = props.form as FormWithPhases;
  const rows = form.getValues().phases;
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t('programs.phases')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('programs.phasesHint')}
      </Text>
      {rows.map((row, index) => {
        const number = index + 1;
        const headingId = `phase-row-${row.key}`;
        return (
          <Paper key={row.key} withBorder p="sm" component="section" aria-labelledby={headingId}>
            <Group justify="space-between" mb="xs">
              <Text fw={700} id={headingId}>
                {t('programs.phaseNumber', { number })}
              </Text>
              <Group gap={4}>
                <ActionIcon
                  variant="default"
                  disabled={index === 0}
                  onClick={() => form.reorderListItem('phases', { from: index, to: index - 1 })}
                  aria-label={t('programs.moveUp', { number })}
                >
                  <IconArrowUp size={16} aria-hidden="true" />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  disabled={index === rows.length - 1}
                  onClick={() => form.reorderListItem('phases', { from: index, to: index + 1 })}
                  aria-label={t('programs.moveDown', { number })}
                >
                  <IconArrowDown size={16} aria-hidden="true" />
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  color="red"
                  disabled={rows.length === 1}
                  onClick={() => form.removeListItem('phases', index)}
                  aria-label={t('programs.removePhase', { number })}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Group>
            </Group>
            <Group grow align="flex-start">
              <TextInput label={t('programs.phaseName')} required {...form.getInputProps(`phases.${index}.name`)} />
              <NumberInput
                label={t('programs.minDays')}
                min={0}
                max={3650}
                allowDecimal={false}
                {...form.getInputProps(`phases.${index}.minDays`)}
                maw={160}
              />
              <NumberInput
                label={t('programs.testsPerWeek')}
                description={t('programs.testsPerWeekHint')}
                min={0.25}
                max={7}
                step={0.5}
                decimalScale={2}
                {...form.getInputProps(`phases.${index}.testsPerWeek`)}
                maw={200}
              />
            </Group>
            <Textarea
              mt="xs"
              label={t('programs.criteria')}
              autosize
              minRows={2}
              {...form.getInputProps(`phases.${index}.advancementCriteria`)}
            />
          </Paper>
        );
      })}
      <Button
        variant="default"
        leftSection={<IconPlus size={16} aria-hidden="true" />}
        onClick={() =>
          form.insertListItem('phases', { key: newKey(), name: '', minDays: 30, testsPerWeek: 2, advancementCriteria: '' })
        }
        disabled={rows.length >= 12}
        w="fit-content"
      >
        {t('programs.addPhase')}
      </Button>
    </Stack>
  );
}
