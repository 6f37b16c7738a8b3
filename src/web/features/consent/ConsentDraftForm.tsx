import { Divider, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONSENT_KINDS, DATA_CLASSES, PURPOSES, TEAM_ROLES } from '../../api/enums';
import type {
  Consent,
  ConsentDraftInput,
  ConsentKind,
  ConsentTemplate,
  DataClass,
  Enrollment,
  Locale,
  Participant,
  Purpose,
  TeamRole,
} from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { applyServerErrors } from '../../components/server-errors';
import { addMonths, endOfLocalDay, localDay, startOfLocalDay, todayLocal } from '../../i18n/format';
import { templatesQueryOptions, useCreateConsent, useUpdateConsent } from './consent-api';

const DRAFT_PATHS: Record<string, string> = {
  expiresAt: 'expiresOn',
  revocableAfterAt: 'revocableAfterOn',
  'recipients.roles': 'recipientRoles',
};
const mapPath = (path: string) => DRAFT_PATHS[path] ?? path;

type Values = {
  enrollmentId: string;
  templateId: string;
  kind: ConsentKind;
  disclosingOrgIds: string[];
  recipientRoles: TeamRole[];
  recipientUserIds: string[];
  allowedClasses: DataClass[];
  excludedClasses: DataClass[];
  purposes: Purpose[];
  description: string;
  effectiveFrom: string;
  expiresOn: string;
  expiryEvent: string;
  revocableAfterOn: string;
  revocableAfterEvent: string;
  recordsFrom: string;
  recordsTo: string;
  language: Locale;
};

const day = (instant: string | null) => (instant ? localDay(instant) : '');
const startOfDay = startOfLocalDay;
const endOfDay = endOfLocalDay;

function fromConsent(c: Consent): Values {
  return {
    enrollmentId: c.enrollmentId,
    templateId: c.templateId ?? '',
    kind: c.kind,
    disclosingOrgIds: c.disclosingOrgs.map((o) => o.id),
    recipientRoles: c.recipientRoles,
    recipientUserIds: c.recipientUsers.map((u) => u.id),
    allowedClasses: c.allowedClasses,
    excludedClasses: c.excludedClasses,
    purposes: c.purposes,
    description: c.description,
    effectiveFrom: day(c.effectiveFrom),
    expiresOn: day(c.expiresAt),
    expiryEvent: c.expiryEvent ?? '',
    revocableAfterOn: day(c.revocableAfterAt),
    revocableAfterEvent: c.revocableAfterEvent ?? '',
    recordsFrom: day(c.recordsFrom),
    recordsTo: day(c.recordsTo),
    language: c.language,
  };
}

function fromTemplate(values: Values, template: ConsentTemplate): Values {
  return {
    ...values,
    templateId: template.id,
    kind: template.kind,
    disclosingOrgIds: template.disclosingOrgIds,
    recipientRoles: template.recipientRoles,
    allowedClasses: template.allowedClasses,
    excludedClasses: template.excludedClasses,
    purposes: template.purposes,
    description: values.language === 'es' ? template.descriptionEs : template.descriptionEn,
    expiresOn: template.durationMonths ? addMonths(todayLocal(), template.durationMonths) : '',
    expiryEvent: template.expiryEvent ?? '',
    revocableAfterEvent: template.revocableAfterEvent ?? '',
  };
}

function toInput(v: Values): ConsentDraftInput {
  return {
    kind: v.kind,
    disclosingOrgIds: v.disclosingOrgIds,
    recipientRoles: v.recipientRoles,
    recipientUserIds: v.recipientUserIds,
    allowedClasses: v.allowedClasses,
    excludedClasses: v.excludedClasses,
    purposes: v.purposes,
    description: v.description.trim(),
    effectiveFrom: v.effectiveFrom ? startOfDay(v.effectiveFrom) : undefined,
    expiresAt: v.expiresOn ? endOfDay(v.expiresOn) : null,
    expiryEvent: v.expiryEvent.trim() || null,
    revocableAfterAt: v.revocableAfterOn ? startOfDay(v.revocableAfterOn) : null,
    revocableAfterEvent: v.revocableAfterEvent.trim() || null,
    recordsFrom: v.recordsFrom ? startOfDay(v.recordsFrom) : null,
    recordsTo: v.recordsTo ? endOfDay(v.recordsTo) : null,
    language: v.language,
  };
}

/** The people and organizations on the participant's case teams, for the recipient and disclosing-program lists. */
function teamOptions(enrollments: Enrollment[]) {
  const members = enrollments.flatMap((e) => e.team.filter((m) => m.endedOn === null));
  const people = new Map(members.map((m) => [m.userId, m]));
  const orgs = new Map(members.map((m) => [m.organizationId, m.organizationName]));
  return { people: [...people.values()], orgs };
}

/**
 * A draft consent: created from one of the program's standard consents (the template fills the
 * scope, which staff can adjust) or built by hand, and edited until it is signed.
 */
export function ConsentDraftForm(props: { participant: Participant; consent?: Consent; onDone: () => void }) {
  const { t } = useTranslation();
  const editing = props.consent;
  const enrollments = props.participant.enrollments;
  const initialLanguage: Locale = props.participant.language === 'es' ? 'es' : 'en';
  const form = useForm<Values>({
    initialValues: editing
      ? fromConsent(editing)
      : {
          enrollmentId: enrollments[0]?.id ?? '',
          templateId: '',
          kind: 'criminal_justice',
          disclosingOrgIds: [],
          recipientRoles: [],
          recipientUserIds: [],
          allowedClasses: [],
          excludedClasses: [],
          purposes: [],
          description: '',
          effectiveFrom: '',
          expiresOn: '',
          expiryEvent: '',
          revocableAfterOn: '',
          revocableAfterEvent: '',
          recordsFrom: '',
          recordsTo: '',
          language: initialLanguage,
        },
    validate: {
      allowedClasses: (value) => (value.length > 0 ? null : t('consent.form.allowedRequired')),
      purposes: (value) => (value.length > 0 ? null : t('consent.form.purposesRequired')),
    },
  });
  const values = form.getValues();
  const enrollment = enrollments.find((e) => e.id === values.enrollmentId) ?? enrollments[0];
  const templates = useQuery({ ...templatesQueryOptions(enrollment?.programId ?? ''), enabled: !editing && !!enrollment });
  const create = useCreateConsent(props.participant.id);
  const update = useUpdateConsent(props.participant.id, editing?.id ?? '');
  const mutation = editing ? update : create;
  const { people, orgs } = teamOptions(enrollments);
  for (const org of editing?.disclosingOrgs ?? []) orgs.set(org.id, org.name);
  const peopleOptions = people.map((m) => ({ value: m.userId, label: `${m.displayName} (${t(`role.${m.role}`)})` }));
  for (const user of editing?.recipientUsers ?? [])
    if (!people.some((m) => m.userId === user.id)) peopleOptions.push({ value: user.id, label: user.displayName });
  const classOptions = DATA_CLASSES.map((c) => ({ value: c, label: t(`dataClass.${c}`) }));

  const submit = form.onSubmit((v) => {
    const input = toInput(v);
    const onSuccess = () => {
      notifySuccess(t('consent.form.saved'));
      props.onDone();
    };
    const onError = (error: unknown) => applyServerErrors(form, error, mapPath);
    if (editing) update.mutate(input, { onSuccess, onError });
    else
      create.mutate(
        { enrollmentId: v.enrollmentId, draft: { ...input, templateId: v.templateId || undefined } },
        { onSuccess, onError },
      );
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        {!editing && enrollments.length > 1 ? (
          <Select
            label={t('consent.form.case')}
            data={enrollments.map((e) => ({ value: e.id, label: `${e.programName} (${e.caseNumber})` }))}
            allowDeselect={false}
            {...form.getInputProps('enrollmentId')}
          />
        ) : null}
        {!editing ? (
          <Select
            label={t('consent.form.template')}
            description={t('consent.form.templateHint')}
            placeholder={t('consent.form.byHand')}
            data={(templates.data ?? []).filter((tpl) => tpl.active).map((tpl) => ({ value: tpl.id, label: tpl.name }))}
            clearable
            value={values.templateId || null}
            onChange={(id) => {
              const template = templates.data?.find((tpl) => tpl.id === id);
              form.setValues(template ? fromTemplate(form.getValues(), template) : { templateId: '' });
            }}
          />
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('consent.form.kind')}
            data={CONSENT_KINDS.map((k) => ({ value: k, label: t(`consentKind.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('consent.form.language')}
            data={[
              { value: 'en', label: t('language.en') },
              { value: 'es', label: t('language.es') },
            ]}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('consent.form.disclosingOrgs')}
          data={[...orgs].map(([id, name]) => ({ value: id, label: name }))}
          {...form.getInputProps('disclosingOrgIds')}
        />
        <Divider label={t('consent.form.recipients')} labelPosition="left" />
        <MultiSelect
          label={t('consent.form.recipientRoles')}
          description={t('consent.form.recipientRolesHint')}
          data={TEAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          {...form.getInputProps('recipientRoles')}
        />
        <MultiSelect
          label={t('consent.form.recipientUsers')}
          data={peopleOptions}
          searchable
          {...form.getInputProps('recipientUserIds')}
        />
        <Divider label={t('consent.form.information')} labelPosition="left" />
        <MultiSelect label={t('consent.form.allowed')} data={classOptions} required {...form.getInputProps('allowedClasses')} />
        <MultiSelect
          label={t('consent.form.excluded')}
          description={t('consent.form.excludedHint')}
          data={classOptions}
          {...form.getInputProps('excludedClasses')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('consent.form.recordsFrom')} type="date" {...form.getInputProps('recordsFrom')} />
          <TextInput label={t('consent.form.recordsTo')} type="date" {...form.getInputProps('recordsTo')} />
        </SimpleGrid>
        <Textarea
          label={t('consent.form.description')}
          description={t('consent.form.descriptionHint')}
          autosize
          minRows={3}
          maxLength={4000}
          lang={values.language}
          {...form.getInputProps('description')}
        />
        <MultiSelect
          label={t('consent.form.purposes')}
          data={PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
          required
          {...form.getInputProps('purposes')}
        />
        <Divider label={t('consent.form.duration')} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('consent.form.effectiveFrom')}
            description={t('consent.form.effectiveFromHint')}
            type="date"
            {...form.getInputProps('effectiveFrom')}
          />
          <TextInput label={t('consent.form.expiresOn')} type="date" {...form.getInputProps('expiresOn')} />
        </SimpleGrid>
        <TextInput
          label={t('consent.form.expiryEvent')}
          description={t('consent.form.expiryEventHint')}
          {...form.getInputProps('expiryEvent')}
        />
        {values.kind === 'criminal_justice' ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('consent.form.revocableAfterOn')} type="date" {...form.getInputProps('revocableAfterOn')} />
            <TextInput
              label={t('consent.form.revocableAfterEvent')}
              description={t('consent.form.revocableAfterEventHint')}
              {...form.getInputProps('revocableAfterEvent')}
            />
          </SimpleGrid>
        ) : null}
        <ErrorAlert error={mutation.error} values={values} mapPath={mapPath} withPaths={false} />
        <FormActions
          submitLabel={editing ? t('consent.form.saveDraft') : t('consent.form.create')}
          pending={mutation.isPending}
          onCancel={props.onDone}
        />
      </Stack>
    </form>
  );
}
