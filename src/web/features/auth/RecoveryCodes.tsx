import { Alert, Button, Checkbox, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once; the person confirms they stored them before going on. */
export function RecoveryCodes(props: { codes: string[]; onDone: () => void; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  return (
    <Stack gap="sm">
      <Title order={props.headingLevel ?? 2} size="h3">
        {t('mfa.recoveryTitle')}
      </Title>
      <Alert color="yellow" variant="light">
        {t('mfa.recoveryInstructions')}
      </Alert>
      <ul className="recovery-codes" aria-label={t('mfa.recoveryListLabel')}>
        {props.codes.map((code) => (
          <li key={code}>
            <Text ff="monospace" size="md">
              {code}
            </Text>
          </li>
        ))}
      </ul>
      <Group>
        <CopyButton value={props.codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />}
            >
              {copied ? t('common.copied') : t('mfa.copyCodes')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Checkbox label={t('mfa.recoveryStored')} checked={stored} onChange={(event) => setStored(event.currentTarget.checked)} />
      <Button onClick={props.onDone} disabled={!stored} w="fit-content">
        {t('common.continue')}
      </Button>
    </Stack>
  );
}
