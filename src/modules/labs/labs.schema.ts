import { z } from 'zod';
import { ZAnalyteCode, ZSubstanceGroup } from '../testing/substances.js';

/** What a lab's code stands for: an analyte's result, a validity reading, or nothing Tandem keeps. */
export const CODE_TARGETS = [
  'result',
  'creatinine',
  'specific_gravity',
  'ph',
  'oxidants',
  'specimen_validity',
  'ignore',
] as const;
export type CodeTarget = (typeof CODE_TARGETS)[number];

export const TRANSPORTS = ['mllp', 'https', 'file'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** What became of a message: applied; applied in part with items for review; held whole for review; refused. */
export const MESSAGE_STATUSES = ['processed', 'partly_processed', 'review', 'rejected', 'duplicate'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const REVIEW_REASONS = ['unmatched_specimen', 'unmapped_code', 'unknown_lab', 'result_conflict'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const ZLabCreate = z.object({
  name: z.string().trim().min(2).max(200),
  sendingFacility: z.string().trim().min(1).max(180),
  organizationId: z.uuid(),
});

export const ZCodeMappingInput = z
  .object({
    code: z.string().trim().min(1).max(80),
    target: z.enum(CODE_TARGETS),
    analyte: ZAnalyteCode.nullable().default(null),
    substanceGroup: ZSubstanceGroup.nullable().default(null),
    stage: z.enum(['screen', 'confirmation']).nullable().default(null),
    display: z.string().trim().max(200).default(''),
  })
  .refine((m) => (m.target === 'result') === (m.analyte !== null), {
    message: 'A result mapping names its analyte; other mappings do not.',
    path: ['analyte'],
  });
export type CodeMappingInput = z.infer<typeof ZCodeMappingInput>;

/** Settling a review item: the test a specimen belongs to, a mapping for a code, or dismissing it. */
export const ZReviewResolution = z.discriminatedUnion('action', [
  z.object({ action: z.literal('match'), testId: z.uuid(), note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('map'), mapping: ZCodeMappingInput, note: z.string().trim().max(2000).optional() }),
  z.object({ action: z.literal('dismiss'), note: z.string().trim().min(3).max(2000) }),
]);
export type ReviewResolution = z.infer<typeof ZReviewResolution>;
