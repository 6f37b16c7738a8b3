import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { es } from './es';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'tandem.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this device before sign-in, if any. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
}

const CHOSEN_KEY = 'tandem.languageChosenBeforeSignIn';

/**
 * A language picked on the sign-in page (kept for this tab, across reloads) is saved to the account
 * at sign-in; otherwise the account's own language applies, whatever an earlier user of this device chose.
 */
export function markLanguageChosenBeforeSignIn(): void {
  try {
    window.sessionStorage.setItem(CHOSEN_KEY, '1');
  } catch {
    // Without storage the choice still applies to this page.
  }
}

export function takeLanguageChosenBeforeSignIn(): boolean {
  try {
    const chosen = window.sessionStorage.getItem(CHOSEN_KEY) === '1';
    window.sessionStorage.removeItem(CHOSEN_KEY);
    return chosen;
  } catch {
    return false;
  }
}

function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  for (const tag of preferred) {
    const base = tag.toLowerCase().slice(0, 2);
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  // One namespace; keys such as `scope.participants:read` contain a colon.
  nsSeparator: false,
  initAsync: false,
});

function setDocumentLanguage(language: string) {
  document.documentElement.lang = language;
}
setDocumentLanguage(i18n.language);
i18n.on('languageChanged', setDocumentLanguage);
