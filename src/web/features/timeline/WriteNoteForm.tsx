import { Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { NoteKind } from '../../../modules/notes/notes.schema';
import type { Enrollment } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { noteKindsFor } from './note-roles';
import { useWriteNote } from './timeline-api';

/**
 * A progress note or a counseling note by a member of the treatment team. The note is the
 * program's record: who else sees it is decided by the participant's consents, not by the author.
 */
export function WriteNoteForm(props: { participantId: string; enrollments: Enrollment[]; userId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const first = props.enrollments[0];
  const form = useForm({
    initialValues: { enrollmentId: first?.id ?? '', kind: 'clinical' as NoteKind, body: '', occurredAt: '' },
    validate: {
      body: (value) => (value.trim().length > 0 ? null : t('notes.bodyRequired')),
    },
  });
  const write = useWriteNote(props.participantId);
  const values = form.getValues();
  const enrollment = props.enrollments.find((e) => e.id === values.enrollmentId) ?? first;
  const kinds = enrollment ? noteKindsFor(enrollment, props.userId) : [];
  const submit = form.onSubmit((v) => {
    write.mutate(
      {
        enrollmentId: v.enrollmentId,
        note: {
          kind: v.kind,
          body: v.body.trim(),
          occurredAt: v.occurredAt ? new Date(v.occurredAt).toISOString() : undefined,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('notes.saved'));
          props.onDone();
        },
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {props.enrollments.length > 1 ? (
          <Select
            label={t('notes.case')}
            data={props.enrollments.map((e) => ({ value: e.id, label: `${e.programName} (${e.caseNumber})` }))}
            allowDeselect={false}
            {...form.getInputProps('enrollmentId')}
            onChange={(id) => {
              const next = props.enrollments.find((e) => e.id === id);
              form.setFieldValue('enrollmentId', id ?? '');
              // Keep the kind only if this case allows it.
              if (next && !noteKindsFor(next, props.userId).includes(form.getValues().kind))
                form.setFieldValue('kind', 'clinical');
            }}
          />
        ) : null}
        <Select
          label={t('notes.kind')}
          description={t('notes.kindHint')}
          data={kinds.map((kind) => ({ value: kind, label: t(`notes.kinds.${kind}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <Textarea label={t('notes.body')} required autosize minRows={6} maxRows={16} {...form.getInputProps('body')} />
        <TextInput
          label={t('notes.occurredAt')}
          description={t('notes.occurredAtHint')}
          type="datetime-local"
          {...form.getInputProps('occurredAt')}
        />
        <ErrorAlert error={write.error} values={values} />
        <FormActions submitLabel={t('notes.save')} pending={write.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
