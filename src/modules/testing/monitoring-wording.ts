import type { AttendanceKind, AttendanceOutcome } from '../attendance/attendance.schema.js';
import type { Medication } from '../medications/medication-catalog.js';
import type { ContinuityEventKind, DOSE_STATUSES } from '../medications/medications.schema.js';
import type { Locale } from '../users/users.schema.js';
import type { TestOutcome } from './interpret-test.js';
import type { BuiltInAnalyte, SpecimenType, SubstanceGroup } from './substances.js';
import type { TEST_REASONS } from './testing.schema.js';

/*
 * The words for monitoring records — test outcomes, substances, specimens, attendance, medications —
 * in English and Spanish, in one place for the web app (which loads them into i18next) and for the
 * documents the server draws. Humane words: a test is negative or positive, never "clean" or "dirty";
 * a return to use is not a failure.
 */

type Vocabulary = {
  outcomes: Record<TestOutcome, string>;
  analytes: Record<BuiltInAnalyte, string>;
  groups: Record<SubstanceGroup, string>;
  specimens: Record<SpecimenType, string>;
  reasons: Record<(typeof TEST_REASONS)[number], string>;
  findings: { unauthorized: string; authorized: string; presumptive: string };
  flags: { expected_medication_absent: string; possible_carry_over: string; temperature_out_of_range: string };
  attendanceKinds: Record<AttendanceKind, string>;
  attendanceOutcomes: Record<AttendanceOutcome, string>;
  medications: Record<Medication, string>;
  continuity: Record<ContinuityEventKind, string>;
  doses: Record<(typeof DOSE_STATUSES)[number], string>;
};

export const MONITORING_WORDING: Record<Locale, Vocabulary> = {
  en: {
    outcomes: {
      pending: 'Awaiting results',
      negative: 'Negative',
      positive_unauthorized: 'Positive (not prescribed)',
      positive_authorized: 'Positive for a prescribed medication',
      dilute: 'Dilute',
      invalid: 'Invalid or adulterated',
      missed: 'Missed',
      unable_to_provide: 'Unable to provide',
      refused: 'Refused',
    },
    analytes: {
      amphetamine: 'Amphetamine',
      methamphetamine: 'Methamphetamine',
      mdma: 'MDMA',
      cocaine: 'Cocaine',
      opiates: 'Opiates',
      '6_mam': '6-MAM (heroin)',
      oxycodone: 'Oxycodone',
      fentanyl: 'Fentanyl',
      norfentanyl: 'Norfentanyl',
      buprenorphine: 'Buprenorphine',
      norbuprenorphine: 'Norbuprenorphine',
      methadone: 'Methadone',
      eddp: 'EDDP (methadone)',
      tramadol: 'Tramadol',
      benzodiazepines: 'Benzodiazepines',
      barbiturates: 'Barbiturates',
      thc_cooh: 'Cannabis (THC-COOH)',
      etg: 'Alcohol (EtG)',
      ets: 'Alcohol (EtS)',
      ethanol: 'Alcohol (ethanol)',
      xylazine: 'Xylazine',
    },
    groups: {
      amphetamines: 'Amphetamines',
      mdma: 'MDMA',
      cocaine: 'Cocaine',
      opiates: 'Opiates',
      heroin: 'Heroin',
      oxycodone: 'Oxycodone',
      fentanyl: 'Fentanyl',
      buprenorphine: 'Buprenorphine',
      methadone: 'Methadone',
      tramadol: 'Tramadol',
      benzodiazepines: 'Benzodiazepines',
      barbiturates: 'Barbiturates',
      cannabinoids: 'Cannabis',
      alcohol: 'Alcohol',
      xylazine: 'Xylazine',
      other: 'Other',
    },
    specimens: {
      urine: 'Urine',
      oral_fluid: 'Oral fluid',
      breath: 'Breath',
      sweat_patch: 'Sweat patch',
      continuous_alcohol_monitor: 'Continuous alcohol monitor',
      blood: 'Blood',
      hair: 'Hair',
    },
    reasons: { random: 'Random', for_cause: 'For cause', scheduled: 'Scheduled', intake: 'At intake' },
    findings: { unauthorized: 'not prescribed', authorized: 'prescribed', presumptive: 'screen, awaiting confirmation' },
    flags: {
      expected_medication_absent: 'A prescribed medication was not found — for the treatment team to look at, never a violation',
      possible_carry_over: 'Possible carry-over from earlier cannabis use — review',
      temperature_out_of_range: 'Specimen temperature out of range',
    },
    attendanceKinds: {
      treatment_individual: 'Individual session',
      treatment_group: 'Group session',
      intensive_outpatient: 'Intensive outpatient',
      residential_day: 'Residential treatment day',
      court_hearing: 'Court hearing',
      probation_appointment: 'Probation appointment',
      peer_support: 'Peer support',
      mutual_aid: 'Mutual-aid meeting',
    },
    attendanceOutcomes: {
      scheduled: 'Scheduled',
      attended: 'Attended',
      late: 'Late',
      excused: 'Excused',
      missed: 'Missed',
      rescheduled: 'Rescheduled',
    },
    medications: {
      methadone: 'Methadone',
      buprenorphine: 'Buprenorphine',
      buprenorphine_naloxone: 'Buprenorphine/naloxone',
      buprenorphine_extended_release: 'Extended-release buprenorphine (injection)',
      naltrexone: 'Naltrexone',
      naltrexone_extended_release: 'Extended-release naltrexone (injection)',
      benzodiazepine: 'Benzodiazepine',
      stimulant: 'Stimulant medication',
      other_psychiatric: 'Other psychiatric medication',
      opioid_analgesic: 'Opioid pain medication',
      oxycodone: 'Oxycodone',
      tramadol: 'Tramadol',
      fentanyl_analgesic: 'Fentanyl (pain)',
      barbiturate: 'Barbiturate',
      dronabinol: 'Dronabinol',
      other: 'Other medication',
    },
    continuity: {
      custody_admission: 'Admitted to custody',
      custody_release: 'Released from custody',
      residential_discharge: 'Discharged from residential treatment',
      hospital_discharge: 'Discharged from hospital',
      withdrawal_management_discharge: 'Discharged from withdrawal management',
    },
    doses: { taken: 'Taken', missed: 'Missed', held: 'Held by the prescriber' },
  },
  es: {
    outcomes: {
      pending: 'Esperando resultados',
      negative: 'Negativo',
      positive_unauthorized: 'Positivo (no recetado)',
      positive_authorized: 'Positivo por un medicamento recetado',
      dilute: 'Diluido',
      invalid: 'No válido o adulterado',
      missed: 'No se presentó',
      unable_to_provide: 'No pudo dar la muestra',
      refused: 'Se negó',
    },
    analytes: {
      amphetamine: 'Anfetamina',
      methamphetamine: 'Metanfetamina',
      mdma: 'MDMA',
      cocaine: 'Cocaína',
      opiates: 'Opiáceos',
      '6_mam': '6-MAM (heroína)',
      oxycodone: 'Oxicodona',
      fentanyl: 'Fentanilo',
      norfentanyl: 'Norfentanilo',
      buprenorphine: 'Buprenorfina',
      norbuprenorphine: 'Norbuprenorfina',
      methadone: 'Metadona',
      eddp: 'EDDP (metadona)',
      tramadol: 'Tramadol',
      benzodiazepines: 'Benzodiacepinas',
      barbiturates: 'Barbitúricos',
      thc_cooh: 'Cannabis (THC-COOH)',
      etg: 'Alcohol (EtG)',
      ets: 'Alcohol (EtS)',
      ethanol: 'Alcohol (etanol)',
      xylazine: 'Xilacina',
    },
    groups: {
      amphetamines: 'Anfetaminas',
      mdma: 'MDMA',
      cocaine: 'Cocaína',
      opiates: 'Opiáceos',
      heroin: 'Heroína',
      oxycodone: 'Oxicodona',
      fentanyl: 'Fentanilo',
      buprenorphine: 'Buprenorfina',
      methadone: 'Metadona',
      tramadol: 'Tramadol',
      benzodiazepines: 'Benzodiacepinas',
      barbiturates: 'Barbitúricos',
      cannabinoids: 'Cannabis',
      alcohol: 'Alcohol',
      xylazine: 'Xilacina',
      other: 'Otra',
    },
    specimens: {
      urine: 'Orina',
      oral_fluid: 'Fluido oral',
      breath: 'Aliento',
      sweat_patch: 'Parche de sudor',
      continuous_alcohol_monitor: 'Monitor continuo de alcohol',
      blood: 'Sangre',
      hair: 'Cabello',
    },
    reasons: { random: 'Aleatoria', for_cause: 'Por motivo', scheduled: 'Programada', intake: 'Al ingreso' },
    findings: { unauthorized: 'no recetado', authorized: 'recetado', presumptive: 'tamizaje, pendiente de confirmación' },
    flags: {
      expected_medication_absent:
        'No se encontró un medicamento recetado: para que lo revise el equipo de tratamiento, nunca una infracción',
      possible_carry_over: 'Posible arrastre de un consumo anterior de cannabis: revisar',
      temperature_out_of_range: 'Temperatura de la muestra fuera de rango',
    },
    attendanceKinds: {
      treatment_individual: 'Sesión individual',
      treatment_group: 'Sesión de grupo',
      intensive_outpatient: 'Tratamiento ambulatorio intensivo',
      residential_day: 'Día de tratamiento residencial',
      court_hearing: 'Audiencia',
      probation_appointment: 'Cita de libertad condicional',
      peer_support: 'Apoyo entre pares',
      mutual_aid: 'Reunión de ayuda mutua',
    },
    attendanceOutcomes: {
      scheduled: 'Programada',
      attended: 'Asistió',
      late: 'Llegó tarde',
      excused: 'Justificada',
      missed: 'No asistió',
      rescheduled: 'Reprogramada',
    },
    medications: {
      methadone: 'Metadona',
      buprenorphine: 'Buprenorfina',
      buprenorphine_naloxone: 'Buprenorfina/naloxona',
      buprenorphine_extended_release: 'Buprenorfina de liberación prolongada (inyección)',
      naltrexone: 'Naltrexona',
      naltrexone_extended_release: 'Naltrexona de liberación prolongada (inyección)',
      benzodiazepine: 'Benzodiacepina',
      stimulant: 'Medicamento estimulante',
      other_psychiatric: 'Otro medicamento psiquiátrico',
      opioid_analgesic: 'Analgésico opioide',
      oxycodone: 'Oxicodona',
      tramadol: 'Tramadol',
      fentanyl_analgesic: 'Fentanilo (dolor)',
      barbiturate: 'Barbitúrico',
      dronabinol: 'Dronabinol',
      other: 'Otro medicamento',
    },
    continuity: {
      custody_admission: 'Ingresó en custodia',
      custody_release: 'Salió de custodia',
      residential_discharge: 'Alta del tratamiento residencial',
      hospital_discharge: 'Alta del hospital',
      withdrawal_management_discharge: 'Alta del manejo de la abstinencia',
    },
    doses: { taken: 'Tomada', missed: 'No tomada', held: 'Suspendida por quien la receta' },
  },
};

/** An analyte's name in a language: a built-in one's, or the code of one a lab panel adds. */
export function analyteName(analyte: string, locale: Locale): string {
  return (MONITORING_WORDING[locale].analytes as Record<string, string>)[analyte] ?? analyte;
}
