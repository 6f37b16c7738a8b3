import type { Locale } from '../users/users.schema.js';
import type { GoalOwner, LifeArea, Spectrum, StepActor } from './goal-kinds.js';

/*
 * The words of the participant's own copy of their plan, in each language Tandem speaks: the printed
 * plan (plan-pdf.ts) and the screen the team goes through with the participant read the same ones.
 */

export type PlanWords = {
  title: string;
  page: string;
  participant: string;
  printed: string;
  review: string;
  goalsHeading: string;
  none: string;
  steps: string;
  noSteps: string;
  skills: string;
  supports: string;
  target: string;
  whose: Record<GoalOwner, string>;
  areas: Record<LifeArea, string>;
  spectrum: Record<Spectrum, string>;
  difficulty: { proximal: string; distal: string };
  actors: Record<StepActor, string>;
  done: string;
  due: string;
  heldBy: string;
  agreement: (version: number) => string;
  progress: string;
  readings: Record<'met' | 'not_met' | 'no_data' | 'awaiting_confirmation', string>;
  indicatorTests: (days: number) => string;
  indicatorAttendance: (count: number) => string;
  recoveryCapital: (total: number, on: string) => string;
};

export const PLAN_WORDS: Record<Locale, PlanWords> = {
  en: {
    title: 'My plan',
    page: 'Page',
    participant: 'Participant',
    printed: 'Printed',
    review: 'Next review',
    goalsHeading: 'My goals',
    none: 'No goals are recorded yet.',
    steps: 'Steps',
    noSteps: 'No steps yet.',
    skills: 'Skills I am building',
    supports: 'People supporting me (with my permission)',
    target: 'Target date',
    whose: { participant: 'My goal', provider: 'My treatment team’s goal', mandate: 'The court’s expectation' },
    areas: {
      substance_use: 'Substance use',
      health: 'Health',
      housing: 'Housing',
      employment_education: 'Work and school',
      family: 'Family',
      legal: 'Legal',
      recovery_capital: 'Recovery and well-being',
    },
    spectrum: { safer_practices: 'Safer practices', risk_reduction: 'Reducing risk', abstinence: 'Abstinence' },
    difficulty: { proximal: 'A step I can take now', distal: 'A longer-term goal' },
    actors: {
      participant: 'Me',
      counselor: 'My counselor',
      case_manager: 'My case manager',
      peer: 'My peer specialist',
      natural_support: 'A person supporting me',
    },
    done: 'done',
    due: 'by',
    heldBy: 'Recorded by',
    agreement: (version) => `My agreement with the court (version ${version})`,
    progress: 'Progress',
    readings: { met: 'met', not_met: 'not yet', no_data: 'no record yet', awaiting_confirmation: 'awaiting confirmation' },
    indicatorTests: (days) => `No positive tests for ${days} days`,
    indicatorAttendance: (count) => `Attend ${count} sessions a week`,
    recoveryCapital: (total, on) => `Recovery capital (BARC-10): ${total} of 60, on ${on}`,
  },
  es: {
    title: 'Mi plan',
    page: 'Página',
    participant: 'Participante',
    printed: 'Impreso',
    review: 'Próxima revisión',
    goalsHeading: 'Mis metas',
    none: 'Todavía no hay metas registradas.',
    steps: 'Pasos',
    noSteps: 'Todavía no hay pasos.',
    skills: 'Habilidades que estoy desarrollando',
    supports: 'Personas que me apoyan (con mi permiso)',
    target: 'Fecha meta',
    whose: {
      participant: 'Mi meta',
      provider: 'La meta de mi equipo de tratamiento',
      mandate: 'Lo que espera el tribunal',
    },
    areas: {
      substance_use: 'Consumo de sustancias',
      health: 'Salud',
      housing: 'Vivienda',
      employment_education: 'Trabajo y estudios',
      family: 'Familia',
      legal: 'Asuntos legales',
      recovery_capital: 'Recuperación y bienestar',
    },
    spectrum: { safer_practices: 'Prácticas más seguras', risk_reduction: 'Reducir riesgos', abstinence: 'Abstinencia' },
    difficulty: { proximal: 'Un paso que puedo dar ahora', distal: 'Una meta a más largo plazo' },
    actors: {
      participant: 'Yo',
      counselor: 'Mi consejero/a',
      case_manager: 'Mi administrador/a de casos',
      peer: 'Mi especialista de pares',
      natural_support: 'Una persona que me apoya',
    },
    done: 'hecho',
    due: 'para el',
    heldBy: 'Registrado por',
    agreement: (version) => `Mi acuerdo con el tribunal (versión ${version})`,
    progress: 'Progreso',
    readings: {
      met: 'cumplido',
      not_met: 'todavía no',
      no_data: 'sin registros aún',
      awaiting_confirmation: 'esperando confirmación',
    },
    indicatorTests: (days) => `Ninguna prueba positiva en ${days} días`,
    indicatorAttendance: (count) => `Asistir a ${count} sesiones por semana`,
    recoveryCapital: (total, on) => `Capital de recuperación (BARC-10): ${total} de 60, el ${on}`,
  },
};
