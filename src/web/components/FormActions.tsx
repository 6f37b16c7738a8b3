import { Button, type ButtonProps, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The foot of a form in a dialog: Cancel, then the submit button (busy while the request runs). */
export function FormActions(props: {
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  submitColor?: ButtonProps['color'];
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={props.pending} color={props.submitColor}>
        {props.submitLabel}
      </Button>
    </Group>
  );
}
