/**
 * The default phase structure offered to a new program, after the five phases the All Rise (NADCP)
 * Adult Treatment Court Best Practice Standards describe: acute stabilization, clinical
 * stabilization, pro-social habilitation, adaptive habilitation and continuing care. Advancement
 * rests on defined behavioural objectives; testing continues at least twice a week until the last
 * phase. A court adopts these and adjusts them.
 */
export const DEFAULT_PHASES = [
  {
    name: 'Orientation and stabilization',
    minDays: 30,
    testsPerWeek: 2,
    advancementCriteria:
      'Attends court and treatment as scheduled; completes assessment and orientation; has a safety plan and naloxone; MOUD started or continued when prescribed.',
  },
  {
    name: 'Clinical stabilization',
    minDays: 90,
    testsPerWeek: 2,
    advancementCriteria:
      'Engaged in the treatment plan; attends sessions and tests as scheduled; honest about use; no unexcused absences for 30 days.',
  },
  {
    name: 'Pro-social habilitation',
    minDays: 90,
    testsPerWeek: 2,
    advancementCriteria:
      'Meets treatment goals for this level; builds recovery supports; 60 days with no unauthorized use; stable housing plan.',
  },
  {
    name: 'Adaptive habilitation',
    minDays: 90,
    testsPerWeek: 2,
    advancementCriteria:
      'Working, studying or volunteering; 90 days with no unauthorized use; continuing-care plan written with the counselor.',
  },
  {
    name: 'Continuing care',
    minDays: 90,
    testsPerWeek: 1,
    advancementCriteria: 'Continuing-care plan in place; recovery supports in the community; all graduation requirements met.',
  },
] as const;
