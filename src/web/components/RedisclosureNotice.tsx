import { Alert, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { REDISCLOSURE_NOTICE } from '../../modules/consent/consent-wording';
import { currentLanguage } from '../i18n/i18n';

/** The §2.32 notice, where the page shows Part 2 records disclosed to the reader. */
export function RedisclosureNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      variant="light"
      color="grape"
      role="note"
      icon={<IconInfoCircle aria-hidden="true" />}
      title={t('timeline.noticeTitle')}
    >
      <Text size="sm">{REDISCLOSURE_NOTICE[currentLanguage()]}</Text>
    </Alert>
  );
}
