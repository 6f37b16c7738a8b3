/** The API's enumerations, from the server's contracts, for selects and labels. */
export { TOKEN_SCOPES } from '../../modules/auth/auth.schema';
export { ORGANIZATION_KINDS } from '../../modules/organizations/organizations.schema';
export { ENROLLMENT_STATUSES, TEAM_ROLES } from '../../modules/participants/participants.schema';
export { PROGRAM_TRACKS } from '../../modules/programs/programs.schema';
export { ROLES } from '../../modules/users/users.schema';

/** Audit outcomes (ZAuditEntry.outcome). */
export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export { CONSENT_KINDS } from '../../modules/consent/consent-kinds';
export { NOTE_KINDS } from '../../modules/notes/notes.schema';
export { DATA_CLASSES, TREATMENT_CLASSES } from '../../modules/records/data-classes';

import { ZPurpose } from '../../modules/consent/consent.schema';

/** The purposes a consent names. */
export const PURPOSES = ZPurpose.options;
