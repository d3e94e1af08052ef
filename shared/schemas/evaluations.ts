import * as z from 'zod';
import { THRESHOLD_RULES } from '../domain/rule-set.js';
import { CIRCULAR_STATUSES } from '../domain/vocabulary.js';
import { isoDate, isoMonth, paginationQuery, recordId, text } from './common.js';

export const startEvaluationBody = z.object({ month: isoMonth }).meta({ id: 'StartEvaluation' });
export const runIdParams = z.object({ runId: recordId('run') });
export const evaluationRun = z
  .object({
    runId: recordId('run'),
    month: isoMonth,
    status: z.enum(['running', 'succeeded', 'failed']),
    evaluated: z
      .number()
      .int()
      .meta({ description: 'cycles judged: a case no run judged for months is judged cycle by cycle, each counted' }),
    escalated: z.number().int(),
    released: z.number().int(),
    continued: z.number().int(),
    proposed: z.number().int(),
    progress: z.object({
      casesDue: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'cases whose cycle ended by the month’s last day, once the run is planned' }),
      done: z.number().int().meta({ description: 'of those, the cases judged so far, each once however many cycles' }),
      batches: z.number().int().nullable(),
      batchesDone: z.number().int(),
    }),
  })
  .passthrough()
  .meta({ id: 'EvaluationRun' });
export const statsQuery = z.object({
  month: isoMonth,
  nextToken: z
    .string()
    .max(2048)
    .optional()
    .meta({ description: 'the next page of the per-case lines (1,000 a page), from the previous answer' }),
});

export const circularIdParams = z.object({ circularId: recordId('cir') });
export const listCircularsQuery = paginationQuery.extend({ status: z.enum(CIRCULAR_STATUSES).optional() });
export const publishCircularBody = z
  .object({
    publicationMonths: z
      .number()
      .int()
      .min(THRESHOLD_RULES.publicationMonthsMin.min)
      .max(THRESHOLD_RULES.publicationMonthsMax.max)
      .optional()
      .meta({
        description:
          'publication period in months: never outside 6 months to 3 years (national credit-information rules), and ' +
          "within the bounds of the rule set in force (422 otherwise); the rule set's default (1 year) when absent",
      }),
  })
  .default({})
  .meta({ id: 'PublishCircular' });
export const retractCircularBody = z
  .object({
    reason: text(2000).meta({
      description: 'published: names known from the project are masked, ID and telephone numbers removed',
    }),
  })
  .meta({ id: 'RetractCircular' });
export const withdrawCircularBody = z
  .object({
    reason: text(2000).meta({ description: 'why the draft is abandoned (kept by the agency, never published)' }),
  })
  .meta({ id: 'WithdrawCircular' });
export const correctRetractionBody = z
  .object({ reason: text(2000).meta({ description: 'the corrected reason, published masked like the retraction' }) })
  .meta({ id: 'CorrectRetraction' });

export const publicStatusQuery = z.object({
  // checked by the use case, which says in Chinese what is wrong with it (length, alphabet, check character)
  creditCode: z.string().trim().min(1).max(64).meta({ description: 'unified social credit code (统一社会信用代码)' }),
  date: isoDate.optional().meta({ description: 'the day asked about (Asia/Shanghai); today when left out' }),
});
