import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber, localDay } from './format';

/** Date and number formatting in the page's current language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    language,
    date: (value: string | null | undefined) => formatDate(value, language),
    dateTime: (value: string | null | undefined) => formatDateTime(value, language),
    /** The day a moment falls on here, as a date. */
    day: (instant: string | null | undefined) => (instant ? formatDate(localDay(instant), language) : ''),
    number: (value: number) => formatNumber(value, language),
  };
}
