import * as z from 'zod/mini';
import { isoQuarter, timestamp } from './common.js';
import { described } from './described.js';

/** `GET /v1/stats/enforcement?quarter=` */
export const enforcementStatsQuery = z.object({ quarter: isoQuarter });

const share = described(z.nullable(z.number().check(z.gte(0), z.lte(1))), {
  description: '0–1 to three decimals; null: nothing to divide',
});
const count = z.number().check(z.int(), z.gte(0));

/** The six measures of one inspector or one district (SPEC §6.7; shared/domain/enforcement.ts). */
const enforcementMeasures = z.object({
  volume: described(z.object({ inspections: count }), { description: '执法量: inspections made' }),
  amount: described(
    z.object({
      rectificationOrders: count,
      fines: count,
      fineTotalYuan: z.number().check(z.gte(0)),
      stopWorkOrders: count,
    }),
    { description: '额度: orders (责令改正), fines (罚款) and their total, stop-work orders (停工整改)' },
  ),
  coverage: described(
    z.object({
      activeProjects: count,
      projectsInspected: count,
      share,
      supervisedProjects: z.nullable(count),
      supervisedMeetingQuota: z.nullable(count),
      supervisedQuotaShare: share,
    }),
    {
      description:
        '覆盖面: share of the projects under construction inspected (an inspector: in the districts they inspected ' +
        'in); districts only: supervised projects that got their monthly agency inspections in every month owed',
    },
  ),
  richness: described(
    z.object({ findings: count, findingsPerInspection: z.nullable(z.number()), categoriesCovered: count }),
    { description: '内容的丰富性: findings per inspection, hazard categories covered' },
  ),
  regularity: described(
    z.object({
      twoInspectorsShare: share,
      reportsIssuedShare: share,
      verificationsDue: count,
      verificationsOnTimeShare: share,
    }),
    {
      description:
        '规范性: two inspectors (双人执法), reports issued, verifications (复查) by the rectification deadline',
    },
  ),
  assessmentTie: described(
    z.object({
      governmentAssessments: count,
      assessedProjects: z.nullable(count),
      withGovernmentAssessment: z.nullable(count),
      shortfall: z.nullable(count),
      share,
    }),
    {
      description:
        '评估工作的结合性: government assessments made at inspections; districts only: the share of assessed ' +
        "projects with their quarter's government assessment, and the agency's shortfall",
    },
  ),
});

export const enforcementStatistics = described(
  z.object({
    quarter: z.string(),
    asOf: described(z.string(), { description: 'verifications judged as of this day (the quarter end, or today)' }),
    byInspector: z.array(z.extend(enforcementMeasures, { inspector: z.string() })),
    byDistrict: z.array(z.extend(enforcementMeasures, { district: z.string() })),
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
  }),
  { id: 'EnforcementStatistics' },
);
