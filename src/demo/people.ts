import { base, en, en_US, es, es_MX, Faker } from '@faker-js/faker';
import type { PlannedParticipant } from './plan.js';

/** Seeded name sources: English-language and Spanish-language names. */
export function makeFakers(seed: number) {
  const english = new Faker({ locale: [en_US, en, base] });
  const spanish = new Faker({ locale: [es_MX, es, base] });
  english.seed(seed);
  spanish.seed(seed + 1);
  return { english, spanish };
}

const NICKNAMES = ['Sam', 'Jay', 'Lu', 'Dani', 'Bea', 'Nico', 'Mo', 'Cris', 'Toni', 'Alex', 'Rafa', 'Lupe', 'Chuy', 'Kat', 'Ty'];

/** Surname particles stay lower-case; every other word starts with a capital. */
function tidySurname(name: string): string {
  return name
    .split(' ')
    .map((word) =>
      ['de', 'del', 'la', 'las', 'los', 'y'].includes(word.toLowerCase())
        ? word.toLowerCase()
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join(' ');
}

/** A synthetic address on the reserved `.example` domain, matching the person's name. */
export function emailFor(firstName: string, lastName: string): string {
  const local = `${firstName}.${lastName}`
    .toLowerCase()
    .normalize('NFD')
    .replaceAll(/[^a-z.]/g, '');
  return `${local}@mail.example`;
}

const HISPANIC_RACE_ETHNICITY: string[][] = [
  ['Hispanic or Latino'],
  ['Hispanic or Latino', 'White'],
  ['Hispanic or Latino', 'American Indian or Alaska Native'],
];

const RACE_ETHNICITY: string[][] = [
  ['White'],
  ['White'],
  ['White'],
  ['Black or African American'],
  ['Black or African American'],
  ['Hispanic or Latino'],
  ['Hispanic or Latino', 'White'],
  ['American Indian or Alaska Native'],
  ['Asian'],
  ['Black or African American', 'White'],
  [],
];

/** A synthetic identity: name, date of birth, self-described demographics, contact. */
export function plannedIdentity(
  fakers: ReturnType<typeof makeFakers>,
  options: { today: string; spanishSpeaking: boolean },
): Omit<PlannedParticipant, 'id' | 'enrollment'> {
  const { english } = fakers;
  const namer = options.spanishSpeaking ? fakers.spanish : english;
  const sex = english.helpers.arrayElement(['female', 'male', 'male'] as const);
  const nonBinary = english.number.int({ min: 1, max: 40 }) === 1;
  const firstName = namer.person.firstName(sex);
  const lastName = tidySurname(namer.person.lastName());
  const age = english.number.int({ min: 19, max: 62 });
  const birthYear = Number(options.today.slice(0, 4)) - age;
  const dateOfBirth = `${birthYear}-${String(english.number.int({ min: 1, max: 12 })).padStart(2, '0')}-${String(english.number.int({ min: 1, max: 28 })).padStart(2, '0')}`;
  const raceEthnicity: string[] = [
    ...(options.spanishSpeaking
      ? english.helpers.arrayElement(HISPANIC_RACE_ETHNICITY)
      : english.helpers.arrayElement(RACE_ETHNICITY)),
  ];
  return {
    firstName,
    lastName,
    preferredName: english.number.int({ min: 1, max: 8 }) === 1 ? english.helpers.arrayElement(NICKNAMES) : null,
    dateOfBirth,
    pronouns: nonBinary ? 'they/them' : sex === 'female' ? 'she/her' : 'he/him',
    language: options.spanishSpeaking ? 'es' : 'en',
    raceEthnicity,
    gender: nonBinary ? 'Non-binary' : sex === 'female' ? 'Woman' : 'Man',
    // 555-0100 to 555-0199 are reserved for fiction.
    phone: `(${english.number.int({ min: 201, max: 989 })}) 555-01${english.number.int({ min: 0, max: 99 }).toString().padStart(2, '0')}`,
    email:
      english.number.int({ min: 1, max: 3 }) === 1
        ? null
        : `${firstName}.${lastName}`
            .toLowerCase()
            .normalize('NFD')
            .replaceAll(/[^a-z.]/g, '') + '@mail.example',
    address: `${english.number.int({ min: 10, max: 9999 })} ${english.location.street()}, Riverbend`,
  };
}
