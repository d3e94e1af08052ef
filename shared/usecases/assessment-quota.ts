/**
 * The agency's own duty under the status assessment (SPEC §6.2): at least one government assessment (政府评估) a
 * quarter for each assessed project, reported like the ≥ 4 inspections a month — as the agency's shortfall, never
 * the project's. Read from the quarter's sparse index of assessed projects (`listings.assessedShards`): a national
 * deployment reads the quarter's projects, never every project.
 */
import { quarterDays } from '../domain/assessment/periods.js';
import { listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { assessmentRulesOn } from './assessment-rules.js';

/** Projects named in the answer, at most (the counts are always whole). */
const LISTED = 1000;

/** `governmentAssessments` of `GET /v1/stats`: the quarter's assessed projects and the agency's shortfall. */
export async function governmentAssessmentQuota(quarter: string) {
  const rules = await assessmentRulesOn(quarterDays(quarter).last);
  const target = rules.thresholds.governmentAssessmentsPerQuarter;
  const shards = await Promise.all(
    listings
      .assessedShards(quarter)
      .map((shard) =>
        allListingItems(shard, { attributes: ['projectId', 'projectName', 'district', 'governmentAssessments'] }),
      ),
  );
  const projects = shards.flat().map((item) => ({
    projectId: String(item.projectId),
    name: String(item.projectName ?? ''),
    district: String(item.district ?? ''),
    governmentAssessments: Number(item.governmentAssessments ?? 0),
  }));
  const owed = (p: (typeof projects)[number]) => Math.max(0, target - p.governmentAssessments);
  const districts = new Map<string, { district: string; assessedProjects: number; shortfall: number }>();
  for (const project of projects) {
    const entry = districts.get(project.district) ?? { district: project.district, assessedProjects: 0, shortfall: 0 };
    entry.assessedProjects += 1;
    entry.shortfall += owed(project);
    districts.set(project.district, entry);
  }
  const short = projects.filter((p) => owed(p) > 0).sort((a, b) => a.projectId.localeCompare(b.projectId));
  return {
    quarter,
    target: { perProjectPerQuarter: target },
    assessedProjects: projects.length,
    withGovernmentAssessment: projects.filter((p) => owed(p) === 0).length,
    /** government assessments the agency still owes this quarter */
    shortfall: projects.reduce((total, p) => total + owed(p), 0),
    byDistrict: [...districts.values()].sort((a, b) => a.district.localeCompare(b.district)),
    projectsShort: short.slice(0, LISTED).map(({ projectId, name, district, governmentAssessments }) => ({
      projectId,
      name,
      district,
      governmentAssessments,
    })),
    projectsShortTruncated: short.length > LISTED,
    ruleSetVersion: rules.ruleSetVersion,
  };
}
