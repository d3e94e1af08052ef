import * as z from 'zod/mini';
import { GRADES } from '../domain/assessment/scoring.js';
import { RANKED_UNIT_ROLES } from '../domain/ranking.js';
import { isoDate } from './common.js';
import { described } from './described.js';

/** `GET /public/credit?creditCode=&date=` */
export const publicCreditQuery = z.object({
  creditCode: described(z.string().check(z.trim(), z.minLength(1), z.maxLength(18)), {
    description: 'the enterprise’s unified social credit code (统一社会信用代码)',
    example: '91110112MA01ABCD04',
  }),
  date: described(z.optional(isoDate), { description: 'the day asked about (Asia/Shanghai); today when absent' }),
});

/** An enterprise's credit record on a date (SPEC §6.6): the lookup's answer and each record of the export. */
export const creditRecord = described(
  z.object({
    creditCode: z.string(),
    name: described(z.string(), { description: 'the enterprise’s name as last registered' }),
    date: isoDate,
    ranks: described(
      z.array(
        z.object({
          role: z.enum(RANKED_UNIT_ROLES),
          quarter: z.string(),
          rank: z.number().check(z.int(), z.gte(1)),
          of: z.number().check(z.int(), z.gte(1)),
          score: z.number(),
          grade: z.enum(GRADES),
          rankPoints: z.number(),
        }),
      ),
      { description: 'its latest published rank in each role’s list (SPEC §6.4)' },
    ),
    points: described(
      z.object({
        totalInWindow: z.number().check(z.int(), z.gte(0)),
        thresholdsReached: z.array(z.number().check(z.int())),
      }),
      { description: 'penalty points (动态记分) counting that day and the thresholds reached (SPEC §6.3)' },
    ),
    enterpriseCase: described(z.nullable(z.object({ status: z.string(), since: isoDate })), {
      description: 'enterprise-level differentiated supervision (企业级差别化监管) open that day',
    }),
    supervisedProjects: described(
      z.array(
        z.object({ projectId: z.string(), name: z.string(), level: z.number().check(z.int(), z.gte(0), z.lte(3)) }),
      ),
      { description: 'its projects under differentiated supervision that day, with the level' },
    ),
    circulars: described(z.array(z.object({ number: z.string(), publishedOn: isoDate, validUntil: isoDate })), {
      description: 'circulars of criticism (通报) naming it that stood that day',
    }),
  }),
  { id: 'CreditRecord' },
);
