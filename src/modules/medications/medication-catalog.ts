import { z } from 'zod';
import type { SubstanceGroup } from '../testing/substances.js';

/*
 * The medications Tandem knows by kind: which are medications for opioid use disorder (MOUD), which
 * substance groups a prescription of each accounts for in a drug test, and which are expected to show
 * in a specimen while taken (so that their absence is a clinical flag for the treatment team — never a
 * violation). A prescription of `other` names its medication in words and covers what the prescriber's
 * record says it covers.
 */

export type MedicationKind = {
  category: 'moud' | 'psychiatric' | 'pain' | 'other';
  covers: readonly SubstanceGroup[];
  /** Taken daily and detectable: a specimen without it while prescribed is worth a clinician's look. */
  expectedInSpecimen: boolean;
  /** Days a result may still show the medication after the prescription ends. */
  detectionDays: number;
};

export const MEDICATIONS = {
  methadone: { category: 'moud', covers: ['methadone'], expectedInSpecimen: true, detectionDays: 7 },
  buprenorphine: { category: 'moud', covers: ['buprenorphine'], expectedInSpecimen: true, detectionDays: 7 },
  buprenorphine_naloxone: { category: 'moud', covers: ['buprenorphine'], expectedInSpecimen: true, detectionDays: 7 },
  /** Extended-release injectable buprenorphine (monthly). */
  buprenorphine_extended_release: {
    category: 'moud',
    covers: ['buprenorphine'],
    expectedInSpecimen: true,
    detectionDays: 60,
  },
  naltrexone: { category: 'moud', covers: [], expectedInSpecimen: false, detectionDays: 3 },
  /** Extended-release injectable naltrexone (monthly). */
  naltrexone_extended_release: { category: 'moud', covers: [], expectedInSpecimen: false, detectionDays: 35 },
  benzodiazepine: { category: 'psychiatric', covers: ['benzodiazepines'], expectedInSpecimen: false, detectionDays: 10 },
  stimulant: { category: 'psychiatric', covers: ['amphetamines'], expectedInSpecimen: false, detectionDays: 3 },
  other_psychiatric: { category: 'psychiatric', covers: [], expectedInSpecimen: false, detectionDays: 3 },
  opioid_analgesic: { category: 'pain', covers: ['opiates'], expectedInSpecimen: false, detectionDays: 3 },
  oxycodone: { category: 'pain', covers: ['oxycodone'], expectedInSpecimen: false, detectionDays: 3 },
  tramadol: { category: 'pain', covers: ['tramadol'], expectedInSpecimen: false, detectionDays: 3 },
  fentanyl_analgesic: { category: 'pain', covers: ['fentanyl'], expectedInSpecimen: false, detectionDays: 3 },
  barbiturate: { category: 'other', covers: ['barbiturates'], expectedInSpecimen: false, detectionDays: 7 },
  dronabinol: { category: 'other', covers: ['cannabinoids'], expectedInSpecimen: false, detectionDays: 30 },
  other: { category: 'other', covers: [], expectedInSpecimen: false, detectionDays: 3 },
} as const satisfies Record<string, MedicationKind>;

export type Medication = keyof typeof MEDICATIONS;
export const MEDICATION_CODES = Object.keys(MEDICATIONS) as Medication[];
export const ZMedication = z.enum(MEDICATION_CODES as [Medication, ...Medication[]]);

export const MOUD_MEDICATIONS = MEDICATION_CODES.filter((m) => MEDICATIONS[m].category === 'moud');

export function isMoud(medication: Medication): boolean {
  return MEDICATIONS[medication].category === 'moud';
}
