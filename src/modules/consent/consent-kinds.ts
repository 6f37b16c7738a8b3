import type { Purpose } from '../access/access-context.js';
import type { TeamRole } from '../participants/participants.schema.js';

/** Kinds of consent; each is its own document, never combined. */
export const CONSENT_KINDS = ['general', 'tpo', 'criminal_justice', 'legal_proceedings', 'counseling_notes'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** The purposes each kind of consent can serve (TPO never reaches the court; §2.35 serves monitoring only). */
export const PURPOSES_OF_KIND: Record<ConsentKind, readonly Purpose[]> = {
  general: ['treatment', 'payment', 'operations', 'court_monitoring', 'supervision', 'legal_representation'],
  tpo: ['treatment', 'payment', 'operations'],
  criminal_justice: ['court_monitoring', 'supervision'],
  legal_proceedings: ['legal_proceedings'],
  counseling_notes: ['treatment', 'payment', 'operations', 'court_monitoring', 'supervision', 'legal_representation'],
};

/** Case roles of the court side: court, probation, prosecution, defense. Never break-glass (R11). */
export const COURT_SIDE_ROLES: readonly TeamRole[] = [
  'judge',
  'coordinator',
  'probation_officer',
  'prosecutor',
  'defense_attorney',
];

/** Who may receive under §2.35: those who made treatment a condition and monitor progress. */
export const JUSTICE_RECIPIENT_ROLES: readonly TeamRole[] = ['judge', 'coordinator', 'probation_officer', 'prosecutor'];
