import type { TFunction } from 'i18next';
import type { Participant, ParticipantIdentityInput } from '../../api/types';

/** The identity part of a form, as the inputs hold it ('' for an empty field). */
export type IdentityValues = {
  firstName: string;
  lastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  language: string;
  raceEthnicity: string[];
  gender: string;
  phone: string;
  email: string;
  address: string;
};

const OPTIONAL_TEXT = ['preferredName', 'pronouns', 'dateOfBirth', 'gender', 'phone', 'email', 'address'] as const;

export function emptyIdentity(): IdentityValues {
  return {
    firstName: '',
    lastName: '',
    preferredName: '',
    pronouns: '',
    dateOfBirth: '',
    language: 'en',
    raceEthnicity: [],
    gender: '',
    phone: '',
    email: '',
    address: '',
  };
}

export function identityOf(participant: Participant): IdentityValues {
  return {
    firstName: participant.firstName,
    lastName: participant.lastName,
    preferredName: participant.preferredName ?? '',
    pronouns: participant.pronouns ?? '',
    dateOfBirth: participant.dateOfBirth ?? '',
    language: participant.language,
    raceEthnicity: participant.raceEthnicity,
    gender: participant.gender ?? '',
    phone: participant.phone ?? '',
    email: participant.email ?? '',
    address: participant.address ?? '',
  };
}

/** For enrolling: empty optional fields are left out. */
export function identityForCreate(values: IdentityValues): ParticipantIdentityInput {
  const identity: ParticipantIdentityInput = {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    language: values.language,
    raceEthnicity: values.raceEthnicity.map((item) => item.trim()).filter(Boolean),
  };
  for (const key of OPTIONAL_TEXT) {
    const value = values[key].trim();
    if (value) identity[key] = value;
  }
  return identity;
}

/** For correcting: only what changed; an emptied optional field becomes null. */
export function identityChanges(before: IdentityValues, after: IdentityValues): Partial<ParticipantIdentityInput> {
  const patch: Partial<ParticipantIdentityInput> = {};
  if (after.firstName.trim() !== before.firstName) patch.firstName = after.firstName.trim();
  if (after.lastName.trim() !== before.lastName) patch.lastName = after.lastName.trim();
  if (after.language !== before.language) patch.language = after.language;
  const race = after.raceEthnicity.map((item) => item.trim()).filter(Boolean);
  if (race.join('\u0000') !== before.raceEthnicity.join('\u0000')) patch.raceEthnicity = race;
  for (const key of OPTIONAL_TEXT) {
    const value = after[key].trim();
    if (value !== before[key]) patch[key] = value || null;
  }
  return patch;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks made before sending; the server checks everything again. */
export function identityValidation(t: TFunction) {
  return {
    firstName: (value: string) => (value.trim() ? null : t('validation.required')),
    lastName: (value: string) => (value.trim() ? null : t('validation.required')),
    email: (value: string) => (!value.trim() || EMAIL.test(value.trim()) ? null : t('validation.email')),
  };
}

/** Languages offered for a participant (BCP 47), named in the page's language by the browser. */
export const PARTICIPANT_LANGUAGES = ['en', 'es', 'pt', 'fr', 'ht', 'vi', 'zh', 'ar', 'ru', 'ko', 'tl', 'so', 'asl'] as const;

export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
