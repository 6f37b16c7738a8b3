import type { TFunction } from 'i18next';

export function participantsText(t: TFunction, count: number): string {
  return t('caseload.total', { count });
}
