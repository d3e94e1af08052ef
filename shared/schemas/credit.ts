import * as z from 'zod';
import { GRADES } from '../domain/assessment/scoring.js';
import { RANKED_UNIT_ROLES } from '../domain/ranking.js';
import { isoDate } from './common.js';

/** `GET /public/credit?creditCode=&date=` */
export const publicCreditQuery = z.object({
  creditCode: z.string().trim().min(1).max(18).meta({
    description: 'the enterprise’s unified social credit code (统一社会信用代码)',
    example: '91110112MA01ABCD04',
  }),
  date: isoDate.optional().meta({ description: 'the day asked about (Asia/Shanghai); today when absent' }),
});

/** An enterprise's credit record on a date (SPEC §6.6): the lookup's answer and each record of the export. */
export const creditRecord = z
  .object({
    creditCode: z.string(),
    name: z.string().meta({ description: 'the enterprise’s name as last registered' }),
    date: isoDate,
    ranks: z
      .array(
        z.object({
          role: z.enum(RANKED_UNIT_ROLES),
          quarter: z.string(),
          rank: z.number().int().min(1),
          of: z.number().int().min(1),
          score: z.number(),
          grade: z.enum(GRADES),
          rankPoints: z.number(),
        }),
      )
      .meta({ description: 'its latest published rank in each role’s list (SPEC §6.4)' }),
    points: z
      .object({ totalInWindow: z.number().int().min(0), thresholdsReached: z.array(z.number().int()) })
      .meta({ description: 'penalty points (动态记分) counting that day and the thresholds reached (SPEC §6.3)' }),
    enterpriseCase: z
      .object({ status: z.string(), since: isoDate })
      .nullable()
      .meta({ description: 'enterprise-level differentiated supervision (企业级差别化监管) open that day' }),
    supervisedProjects: z
      .array(z.object({ projectId: z.string(), name: z.string(), level: z.number().int().min(0).max(3) }))
      .meta({ description: 'its projects under differentiated supervision that day, with the level' }),
    circulars: z
      .array(z.object({ number: z.string(), publishedOn: isoDate, validUntil: isoDate }))
      .meta({ description: 'circulars of criticism (通报) naming it that stood that day' }),
  })
  .meta({ id: 'CreditRecord' });
