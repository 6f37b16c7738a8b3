import { Group, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title for the page. */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const product = t('common.appName');
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}

/** The page's one h1, its tab title, and the page's main actions beside it. */
export function PageHeader(props: { title: string; actions?: ReactNode; children?: ReactNode }) {
  usePageTitle(props.title);
  return (
    <Group justify="space-between" align="flex-start" mb="md" gap="sm">
      <div>
        <Title order={1} size="h2">
          {props.title}
        </Title>
        {props.children}
      </div>
      {props.actions ? <Group gap="xs">{props.actions}</Group> : null}
    </Group>
  );
}
