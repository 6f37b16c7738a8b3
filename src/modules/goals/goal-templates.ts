import type { Locale } from '../users/users.schema.js';
import type { Difficulty, GoalOwner, Indicator, LifeArea, Spectrum } from './goal-kinds.js';

/*
 * Starting points for goals: the treatment provider's and the mandating entity's goals as the field
 * names them ("Harm Reduction and Mandated Clients": improvement in life situation, reduced impact of
 * substance use; no illegal activity, public and family safety, staying out of jail), and the proximal
 * steps a harm-reduction court builds on (honesty, attendance, carrying naloxone). A template fills
 * the form; the team words the goal for this participant before saving it.
 */

export type GoalTemplate = {
  id: string;
  owner: GoalOwner;
  lifeArea: LifeArea;
  spectrum: Spectrum | null;
  difficulty: Difficulty;
  words: Record<Locale, string>;
  indicators: Indicator[];
};

export const GOAL_TEMPLATES: readonly GoalTemplate[] = [
  {
    id: 'provider_life_situation',
    owner: 'provider',
    lifeArea: 'recovery_capital',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Improvement in life situation', es: 'Mejorar la situación de vida' },
    indicators: [],
  },
  {
    id: 'provider_reduced_impact',
    owner: 'provider',
    lifeArea: 'substance_use',
    spectrum: 'risk_reduction',
    difficulty: 'proximal',
    words: {
      en: 'Reduced impact on life from substance use',
      es: 'Menor impacto del consumo de sustancias en la vida',
    },
    indicators: [],
  },
  {
    id: 'mandate_life_situation',
    owner: 'mandate',
    lifeArea: 'recovery_capital',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Improvement in life situation', es: 'Mejorar la situación de vida' },
    indicators: [],
  },
  {
    id: 'mandate_abstinence',
    owner: 'mandate',
    lifeArea: 'substance_use',
    spectrum: 'abstinence',
    difficulty: 'distal',
    words: {
      en: 'Reduced impact of substance use on life — abstinence from non-prescribed substances',
      es: 'Menor impacto del consumo en la vida — abstinencia de sustancias no recetadas',
    },
    indicators: [{ kind: 'no_positive_tests', substances: 'all', days: 30 }],
  },
  {
    id: 'mandate_no_illegal_activity',
    owner: 'mandate',
    lifeArea: 'legal',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'No illegal activity', es: 'Ninguna actividad ilegal' },
    indicators: [],
  },
  {
    id: 'mandate_public_safety',
    owner: 'mandate',
    lifeArea: 'family',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Protecting public and family safety', es: 'Proteger la seguridad pública y familiar' },
    indicators: [],
  },
  {
    id: 'mandate_out_of_jail',
    owner: 'mandate',
    lifeArea: 'legal',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Staying out of jail', es: 'No volver a la cárcel' },
    indicators: [],
  },
  {
    id: 'proximal_carry_naloxone',
    owner: 'provider',
    lifeArea: 'substance_use',
    spectrum: 'safer_practices',
    difficulty: 'proximal',
    words: { en: 'Carry naloxone', es: 'Llevar naloxona' },
    indicators: [{ kind: 'observed', label: { en: 'Carries naloxone', es: 'Lleva naloxona' } }],
  },
  {
    id: 'proximal_honesty',
    owner: 'provider',
    lifeArea: 'recovery_capital',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Be honest with the team about use', es: 'Ser honesto/a con el equipo sobre el consumo' },
    indicators: [{ kind: 'observed', label: { en: 'Tells the team about use', es: 'Le cuenta al equipo sobre el consumo' } }],
  },
  {
    id: 'proximal_attendance',
    owner: 'provider',
    lifeArea: 'substance_use',
    spectrum: null,
    difficulty: 'proximal',
    words: { en: 'Attend treatment groups as scheduled', es: 'Asistir a los grupos de tratamiento según lo programado' },
    indicators: [{ kind: 'attendance_per_week', count: 3, eventKinds: ['treatment_group', 'intensive_outpatient'] }],
  },
];
