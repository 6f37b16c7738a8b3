import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A dialog with a translated close button label. Its content mounts fresh each time it opens. */
export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal size="lg" closeButtonProps={{ 'aria-label': t('common.close') }} {...props} />;
}
