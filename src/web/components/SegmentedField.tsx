import { SegmentedControl, type SegmentedControlProps, Text } from '@mantine/core';

/**
 * A segmented choice with a visible label, grouped as a fieldset so assistive technology announces
 * the label with the options.
 */
export function SegmentedField(props: { label: string } & SegmentedControlProps) {
  const { label, ...control } = props;
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <Text component="legend" size="sm" fw={500} mb={4} p={0}>
        {label}
      </Text>
      <SegmentedControl {...control} />
    </fieldset>
  );
}
