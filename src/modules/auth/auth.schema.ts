import { z } from 'zod';
import { ZLocale, ZMembership, ZRole } from '../users/users.schema.js';

/**
 * What an integration token may do. Participant scopes see what the token's organization may see;
 * `participants:write` (enroll and correct records, for a court's own case system) implies reading.
 */
export const TOKEN_SCOPES = ['participants:read', 'participants:write', 'audit:read', 'lab_results:write'] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof ZTokenScope>;

export const ZLoginRequest = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const ZSessionStage = z.enum(['mfa_required', 'mfa_enrolment_required', 'active']);

export const ZLoginResponse = z.object({
  /** `active`: signed in. Otherwise the next step is the second factor (verify, or enrol first). */
  stage: ZSessionStage,
  /** Send as `X-CSRF-Token` with every cookie-authenticated request that changes state. */
  csrfToken: z.string(),
});

export const ZMfaVerifyRequest = z.object({
  /** A 6-digit authenticator code or one recovery code. */
  code: z.string().trim().min(6).max(32),
});

export const ZMfaEnrolment = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
});
export const ZMfaEnrolConfirm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'Enter the 6-digit code.'),
});
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

export const ZMe = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    locale: ZLocale,
    mfaEnabled: z.boolean(),
  }),
  memberships: z.array(ZMembership),
  stage: ZSessionStage,
  /** Roles across all memberships, for the web app's menus; the server decides access itself. */
  roles: z.array(ZRole),
  sessionExpiresAt: z.iso.datetime({ offset: true }),
  /** The session's CSRF token, for tabs opened after sign-in. */
  csrfToken: z.string(),
  /** What the user may do, so the web app shows only the actions the server would allow. */
  capabilities: z.object({
    admin: z.boolean(),
    /** For each court action, the courts where the user may take it. */
    courtActions: z.record(z.string(), z.array(z.uuid())),
    /** False for admins and evaluators, who see no participants. */
    seesParticipants: z.boolean(),
    /** A member of the court, probation, prosecution or defense (outside 42 CFR Part 2). */
    courtSide: z.boolean(),
    /** Clinical staff of a treatment program may open emergency access to a participant's records (break-glass). */
    breakGlass: z.boolean(),
    /** A privacy officer reviews emergency accesses. */
    reviewsBreakGlass: z.boolean(),
    /** Handles a lab's results for an organization: its review queue and code mappings. */
    labReview: z.boolean(),
  }),
  idleTimeoutMinutes: z.number().int(),
});
export type Me = z.infer<typeof ZMe>;

export const ZMeUpdate = z.object({ locale: ZLocale.optional(), displayName: z.string().trim().min(1).max(200).optional() });

export const ZPasswordChange = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(12, 'Use at least 12 characters.').max(256),
});

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  organizationId: z.uuid(),
  scopes: z.array(ZTokenScope),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export const ZApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(200),
  organizationId: z.uuid(),
  scopes: z.array(ZTokenScope).min(1),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export const ZApiTokenCreated = z.object({ token: ZApiToken, secret: z.string() });
export const ZApiTokenList = z.object({ items: z.array(ZApiToken) });

export const ZSecuritySettings = z.object({
  mfaRequiredRoles: z.array(ZRole),
  sessionIdleMinutes: z.number().int().min(1).max(30),
  sessionMaxHours: z.number().int().min(1).max(24),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
});
export type SecuritySettings = z.infer<typeof ZSecuritySettings>;
export const ZSecuritySettingsUpdate = ZSecuritySettings.partial();
