import { z } from 'zod';

/** The kinds of organization on a treatment-court team. */
export const ORGANIZATION_KINDS = [
  /** A treatment court program: the mandating entity. */
  'court',
  /** A substance-use treatment program; its records are protected by 42 CFR Part 2. */
  'treatment_provider',
  'probation',
  'defense',
  'prosecution',
  'community_partner',
] as const;
export const ZOrganizationKind = z.enum(ORGANIZATION_KINDS);
export type OrganizationKind = z.infer<typeof ZOrganizationKind>;

export const ZOrganization = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZOrganizationKind,
  /** True for programs whose records 42 CFR Part 2 protects (treatment providers by default). */
  part2Program: z.boolean(),
  /** IANA time zone; a court's dates are local to it. */
  timeZone: z.string(),
  active: z.boolean(),
  /** For a court: the partner organizations that serve it. */
  partnerIds: z.array(z.uuid()),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Organization = z.infer<typeof ZOrganization>;

const ZTimeZone = z.string().refine((value) => Intl.supportedValuesOf('timeZone').includes(value) || value === 'UTC', {
  message: 'Unknown time zone',
});

export const ZOrganizationCreate = z.object({
  name: z.string().trim().min(2).max(200),
  kind: ZOrganizationKind,
  part2Program: z.boolean().optional(),
  timeZone: ZTimeZone.default('America/New_York'),
  partnerIds: z.array(z.uuid()).max(100).default([]),
});
export type OrganizationCreate = z.infer<typeof ZOrganizationCreate>;

export const ZOrganizationUpdate = z
  .object({
    name: z.string().trim().min(2).max(200),
    part2Program: z.boolean(),
    timeZone: ZTimeZone,
    active: z.boolean(),
    partnerIds: z.array(z.uuid()).max(100),
  })
  .partial();
export type OrganizationUpdate = z.infer<typeof ZOrganizationUpdate>;

export const ZOrganizationList = z.object({ items: z.array(ZOrganization) });
