import { z } from 'zod';

/*
 * What drug and alcohol tests look for. An analyte is what a lab measures (norbuprenorphine, EDDP,
 * EtG…); a substance group is what the analyte tells about (buprenorphine, methadone, alcohol…), and
 * is what prescriptions cover and what counts are made of. A lab's panel may name analytes beyond
 * these (`lab_analytes`), each placed in a group.
 */

export const SUBSTANCE_GROUPS = [
  'amphetamines',
  'mdma',
  'cocaine',
  'opiates',
  'heroin',
  'oxycodone',
  'fentanyl',
  'buprenorphine',
  'methadone',
  'tramadol',
  'benzodiazepines',
  'barbiturates',
  'cannabinoids',
  'alcohol',
  'xylazine',
  'other',
] as const;
export const ZSubstanceGroup = z.enum(SUBSTANCE_GROUPS);
export type SubstanceGroup = z.infer<typeof ZSubstanceGroup>;

/** The analytes Tandem knows, each in its group. */
export const BUILT_IN_ANALYTES = {
  amphetamine: 'amphetamines',
  methamphetamine: 'amphetamines',
  mdma: 'mdma',
  cocaine: 'cocaine',
  opiates: 'opiates',
  '6_mam': 'heroin',
  oxycodone: 'oxycodone',
  fentanyl: 'fentanyl',
  norfentanyl: 'fentanyl',
  buprenorphine: 'buprenorphine',
  norbuprenorphine: 'buprenorphine',
  methadone: 'methadone',
  eddp: 'methadone',
  tramadol: 'tramadol',
  benzodiazepines: 'benzodiazepines',
  barbiturates: 'barbiturates',
  thc_cooh: 'cannabinoids',
  etg: 'alcohol',
  ets: 'alcohol',
  ethanol: 'alcohol',
  xylazine: 'xylazine',
} as const satisfies Record<string, SubstanceGroup>;
export type BuiltInAnalyte = keyof typeof BUILT_IN_ANALYTES;
export const BUILT_IN_ANALYTE_CODES = Object.keys(BUILT_IN_ANALYTES) as BuiltInAnalyte[];

/** An analyte code: a built-in one, or a lab panel's own (lower case letters, digits, underscores). */
export const ZAnalyteCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'Use lower-case letters, digits and underscores.');

/** The group of a built-in analyte; undefined for one a lab panel defines. */
export function builtInGroup(analyte: string): SubstanceGroup | undefined {
  return (BUILT_IN_ANALYTES as Record<string, SubstanceGroup>)[analyte];
}

/** The analyte the cannabis carry-over criterion reads (creatinine-normalized THC-COOH). */
export const CARRY_OVER_ANALYTE = 'thc_cooh';

export const SPECIMEN_TYPES = [
  'urine',
  'oral_fluid',
  'breath',
  'sweat_patch',
  'continuous_alcohol_monitor',
  'blood',
  'hair',
] as const;
export const ZSpecimenType = z.enum(SPECIMEN_TYPES);
export type SpecimenType = z.infer<typeof ZSpecimenType>;
