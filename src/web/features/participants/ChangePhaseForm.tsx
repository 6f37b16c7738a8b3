import { Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Enrollment } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { LoadingState } from '../../components/LoadingState';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { todayLocal } from '../../i18n/format';
import { programQueryOptions } from '../programs/programs-api';
import { useChangePhase } from './participants-api';
import { ReasonFields } from './ReasonFields';

/** Moving to another phase of the program, with a reason; the current phase's criteria are shown. */
export function ChangePhaseForm(props: { enrollment: Enrollment; onDone: () => void }) {
  const { t } = useTranslation();
  const e = props.enrollment;
  const program = useQuery(programQueryOptions(e.programId));
  const form = useForm({
    initialValues: { phaseId: '', reason: '', effectiveOn: todayLocal() },
    validate: {
      phaseId: (value) => (value ? null : t('validation.chooseOne')),
      reason: (value) => (value.trim().length >= 3 ? null : t('validation.reasonLength')),
    },
  });
  const change = useChangePhase(e.id);
  if (program.isPending) return <LoadingState />;
  if (program.isError) return <ErrorAlert error={program.error} />;
  const phases = program.data.phases;
  const current = phases.find((phase) => phase.id === e.phase?.id);
  const options = phases.map((phase) => ({
    value: phase.id,
    label:
      phase.id === e.phase?.id
        ? t('phase.optionCurrent', { position: phase.position, name: phase.name })
        : t('phase.option', { position: phase.position, name: phase.name }),
    disabled: phase.id === e.phase?.id,
  }));
  const submit = form.onSubmit((values) =>
    change.mutate(
      { phaseId: values.phaseId, reason: values.reason.trim(), effectiveOn: values.effectiveOn || undefined },
      {
        onSuccess: () => {
          notifySuccess(t('enrollment.phaseSaved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {current ? (
          <div>
            <Text size="sm" fw={600}>
              {t('phase.currentCriteria', { name: current.name })}
            </Text>
            <Text size="sm">{current.advancementCriteria || t('programs.noCriteria')}</Text>
          </div>
        ) : null}
        <Select
          label={t('enrollment.newPhase')}
          data={options}
          required
          allowDeselect={false}
          {...form.getInputProps('phaseId')}
        />
        <ReasonFields reason={form.getInputProps('reason')} effectiveOn={form.getInputProps('effectiveOn')} />
        <ErrorAlert error={change.error} values={form.getValues()} />
        <FormActions submitLabel={t('enrollment.savePhase')} pending={change.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
