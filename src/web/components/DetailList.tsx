import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type Detail = { label: string; value: ReactNode; key?: string };

/** Label–value pairs as a description list, in columns on wide screens. */
export function DetailList(props: { items: Detail[]; cols?: number }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: props.cols ?? 3 }} spacing="md" verticalSpacing="sm" m={0}>
      {props.items.map((item) => (
        <div key={item.key ?? item.label}>
          <Text component="dt" size="sm" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Text component="dd" m={0}>
            {item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
