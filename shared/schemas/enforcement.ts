import * as z from 'zod';
import { timestamp } from './common.js';
import { message } from './messages.js';

/** A quarter `YYYYQn` (2026Q3). */
export const isoQuarter = z
  .string()
  .regex(/^\d{4}Q[1-4]$/, message({ zh: '季度应写作“年份Q季度”，如 2026Q3', en: 'a quarter as YYYYQn, e.g. 2026Q3' }))
  .meta({ example: '2026Q3' });

/** `GET /v1/stats/enforcement?quarter=` */
export const enforcementStatsQuery = z.object({ quarter: isoQuarter });

const share = z
  .number()
  .min(0)
  .max(1)
  .nullable()
  .meta({ description: '0–1 to three decimals; null: nothing to divide' });
const count = z.number().int().min(0);

/** The six measures of one inspector or one district (SPEC §6.7; shared/domain/enforcement.ts). */
const enforcementMeasures = z.object({
  volume: z.object({ inspections: count }).meta({ description: '执法量: inspections made' }),
  amount: z
    .object({ rectificationOrders: count, fines: count, fineTotalYuan: z.number().min(0), stopWorkOrders: count })
    .meta({ description: '额度: orders (责令改正), fines (罚款) and their total, stop-work orders (停工整改)' }),
  coverage: z
    .object({
      activeProjects: count,
      projectsInspected: count,
      share,
      supervisedProjects: count.nullable(),
      supervisedMeetingQuota: count.nullable(),
      supervisedQuotaShare: share,
    })
    .meta({
      description:
        '覆盖面: share of the projects under construction inspected (an inspector: in the districts they inspected ' +
        'in); districts only: supervised projects that got their monthly agency inspections in every month owed',
    }),
  richness: z
    .object({ findings: count, findingsPerInspection: z.number().nullable(), categoriesCovered: count })
    .meta({ description: '内容的丰富性: findings per inspection, hazard categories covered' }),
  regularity: z
    .object({
      twoInspectorsShare: share,
      reportsIssuedShare: share,
      verificationsDue: count,
      verificationsOnTimeShare: share,
    })
    .meta({
      description:
        '规范性: two inspectors (双人执法), reports issued, verifications (复查) by the rectification deadline',
    }),
  assessmentTie: z
    .object({
      governmentAssessments: count,
      assessedProjects: count.nullable(),
      withGovernmentAssessment: count.nullable(),
      shortfall: count.nullable(),
      share,
    })
    .meta({
      description:
        '评估工作的结合性: government assessments made at inspections; districts only: the share of assessed ' +
        "projects with their quarter's government assessment, and the agency's shortfall",
    }),
});

export const enforcementStatistics = z
  .object({
    quarter: z.string(),
    asOf: z.string().meta({ description: 'verifications judged as of this day (the quarter end, or today)' }),
    byInspector: z.array(enforcementMeasures.extend({ inspector: z.string() })),
    byDistrict: z.array(enforcementMeasures.extend({ district: z.string() })),
    basis: z.object({
      inspections: count,
      activeProjects: count,
      supervisedProjects: count,
      assessedProjects: count,
    }),
    targets: z.object({
      agencyInspectionsPerSupervisedProjectPerMonth: count,
      governmentAssessmentsPerQuarter: count,
    }),
    ruleSetVersion: z.string(),
    computedAt: timestamp,
  })
  .meta({ id: 'EnforcementStatistics' });
