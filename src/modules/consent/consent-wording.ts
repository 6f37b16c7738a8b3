import type { Purpose } from '../access/access-context.js';
import type { TeamRole } from '../participants/participants.schema.js';
import type { DataClass } from '../records/data-classes.js';
import type { Locale } from '../users/users.schema.js';
import type { ConsentKind } from './consent-kinds.js';

/*
 * The legal wording of Tandem's documents — the consent form (every element of 42 CFR §2.31, the
 * revocation statement, §2.35's limits) and the §2.32 notice that travels with every disclosure — in
 * English and Spanish. A consent records the version of the wording it is drawn with, and is always
 * drawn with that version; the wording changes only by adding a version (`WORDINGS`). New consents
 * take the latest.
 */

/** The §2.32 notice (the full form; the rule allows this or the short form). */
export const REDISCLOSURE_NOTICE: Record<Locale, string> = {
  en:
    'This record which has been disclosed to you is protected by federal confidentiality rules (42 CFR part 2). ' +
    'The federal rules prohibit you from making any further disclosure of this record unless further disclosure is ' +
    'expressly permitted by the written consent of the individual whose information is being disclosed in this record ' +
    'or, is otherwise permitted by 42 CFR part 2. A general authorization for the release of medical or other ' +
    'information is NOT sufficient for this purpose (see §2.31). The federal rules restrict any use of the information ' +
    'to investigate or prosecute with regard to a crime any patient with a substance use disorder, except as provided ' +
    'at §§2.12(c)(5) and 2.65.',
  es:
    'Este registro que se le ha divulgado está protegido por las normas federales de confidencialidad (42 CFR parte 2). ' +
    'Las normas federales le prohíben divulgar nuevamente este registro a menos que la nueva divulgación esté ' +
    'expresamente permitida por el consentimiento escrito de la persona cuya información se divulga en este registro ' +
    'o esté permitida de otro modo por 42 CFR parte 2. Una autorización general para la divulgación de información ' +
    'médica o de otro tipo NO es suficiente para este fin (véase §2.31). Las normas federales restringen el uso de la ' +
    'información para investigar o procesar penalmente a cualquier paciente con un trastorno por consumo de sustancias, ' +
    'salvo lo previsto en §§2.12(c)(5) y 2.65.',
};

/**
 * What a court-side reader is told in place of the treatment classes they do not receive: the same
 * sentence whatever exists, so it never reveals whether, how many or when such records were made.
 */
export const WITHHELD_NOTICE: Record<Locale, string> = {
  en: "Treatment details are shared with the court only as the participant's consent allows.",
  es: 'Los detalles del tratamiento se comparten con el tribunal solo en la medida en que lo permite el consentimiento de la persona participante.',
};

type Wording = {
  title: Record<ConsentKind, string>;
  draft: string;
  labels: {
    participant: string;
    dateOfBirth: string;
    disclosers: string;
    recipients: string;
    recipientsByRole: string;
    information: string;
    notIncluded: string;
    recordsDated: string;
    purpose: string;
    effective: string;
    expires: string;
    expiresOnEvent: string;
    whicheverFirst: string;
    revocation: string;
    signatures: string;
    signedOnScreen: string;
    signedOnPaper: string;
    attestedBy: string;
    version: string;
    document: string;
    participantRole: string;
    guardianRole: string;
    from: string;
    to: string;
    page: string;
  };
  statements: {
    revokeAnyTime: string;
    revokeAfter: string;
    useLimits235: string;
    proceedings: string;
    notConditioned: string;
    accounting: string;
    copy: string;
    counselingNotes: string;
  };
  classes: Record<DataClass, string>;
  roles: Record<TeamRole, string>;
  purposes: Record<Purpose, string>;
};

const WORDING_2026_02: Record<Locale, Wording> = {
  en: {
    title: {
      criminal_justice:
        'Consent to release substance use disorder treatment information to the criminal justice system (42 CFR §2.35)',
      general: 'Consent to release substance use disorder treatment information (42 CFR §2.31)',
      tpo: 'Consent to use and disclose substance use disorder records for treatment, payment and health care operations (42 CFR §2.33)',
      legal_proceedings: 'Consent to use substance use disorder records in legal proceedings (42 CFR §2.31)',
      counseling_notes: 'Consent to release substance use disorder counseling notes (42 CFR §2.31(b))',
    },
    draft: 'DRAFT — not signed',
    labels: {
      participant: 'Participant',
      dateOfBirth: 'Date of birth',
      disclosers: 'Program(s) that may disclose',
      recipients: 'May be disclosed to',
      recipientsByRole: 'whoever holds these roles on my case',
      information: 'Information that may be disclosed',
      notIncluded: 'Not included',
      recordsDated: 'Only records dated',
      purpose: 'Purpose of the disclosure',
      effective: 'Effective from',
      expires: 'This consent expires',
      expiresOnEvent: 'on this event',
      whicheverFirst: 'whichever comes first',
      revocation: 'Revoking this consent',
      signatures: 'Signatures',
      signedOnScreen: 'signed on screen',
      signedOnPaper: 'signed on paper (scanned copy kept)',
      attestedBy: 'Witnessed by',
      version: 'Wording version',
      document: 'Document',
      participantRole: 'Participant',
      guardianRole: 'Guardian',
      from: 'from',
      to: 'to',
      page: 'Page',
    },
    statements: {
      revokeAnyTime:
        'I understand that I may revoke this consent at any time, in writing or by telling program staff, except to the extent that action has already been taken in reliance on it.',
      revokeAfter:
        'I understand that this consent is a condition of my participation in the criminal justice process, and that I cannot revoke it before {{point}}. After that, I may revoke it at any time.',
      useLimits235:
        'Those who receive this information may use it only to carry out their official duties regarding my participation in this program, and may not disclose it further except as 42 CFR §2.35(d) allows.',
      proceedings:
        'This information may not be used against me in any civil, criminal, administrative or legislative proceeding without my specific consent for that use or a court order under 42 CFR part 2, subpart E. A subpoena alone never permits its release.',
      notConditioned:
        'My treatment, payment for it and my eligibility for benefits do not depend on whether I sign this consent.',
      accounting: 'I may ask the program for a list of the disclosures made under this consent in the last three years.',
      copy: 'I have the right to a copy of this consent.',
      counselingNotes:
        'Counseling notes are shared only under this separate consent; no other consent I have signed covers them.',
    },
    classes: {
      identity: 'Name and contact details',
      enrollment: 'Enrollment in the program',
      program_status: 'Program status',
      phase_progress: 'Phase progress',
      case_team: 'Case team',
      attendance: 'Attendance at treatment',
      test_result: 'Drug and alcohol test results',
      use_report: 'Use I reported myself',
      moud_enrollment: 'Whether I receive medication for opioid use disorder (yes/no)',
      medication: 'Medications and doses',
      treatment_plan: 'Treatment plan and goals',
      clinical_note: 'Clinical and progress notes',
      diagnosis: 'Diagnoses and assessments',
      counseling_note: 'Counseling notes',
    },
    roles: {
      judge: 'Judge',
      coordinator: 'Court coordinator',
      treatment_provider: 'Counselor',
      probation_officer: 'Probation officer',
      case_manager: 'Case manager',
      peer_specialist: 'Peer specialist',
      defense_attorney: 'Defense attorney',
      prosecutor: 'Prosecutor',
    },
    purposes: {
      treatment: 'Treatment',
      payment: 'Payment',
      operations: 'Health care operations',
      court_monitoring: 'Monitoring my progress in the treatment court',
      supervision: 'Supervision (probation or parole)',
      legal_representation: 'Legal representation',
      legal_proceedings: 'Use in legal proceedings',
      evaluation: 'Program evaluation',
    },
  },
  es: {
    title: {
      criminal_justice:
        'Consentimiento para divulgar información del tratamiento por consumo de sustancias al sistema de justicia penal (42 CFR §2.35)',
      general: 'Consentimiento para divulgar información del tratamiento por consumo de sustancias (42 CFR §2.31)',
      tpo: 'Consentimiento para usar y divulgar registros del tratamiento por consumo de sustancias para tratamiento, pago y operaciones de atención médica (42 CFR §2.33)',
      legal_proceedings:
        'Consentimiento para usar registros del tratamiento por consumo de sustancias en procesos legales (42 CFR §2.31)',
      counseling_notes: 'Consentimiento para divulgar notas de consejería sobre consumo de sustancias (42 CFR §2.31(b))',
    },
    draft: 'BORRADOR — sin firmar',
    labels: {
      participant: 'Participante',
      dateOfBirth: 'Fecha de nacimiento',
      disclosers: 'Programa(s) que pueden divulgar',
      recipients: 'Se puede divulgar a',
      recipientsByRole: 'quien ocupe estos roles en mi caso',
      information: 'Información que se puede divulgar',
      notIncluded: 'No incluye',
      recordsDated: 'Solo registros con fecha',
      purpose: 'Propósito de la divulgación',
      effective: 'Vigente desde',
      expires: 'Este consentimiento vence',
      expiresOnEvent: 'con este evento',
      whicheverFirst: 'lo que ocurra primero',
      revocation: 'Revocar este consentimiento',
      signatures: 'Firmas',
      signedOnScreen: 'firmado en pantalla',
      signedOnPaper: 'firmado en papel (se conserva copia escaneada)',
      attestedBy: 'Testigo',
      version: 'Versión del texto',
      document: 'Documento',
      participantRole: 'Participante',
      guardianRole: 'Tutor/a',
      from: 'desde',
      to: 'hasta',
      page: 'Página',
    },
    statements: {
      revokeAnyTime:
        'Entiendo que puedo revocar este consentimiento en cualquier momento, por escrito o diciéndoselo al personal del programa, salvo en la medida en que ya se haya actuado confiando en él.',
      revokeAfter:
        'Entiendo que este consentimiento es una condición de mi participación en el proceso de justicia penal y que no puedo revocarlo antes de {{point}}. Después, puedo revocarlo en cualquier momento.',
      useLimits235:
        'Quienes reciban esta información solo pueden usarla para cumplir sus funciones oficiales respecto a mi participación en este programa, y no pueden divulgarla de nuevo salvo lo que permite 42 CFR §2.35(d).',
      proceedings:
        'Esta información no puede usarse en mi contra en ningún proceso civil, penal, administrativo o legislativo sin mi consentimiento específico para ese uso o una orden judicial conforme a 42 CFR parte 2, subparte E. Una citación judicial por sí sola nunca permite divulgarla.',
      notConditioned: 'Mi tratamiento, el pago del mismo y mi derecho a beneficios no dependen de que firme este consentimiento.',
      accounting:
        'Puedo pedir al programa una lista de las divulgaciones hechas con este consentimiento en los últimos tres años.',
      copy: 'Tengo derecho a una copia de este consentimiento.',
      counselingNotes:
        'Las notas de consejería solo se comparten con este consentimiento aparte; ningún otro consentimiento que haya firmado las incluye.',
    },
    classes: {
      identity: 'Nombre y datos de contacto',
      enrollment: 'Inscripción en el programa',
      program_status: 'Estado en el programa',
      phase_progress: 'Avance de fase',
      case_team: 'Equipo del caso',
      attendance: 'Asistencia al tratamiento',
      test_result: 'Resultados de pruebas de drogas y alcohol',
      use_report: 'Consumo que yo mismo/a informé',
      moud_enrollment: 'Si recibo medicamento para el trastorno por consumo de opioides (sí/no)',
      medication: 'Medicamentos y dosis',
      treatment_plan: 'Plan de tratamiento y metas',
      clinical_note: 'Notas clínicas y de progreso',
      diagnosis: 'Diagnósticos y evaluaciones',
      counseling_note: 'Notas de consejería',
    },
    roles: {
      judge: 'Juez/a',
      coordinator: 'Coordinador/a del tribunal',
      treatment_provider: 'Consejero/a',
      probation_officer: 'Oficial de libertad condicional',
      case_manager: 'Gestor/a de casos',
      peer_specialist: 'Especialista de apoyo entre pares',
      defense_attorney: 'Abogado/a defensor/a',
      prosecutor: 'Fiscal',
    },
    purposes: {
      treatment: 'Tratamiento',
      payment: 'Pago',
      operations: 'Operaciones de atención médica',
      court_monitoring: 'Seguimiento de mi progreso en el tribunal de tratamiento',
      supervision: 'Supervisión (libertad condicional o bajo palabra)',
      legal_representation: 'Representación legal',
      legal_proceedings: 'Uso en procesos legales',
      evaluation: 'Evaluación del programa',
    },
  },
};

/** 2026-12: the §2.35 revocation statement says how to revoke once the stated time or event has come. */
const WORDING_2026_12: Record<Locale, Wording> = {
  en: {
    ...WORDING_2026_02.en,
    statements: {
      ...WORDING_2026_02.en.statements,
      revokeAfter:
        'I understand that this consent is a condition of my participation in the criminal justice process, and that I cannot revoke it before {{point}}. After that, I may revoke it at any time, in writing or by telling program staff, except to the extent that action has already been taken in reliance on it.',
    },
  },
  es: {
    ...WORDING_2026_02.es,
    statements: {
      ...WORDING_2026_02.es.statements,
      revokeAfter:
        'Entiendo que este consentimiento es una condición de mi participación en el proceso de justicia penal y que no puedo revocarlo antes de {{point}}. Después, puedo revocarlo en cualquier momento, por escrito o diciéndoselo al personal del programa, salvo en la medida en que ya se haya actuado confiando en él.',
    },
  },
};

/** Every version of the wording a consent may have been drawn with, oldest first. */
export const WORDINGS: Readonly<Record<string, Record<Locale, Wording>>> = {
  '2026-02': WORDING_2026_02,
  '2026-12': WORDING_2026_12,
};

/** The version new consents are drawn with. */
export const CONSENT_WORDING_VERSION = '2026-12';

/** The wording in force today: labels, classes, roles and purposes for documents other than consents. */
export const WORDING: Record<Locale, Wording> = WORDINGS[CONSENT_WORDING_VERSION]!;

/** The wording a consent was drawn with (a version Tandem no longer knows is an error, never silently replaced). */
export function consentWording(version: string, locale: Locale): Wording {
  const wording = WORDINGS[version];
  if (!wording) throw new Error(`Unknown consent wording version ${version}`);
  return wording[locale];
}

/** The locale of a participant's language code (`es-MX` → `es`); English otherwise. */
export function documentLocale(language: string | null | undefined): Locale {
  return language?.toLowerCase().startsWith('es') ? 'es' : 'en';
}
