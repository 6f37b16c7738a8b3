import { Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { PROGRAM_TRACKS } from '../../api/enums';
import type { Program, ProgramCreate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { PhaseListEditor, type PhaseRow, phaseRowsOf, phasesForApi } from './PhaseListEditor';
import { useCreateProgram, useUpdateProgram } from './programs-api';
import type { CourtOption } from './use-program-courts';

type Track = Program['track'];
type Values = {
  courtId: string;
  name: string;
  track: Track | '';
  description: string;
  active: boolean;
  useDefaultPhases: boolean;
  phases: PhaseRow[];
};

/** Creating a program (default phases, or the coordinator's own) or changing one and its phases. */
export function ProgramForm(props: { program?: Program; courts: CourtOption[]; onDone: () => void }) {
  const { t } = useTranslation();
  const editing = props.program;
  const create = useCreateProgram();
  const update = useUpdateProgram(editing?.id ?? '');
  const mutation = editing ? update : create;
  const form = useForm<Values>({
    initialValues: {
      courtId: editing?.courtId ?? (props.courts.length === 1 ? (props.courts[0]?.id ?? '') : ''),
      name: editing?.name ?? '',
      track: editing?.track ?? '',
      description: editing?.description ?? '',
      active: editing?.active ?? true,
      useDefaultPhases: !editing,
      phases: editing ? phaseRowsOf(editing.phases) : [],
    },
    validate: {
      courtId: (value) => (editing || value ? null : t('validation.chooseOne')),
      name: (value) => (value.trim().length >= 2 ? null : t('validation.minLength', { count: 2 })),
      track: (value) => (value ? null : t('validation.chooseOne')),
      phases: {
        name: (value, values) => (values.useDefaultPhases || value.trim() ? null : t('validation.required')),
      },
    },
  });
  const values = form.getValues();
  const onSuccess = () => {
    notifySuccess(t('programs.saved'));
    props.onDone();
  };
  const submit = form.onSubmit((v) => {
    if (!v.track) return;
    if (editing) {
      update.mutate(
        {
          name: v.name.trim(),
          track: v.track,
          description: v.description.trim(),
          active: v.active,
          phases: phasesForApi(v.phases),
        },
        { onSuccess, onError: (error) => applyServerErrors(form, error) },
      );
    } else {
      const body: ProgramCreate = { courtId: v.courtId, name: v.name.trim(), track: v.track, description: v.description.trim() };
      if (!v.useDefaultPhases) body.phases = phasesForApi(v.phases);
      create.mutate(body, { onSuccess, onError: (error) => applyServerErrors(form, error) });
    }
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {editing ? null : (
          <Select
            label={t('programs.court')}
            data={props.courts.map((court) => ({ value: court.id, label: court.name }))}
            required
            allowDeselect={false}
            {...form.getInputProps('courtId')}
          />
        )}
        <TextInput label={t('programs.name')} required {...form.getInputProps('name')} />
        <Select
          label={t('programs.track')}
          data={PROGRAM_TRACKS.map((track) => ({ value: track, label: t(`track.${track}`) }))}
          required
          allowDeselect={false}
          {...form.getInputProps('track')}
        />
        <Textarea label={t('programs.description')} autosize minRows={2} {...form.getInputProps('description')} />
        {editing ? (
          <Switch
            label={t('programs.acceptsEnrollments')}
            description={t('programs.acceptsEnrollmentsHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        ) : (
          <Switch
            label={t('programs.useDefaultPhases')}
            description={t('programs.useDefaultPhasesHint')}
            {...form.getInputProps('useDefaultPhases', { type: 'checkbox' })}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              form.setFieldValue('useDefaultPhases', checked);
              if (!checked && form.getValues().phases.length === 0) {
                form.setFieldValue('phases', phaseRowsOf([]));
              }
            }}
          />
        )}
        {editing || !values.useDefaultPhases ? <PhaseListEditor form={form} /> : null}
        <ErrorAlert error={mutation.error} values={values} />
        <FormActions
          submitLabel={editing ? t('common.save') : t('programs.createSubmit')}
          pending={mutation.isPending}
          onCancel={props.onDone}
        />
      </Stack>
    </form>
  );
}
