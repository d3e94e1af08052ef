import * as z from 'zod/mini';
import { THRESHOLD_RULES } from '../domain/rule-set.js';
import { CIRCULAR_STATUSES } from '../domain/vocabulary.js';
import { isoDate, isoMonth, paginationQuery, recordId, text } from './common.js';
import { described } from './described.js';

export const startEvaluationBody = described(z.object({ month: isoMonth }), { id: 'StartEvaluation' });
export const runIdParams = z.object({ runId: recordId('run') });
export const evaluationRun = described(
  z.looseObject({
    runId: recordId('run'),
    month: isoMonth,
    status: z.enum(['running', 'succeeded', 'failed']),
    evaluated: described(z.number().check(z.int()), {
      description: 'cycles judged: a case no run judged for months is judged cycle by cycle, each counted',
    }),
    escalated: z.number().check(z.int()),
    released: z.number().check(z.int()),
    continued: z.number().check(z.int()),
    proposed: z.number().check(z.int()),
    progress: z.object({
      casesDue: described(z.nullable(z.number().check(z.int())), {
        description: 'cases whose cycle ended by the month’s last day, once the run is planned',
      }),
      done: described(z.number().check(z.int()), {
        description: 'of those, the cases judged so far, each once however many cycles',
      }),
      batches: z.nullable(z.number().check(z.int())),
      batchesDone: z.number().check(z.int()),
    }),
  }),
  { id: 'EvaluationRun' },
);
export const statsQuery = z.object({
  month: isoMonth,
  nextToken: described(z.optional(z.string().check(z.maxLength(2048))), {
    description: 'the next page of the per-case lines (1,000 a page), from the previous answer',
  }),
});

export const circularIdParams = z.object({ circularId: recordId('cir') });
export const listCircularsQuery = z.extend(paginationQuery, { status: z.optional(z.enum(CIRCULAR_STATUSES)) });
export const publishCircularBody = described(
  z._default(
    z.object({
      publicationMonths: described(
        z.optional(
          z
            .number()
            .check(
              z.int(),
              z.gte(THRESHOLD_RULES.publicationMonthsMin.min),
              z.lte(THRESHOLD_RULES.publicationMonthsMax.max),
            ),
        ),
        {
          description:
            'publication period in months: never outside 6 months to 3 years (national credit-information rules), and ' +
            "within the bounds of the rule set in force (422 otherwise); the rule set's default (1 year) when absent",
        },
      ),
    }),
    {},
  ),
  { id: 'PublishCircular' },
);
export const retractCircularBody = described(
  z.object({
    reason: described(text(2000), {
      description: 'published: names known from the project are masked, ID and telephone numbers removed',
    }),
  }),
  { id: 'RetractCircular' },
);
export const withdrawCircularBody = described(
  z.object({
    reason: described(text(2000), { description: 'why the draft is abandoned (kept by the agency, never published)' }),
  }),
  { id: 'WithdrawCircular' },
);
export const correctRetractionBody = described(
  z.object({
    reason: described(text(2000), { description: 'the corrected reason, published masked like the retraction' }),
  }),
  { id: 'CorrectRetraction' },
);

export const publicStatusQuery = z.object({
  // checked by the use case, which says in Chinese what is wrong with it (length, alphabet, check character)
  creditCode: described(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)), {
    description: 'unified social credit code (统一社会信用代码)',
  }),
  date: described(z.optional(isoDate), { description: 'the day asked about (Asia/Shanghai); today when left out' }),
});
