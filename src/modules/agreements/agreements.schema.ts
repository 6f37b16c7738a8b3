import { z } from 'zod';
import { ZMedication } from '../medications/medication-catalog.js';
import { ZSubstanceGroup } from '../testing/substances.js';
import { ZLocale } from '../users/users.schema.js';
import { CONDITION_KINDS } from './validate-condition.js';

export const AGREEMENT_STATUSES = ['draft', 'acknowledged', 'superseded'] as const;

const ZWording = z
  .object({ en: z.string().trim().max(2000).optional(), es: z.string().trim().max(2000).optional() })
  .refine((w) => Boolean(w.en || w.es), { error: 'Word the condition in at least one language.' });

export const ZConditionDraft = z.object({
  kind: z.enum(CONDITION_KINDS),
  wording: ZWording,
  monitoredBy: z.string().trim().max(200).default(''),
  method: z.string().trim().max(200).default(''),
  frequency: z.string().trim().max(200).default(''),
  fromPhase: z.number().int().min(1).max(20).nullable().default(null),
  sanctioned: z.boolean().default(false),
  substances: z
    .union([z.literal('all'), z.array(ZSubstanceGroup).min(1)])
    .nullable()
    .default(null),
  exceptsPrescribed: z.boolean().default(true),
  medication: z
    .object({
      action: z.enum(['stop', 'taper', 'refuse', 'start', 'switch', 'take_as_prescribed']),
      of: z.union([ZMedication, z.literal('any_prescribed')]),
      prescriberOrder: z.boolean().default(false),
    })
    .nullable()
    .default(null),
});

export const ZAgreementCreate = z.object({
  enrollmentId: z.uuid(),
  language: ZLocale,
  conditions: z.array(ZConditionDraft).min(1).max(40),
});
export type AgreementCreate = z.infer<typeof ZAgreementCreate>;

export const ZAcknowledgement = z.object({
  acknowledgedOn: z.iso.date(),
});

const ZFinding = z.object({
  ruleId: z.string(),
  severity: z.enum(['refuse', 'warn']),
  source: z.string(),
  reason: z.string(),
});

export const ZAgreement = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  version: z.number().int(),
  status: z.enum(AGREEMENT_STATUSES),
  language: ZLocale,
  acknowledgedOn: z.iso.date().nullable(),
  witnessedByName: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  conditions: z.array(
    ZConditionDraft.extend({
      id: z.uuid(),
      position: z.number().int(),
      /** The validator's warnings, in the reader's language, and the rules' version it checked against. */
      warnings: z.array(ZFinding),
      rulesVersion: z.string(),
    }),
  ),
});

export const ZAgreements = z.object({ items: z.array(ZAgreement) });
