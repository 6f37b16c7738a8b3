import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n/i18n';

function show(color: string, message: string) {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}

/** A short confirmation that something was saved. */
export function notifySuccess(message: string): void {
  show('teal', message);
}

export function notifyError(message: string): void {
  show('red', message);
}
