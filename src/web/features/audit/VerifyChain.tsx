import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/use-format';
import { useVerifyAuditChain } from './audit-api';

/** Recomputes the audit log's hash chain on the server and says whether any entry was altered or removed. */
export function VerifyChain() {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useVerifyAuditChain();
  const result = verify.data;
  return (
    <div>
      <Group>
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={16} aria-hidden="true" />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
        >
          {t('audit.verify')}
        </Button>
      </Group>
      <div aria-live="polite">
        {result ? (
          <Alert
            mt="sm"
            color={result.ok ? 'teal' : 'red'}
            variant="light"
            title={result.ok ? t('audit.chainOk') : t('audit.chainBroken')}
          >
            <Text size="sm">{t('audit.chainRows', { count: result.rows, rows: format.number(result.rows) })}</Text>
            {result.problems.length > 0 ? (
              <List size="sm" mt="xs">
                {result.problems.map((problem) => (
                  <List.Item key={`${problem.lane}:${problem.seq}`}>
                    {t('audit.problem', {
                      kind: t(`audit.problems.${problem.problem}`),
                      lane: problem.lane,
                      seq: problem.seq,
                      id: problem.id ?? '—',
                    })}
                  </List.Item>
                ))}
              </List>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={verify.error} />
    </div>
  );
}
