import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiToken } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifySuccess } from '../../components/notify';
import { useRevokeApiToken } from './admin-api';

export function RevokeTokenForm(props: { token: ApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  return (
    <Stack gap="sm">
      <Text>{t('tokens.revokeConfirm', { name: props.token.name })}</Text>
      <ErrorAlert error={revoke.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          color="red.9"
          loading={revoke.isPending}
          onClick={() =>
            revoke.mutate(props.token.id, {
              onSuccess: () => {
                notifySuccess(t('tokens.revoked'));
                props.onDone();
              },
            })
          }
        >
          {t('tokens.revokeSubmit')}
        </Button>
      </Group>
    </Stack>
  );
}
