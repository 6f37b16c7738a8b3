import type { Faker } from '@faker-js/faker';
import type { PlannedConsent, PlannedNote, PlannedParticipant, PlannedScope, PlannedTemplate } from './plan.js';

/*
 * Consents and treatment notes for synthetic participants. Most participants signed the court's
 * standard §2.35 consent and a consent letting their defense attorney see attendance and test
 * results; some have an expired one, some revoked it for one recipient once they could, and some
 * refused (the court then sees only its own records).
 */

export type ConsentVariant = 'standard' | 'expired' | 'partly_revoked' | 'refused' | 'anthony';

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The court's standard consents for a program: §2.35 to the monitoring team, and one to the defense. */
export function standardScopes(providerId: string): { justice: PlannedScope; defense: PlannedScope } {
  return {
    justice: {
      kind: 'criminal_justice',
      disclosingOrgIds: [providerId],
      recipientRoles: ['judge', 'coordinator', 'probation_officer', 'prosecutor'],
      allowedClasses: ['attendance', 'test_result', 'moud_enrollment', 'phase_progress'],
      excludedClasses: ['clinical_note', 'counseling_note', 'diagnosis', 'medication'],
      purposes: ['court_monitoring', 'supervision'],
      expiryEvent: 'Final disposition of the criminal case',
      revocableAfterEvent: 'Final disposition of the criminal case',
    },
    defense: {
      kind: 'general',
      disclosingOrgIds: [providerId],
      recipientRoles: ['defense_attorney'],
      allowedClasses: ['attendance', 'test_result', 'moud_enrollment'],
      excludedClasses: ['clinical_note', 'counseling_note', 'diagnosis'],
      purposes: ['legal_representation'],
      expiryEvent: 'End of my participation in the treatment court',
      revocableAfterEvent: null,
    },
  };
}

export const SCOPE_TEXT = {
  justice: {
    en: 'Whether I attend treatment, my drug and alcohol test results, whether I take medication for opioid use disorder (yes or no), and my phase in the program — so the court team can follow my progress. Not my counselor’s notes, diagnoses or medications.',
    es: 'Si asisto al tratamiento, mis resultados de pruebas de drogas y alcohol, si tomo medicamento para el trastorno por consumo de opioides (sí o no) y mi fase en el programa — para que el equipo del tribunal siga mi progreso. No las notas de mi consejero/a, diagnósticos ni medicamentos.',
  },
  /** Anthony's: attendance, test results and phase progress only (PRODUCT.md). */
  anthony: {
    en: 'Whether I attend treatment, my drug and alcohol test results, and my phase in the program — so the court team can follow my progress. Not my counselor’s notes, diagnoses or medications.',
    es: 'Si asisto al tratamiento, mis resultados de pruebas de drogas y alcohol y mi fase en el programa — para que el equipo del tribunal siga mi progreso. No las notas de mi consejero/a, diagnósticos ni medicamentos.',
  },
  defense: {
    en: 'Whether I attend treatment, my test results and whether I take medication for opioid use disorder — so my defense attorney can represent me.',
    es: 'Si asisto al tratamiento, mis resultados de pruebas y si tomo medicamento para el trastorno por consumo de opioides — para que mi abogado/a defensor/a me represente.',
  },
};

/** The standard templates of a program, as the coordinator keeps them. */
export function standardTemplates(uuid: () => string, programId: string, providerId: string): PlannedTemplate[] {
  const scopes = standardScopes(providerId);
  return [
    {
      id: uuid(),
      programId,
      name: 'Standard §2.35 consent — court team',
      ...scopes.justice,
      descriptionEn: SCOPE_TEXT.justice.en,
      descriptionEs: SCOPE_TEXT.justice.es,
      durationMonths: 24,
    },
    {
      id: uuid(),
      programId,
      name: 'Defense attorney — attendance and test results',
      ...scopes.defense,
      descriptionEn: SCOPE_TEXT.defense.en,
      descriptionEs: SCOPE_TEXT.defense.es,
      durationMonths: 24,
    },
  ];
}

const NOTE_TEXTS = [
  'Individual session. Talked through the goals for the coming weeks and what would help with transportation to groups.',
  'Group session: took part and spoke about handling stress at work. Plans to try the breathing exercise before shifts.',
  'Reviewed the safer-use plan together; confirmed they carry naloxone and know how to use it.',
  'Session on sleep and routines. Agreed to keep a short diary for two weeks and bring it next time.',
  'Discussed housing search; referred to the case manager for the rental assistance application.',
];
const COUNSELING_TEXTS = [
  'Session focused on grief after a family loss; explored what has helped before and what feels too heavy right now.',
  'Explored early experiences that come up in cravings; participant asked to keep this between us.',
];

export const ANTHONY_NOTE =
  'Anthony shared that he has been using now and then over the past few weeks and asked that the court not be told: he is afraid of going to jail and says he wants to take treatment more seriously. Reviewed his safer-use plan, gave him a naloxone kit, and agreed to adjust his treatment plan together at the next session.';

/** A participant's consents and notes for a variant. */
export function planConsents(options: {
  faker: Faker;
  uuid: () => string;
  today: string;
  participant: Omit<PlannedParticipant, 'consents' | 'notes'>;
  providerId: string;
  counselorId: string;
  templates: { justice: string; defense: string } | null;
  variant: ConsentVariant;
  withNotes: boolean;
  /** Earlier consents that have since expired (benchmark sets: 2–4 consents per participant). */
  expiredEarlier?: number;
}): { consents: PlannedConsent[]; notes: PlannedNote[] } {
  const { faker, uuid, participant, variant } = options;
  const e = participant.enrollment;
  const signedOn = e.statusHistory.find((h) => h.to === 'active')?.on ?? e.referredOn;
  const language: 'en' | 'es' = participant.language.startsWith('es') ? 'es' : 'en';
  const scopes = standardScopes(options.providerId);
  const name = `${participant.firstName} ${participant.lastName}`;
  const consent = (
    scope: PlannedScope,
    which: 'justice' | 'defense',
    overrides: Partial<PlannedConsent> = {},
  ): PlannedConsent => ({
    id: uuid(),
    templateId: options.templates?.[which] ?? null,
    ...scope,
    expiryEvent: scope.expiryEvent ? `${scope.expiryEvent} (${e.caseNumber})` : null,
    revocableAfterEvent: scope.revocableAfterEvent ? `${scope.revocableAfterEvent} (${e.caseNumber})` : null,
    recipientUserIds: [],
    description: SCOPE_TEXT[which][language],
    language,
    signedAt: signedOn,
    expiresAt: addDays(signedOn, 730),
    revocableAfterAt: null,
    signerName: name,
    method: faker.datatype.boolean() ? 'on_screen' : 'paper',
    attestedBy: options.counselorId,
    revocations: [],
    ...overrides,
  });

  const consents: PlannedConsent[] = [];
  if (variant === 'anthony') {
    // His consent covers attendance, test results and phase progress — nothing more.
    const justice = {
      ...scopes.justice,
      allowedClasses: ['attendance', 'test_result', 'phase_progress'] as PlannedScope['allowedClasses'],
    };
    consents.push(consent(justice, 'justice', { description: SCOPE_TEXT.anthony[language] }), consent(scopes.defense, 'defense'));
  } else if (variant === 'standard') {
    consents.push(consent(scopes.justice, 'justice'), consent(scopes.defense, 'defense'));
  } else if (variant === 'expired') {
    const expiresAt = addDays(options.today, -faker.number.int({ min: 5, max: 40 }));
    consents.push(
      consent(scopes.justice, 'justice', { expiresAt: expiresAt > signedOn ? expiresAt : addDays(signedOn, 1) }),
      consent(scopes.defense, 'defense'),
    );
  } else if (variant === 'partly_revoked') {
    // This court's consent could be revoked 90 days after admission; the participant then asked
    // that the prosecutor no longer receive updates.
    const revocableAfterAt = addDays(signedOn, 90);
    const requestedAt = [addDays(signedOn, 100), options.today].sort()[0]!;
    consents.push(
      consent(scopes.justice, 'justice', {
        revocableAfterAt,
        revocations: [
          {
            scope: 'role',
            role: 'prosecutor',
            requestedAt,
            note: 'Asked in writing that the prosecutor no longer receive updates.',
          },
        ],
      }),
      consent(scopes.defense, 'defense'),
    );
  }

  for (let i = 0; i < (options.expiredEarlier ?? 0); i++) {
    const earlier = addDays(e.referredOn, -400 - i * 200);
    consents.push(consent(scopes.defense, 'defense', { signedAt: earlier, expiresAt: addDays(earlier, 180), templateId: null }));
  }

  const notes: PlannedNote[] = [];
  if (options.withNotes && e.status !== 'referred' && e.status !== 'screening') {
    const count = faker.number.int({ min: 1, max: 3 });
    for (let i = 0; i < count; i++) {
      const occurredOn = addDays(signedOn, faker.number.int({ min: 3, max: 120 }));
      if (occurredOn > options.today) continue;
      notes.push({
        id: uuid(),
        dataClass: 'clinical_note',
        body: faker.helpers.arrayElement(NOTE_TEXTS),
        occurredOn,
        authorId: options.counselorId,
        custodianOrgId: options.providerId,
      });
    }
    if (faker.number.int({ min: 1, max: 5 }) === 1) {
      notes.push({
        id: uuid(),
        dataClass: 'counseling_note',
        body: faker.helpers.arrayElement(COUNSELING_TEXTS),
        occurredOn: addDays(options.today, -faker.number.int({ min: 2, max: 20 })),
        authorId: options.counselorId,
        custodianOrgId: options.providerId,
      });
    }
  }
  if (variant === 'anthony') {
    notes.push({
      id: uuid(),
      dataClass: 'clinical_note',
      body: ANTHONY_NOTE,
      occurredOn: addDays(options.today, -3),
      authorId: options.counselorId,
      custodianOrgId: options.providerId,
    });
  }
  return { consents, notes };
}
