import { Anchor, FileInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/api-error';
import { apiUrl } from '../../api/client';
import type { Consent, ConsentSign } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { notifySuccess } from '../../components/notify';
import { SegmentedField } from '../../components/SegmentedField';
import { applyServerErrors } from '../../components/server-errors';
import { instantOfDay, todayLocal } from '../../i18n/format';
import { useSignConsent } from './consent-api';
import { SignaturePad } from './SignaturePad';

const MAX_COPY_BYTES = 5_000_000;
const COPY_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const SIGN_PATHS: Record<string, string> = {
  signatureImage: 'signature',
  signedCopy: 'copy',
  signedAt: 'signedOn',
  'signers.0.name': 'participantName',
  'signers.1.name': 'guardianName',
};
const mapPath = (path: string) => SIGN_PATHS[path] ?? path;
const SIGN_FIELDS = new Set(Object.values(SIGN_PATHS));

type Values = {
  method: 'on_screen' | 'paper';
  participantName: string;
  guardianName: string;
  signature: string | null;
  copy: File | null;
  signedOn: string;
};

/**
 * Signing a draft: the participant (and a guardian, if any) sign on screen, or staff upload the
 * signed paper copy. The staff member recording it is the witness. Once signed, the consent is
 * rendered, fingerprinted and can no longer change.
 */
export function SignConsentForm(props: { consent: Consent; participantName: string; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      method: 'on_screen',
      participantName: props.participantName,
      guardianName: '',
      signature: null,
      copy: null,
      signedOn: '',
    },
    validate: {
      participantName: (value) => (value.trim() ? null : t('validation.required')),
      signature: (value, values) => (values.method === 'on_screen' && !value ? t('consent.sign.signatureRequired') : null),
      copy: (value, values) => {
        if (values.method !== 'paper') return null;
        if (!value) return t('consent.sign.copyRequired');
        if (!(COPY_TYPES as readonly string[]).includes(value.type)) return t('consent.sign.copyType');
        return value.size > MAX_COPY_BYTES ? t('consent.sign.copyTooLarge') : null;
      },
    },
  });
  const sign = useSignConsent(props.consent.participantId, props.consent.id);
  const values = form.getValues();
  const submit = form.onSubmit(async (v) => {
    const method = v.method;
    const signers: ConsentSign['signers'] = [{ role: 'participant', name: v.participantName.trim(), method }];
    if (v.guardianName.trim()) signers.push({ role: 'guardian', name: v.guardianName.trim(), method });
    const body: ConsentSign = { signers };
    if (method === 'on_screen' && v.signature) body.signatureImage = v.signature;
    if (method === 'paper' && v.copy) {
      body.signedCopy = { contentType: v.copy.type as (typeof COPY_TYPES)[number], data: await base64Of(v.copy) };
      if (v.signedOn) body.signedAt = instantOfDay(v.signedOn);
    }
    sign.mutate(body, {
      onSuccess: () => {
        notifySuccess(t('consent.sign.saved'));
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error, mapPath),
    });
  });
  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('consent.sign.intro')}</Text>
        <Anchor href={apiUrl(`/v1/consents/${props.consent.id}/document`)} target="_blank" rel="noopener">
          <IconFileTypePdf size={16} aria-hidden="true" style={{ verticalAlign: 'text-bottom' }} /> {t('consent.sign.review')}
        </Anchor>
        <SegmentedField
          label={t('consent.sign.method')}
          data={[
            { value: 'on_screen', label: t('consent.sign.onScreen') },
            { value: 'paper', label: t('consent.sign.paper') },
          ]}
          {...form.getInputProps('method')}
          onChange={(value) => {
            form.setFieldValue('method', value as Values['method']);
            // The pad starts empty each time it is shown: what was drawn before is not sent.
            form.setFieldValue('signature', null);
          }}
        />
        <TextInput label={t('consent.sign.participantName')} required {...form.getInputProps('participantName')} />
        <TextInput
          label={t('consent.sign.guardianName')}
          description={t('consent.sign.guardianHint')}
          {...form.getInputProps('guardianName')}
        />
        {values.method === 'on_screen' ? (
          <SignaturePad
            onChange={(png) => form.setFieldValue('signature', png)}
            error={form.errors.signature as string | undefined}
          />
        ) : (
          <>
            <FileInput
              label={t('consent.sign.copy')}
              description={t('consent.sign.copyHint')}
              accept={COPY_TYPES.join(',')}
              required
              clearable
              {...form.getInputProps('copy')}
            />
            <TextInput
              label={t('consent.sign.signedOn')}
              description={t('consent.sign.signedOnHint')}
              type="date"
              max={todayLocal()}
              {...form.getInputProps('signedOn')}
            />
          </>
        )}
        <Text size="sm" c="dimmed">
          {t('consent.sign.witness')}
        </Text>
        <ErrorAlert error={sign.error} values={values} mapPath={mapPath} withPaths={false} />
        {isApiError(sign.error) && sign.error.fields.some((f) => !SIGN_FIELDS.has(mapPath(f.path))) ? (
          <Text size="sm">{t('consent.sign.fixInDraft')}</Text>
        ) : null}
        <FormActions submitLabel={t('consent.sign.submit')} pending={sign.isPending} onCancel={props.onDone} />
      </Stack>
    </form>
  );
}
