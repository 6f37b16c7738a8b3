import { createInstance, type TFunction } from 'i18next';
import { z } from 'zod';
import type { Locale } from '../../modules/users/users.schema.js';
import { en } from './messages.en.js';
import { es } from './messages.es.js';

const i18n = createInstance();
void i18n.init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

const translators: Record<Locale, TFunction> = { en: i18n.getFixedT('en'), es: i18n.getFixedT('es') };

/** The server's messages in one language. */
export function translator(locale: Locale): TFunction {
  return translators[locale];
}

/** Picks English or Spanish from an Accept-Language header (first supported language wins). */
export function localeFromHeader(header: string | undefined, fallback: Locale = 'en'): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number.parseFloat(q.split('=')[1] ?? '1') : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('es')) return 'es';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}

const zodLocales = { en: z.locales.en(), es: z.locales.es() };

/**
 * Zod's message for a validation issue in the person's language. Messages a schema wrote itself
 * (not Zod's default) are kept, translated through the server's messages when they are known.
 */
export function zodIssueMessage(issue: { code: string; message: string } & Record<string, unknown>, locale: Locale): string {
  const asIssue = issue as unknown as Parameters<typeof zodLocales.en.localeError>[0];
  const english = zodLocales.en.localeError(asIssue);
  const englishText = typeof english === 'string' ? english : english?.message;
  if (englishText !== issue.message) return customMessages[locale][issue.message] ?? issue.message;
  const localized = zodLocales[locale].localeError(asIssue);
  return (typeof localized === 'string' ? localized : localized?.message) ?? issue.message;
}

/** Messages written into schemas, with their translations. */
const customMessages: Record<Locale, Record<string, string>> = {
  en: {},
  es: {
    'Use at least 12 characters.': 'Use al menos 12 caracteres.',
    'Enter the 6-digit code.': 'Escriba el código de 6 dígitos.',
    'Nothing to change.': 'No hay nada que cambiar.',
    'Change at least one thing.': 'Cambie al menos una cosa.',
    'Describe the indicator in at least one language.': 'Describa el indicador en al menos un idioma.',
    'Give the quadrant the triage tool reported.': 'Indique el cuadrante que dio la herramienta de triaje.',
    'Unknown time zone': 'Zona horaria desconocida.',
    'Choose the export format: pdf or csv.': 'Elija el formato de exportación: pdf o csv.',
    'The only purpose that can be asked for is legal_proceedings.':
      'El único propósito que se puede indicar es legal_proceedings.',
    'Give a team member (userId) or a role, not both.': 'Indique un miembro del equipo (userId) o una función, no ambos.',
    'The end date is before the start date.': 'La fecha de fin es anterior a la de inicio.',
    'Say whether the collection was observed.': 'Indique si la toma de muestra fue observada.',
    'Only a rescheduled event gets a new time.': 'Solo un evento reprogramado recibe una nueva hora.',
    'A result mapping names its analyte; other mappings do not.':
      'Una correspondencia de resultado indica su analito; las demás no.',
    'Use lower-case letters, digits and underscores.': 'Use minúsculas, dígitos y guiones bajos.',
    'Give the hours as a number.': 'Indique las horas como un número.',
    'A deadline is at least 1 hour after notice.': 'Un plazo es de al menos 1 hora después del aviso.',
    'A deadline is at most 72 hours after notice.': 'Un plazo es de como máximo 72 horas después del aviso.',
    'Word the condition in at least one language.': 'Redacte la condición en al menos un idioma.',
  },
};
