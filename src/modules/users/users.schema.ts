import { z } from 'zod';

/** Roles a user holds in an organization. */
export const ROLES = [
  /** Manages the deployment: organizations, users, security settings. Never browses participants. */
  'admin',
  'judge',
  'coordinator',
  /** Counselor or clinician of a treatment provider. */
  'treatment_provider',
  'probation_officer',
  'case_manager',
  'peer_specialist',
  'defense_attorney',
  'prosecutor',
  /** Reviews emergency (break-glass) access and answers privacy questions; sees no participant records. */
  'privacy_officer',
  /** Program evaluator: de-identified figures only, never identities. */
  'evaluator',
] as const;
export const ZRole = z.enum(ROLES);
export type Role = z.infer<typeof ZRole>;

export const ZLocale = z.enum(['en', 'es']);
export type Locale = z.infer<typeof ZLocale>;

export const ZMembership = z.object({
  organizationId: z.uuid(),
  organizationName: z.string(),
  organizationKind: z.string(),
  role: ZRole,
});
export type Membership = z.infer<typeof ZMembership>;

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  status: z.enum(['active', 'disabled']),
  mfaEnabled: z.boolean(),
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  lastSignInAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  memberships: z.array(ZMembership),
});
export type User = z.infer<typeof ZUser>;

export const ZMembershipInput = z.object({ organizationId: z.uuid(), role: ZRole });

export const ZPassword = z.string().min(12, 'Use at least 12 characters.').max(256);

export const ZUserCreate = z.object({
  email: z
    .email()
    .max(254)
    .transform((value) => value.toLowerCase()),
  displayName: z.string().trim().min(1).max(200),
  locale: ZLocale.default('en'),
  password: ZPassword,
  memberships: z.array(ZMembershipInput).min(1).max(20),
});
export type UserCreate = z.infer<typeof ZUserCreate>;

export const ZUserUpdate = z
  .object({
    displayName: z.string().trim().min(1).max(200),
    locale: ZLocale,
    status: z.enum(['active', 'disabled']),
    memberships: z.array(ZMembershipInput).min(1).max(20),
    /** Clears a lockout after repeated failed sign-ins. */
    unlock: z.literal(true),
    /** Removes the user's authenticator so they enrol again at next sign-in. */
    resetMfa: z.literal(true),
    password: ZPassword,
  })
  .partial();
export type UserUpdate = z.infer<typeof ZUserUpdate>;

export const ZUserListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  organizationId: z.uuid().optional(),
  role: ZRole.optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
export const ZUserList = z.object({ items: z.array(ZUser) });
