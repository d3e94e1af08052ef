/**
 * `GET /v1/stats/enforcement?quarter=` (SPEC §6.7, 执法工作评价; seed 004: 分执法量、额度、覆盖面、内容的丰富性、规范性和
 * 评估工作的结合性等加强执法工作考核): the quarter's enforcement measures per inspector and per district, computed by
 * the pure `enforcementMeasures` (shared/domain/enforcement.ts) over records read in bounded queries — never a
 * project's partition, never every project's:
 *
 * | what | read from | size |
 * |---|---|---|
 * | the quarter's inspections (measures, findings, verifications; their reports read by key) | `INSPECTIONS#{quarter}#{0..15}`: the inspection items themselves, listed at intake under the quarter of their date | the quarter's inspections |
 * | government assessments, assessed projects | `ASSESSED#{quarter}#{0..15}`: the quarter standings (each in-force assessment with its inspection) | the quarter's assessed projects |
 * | supervised projects and their monthly quota | `CASES#active#…`, `CASES#released#…` (released since the quarter began) | the cases under supervision |
 * | projects under construction | `PROJECTREGISTER#{0..15}`: ≈ 150 bytes per registered project | the register |
 *
 * The shards of each listing are read in parallel. docs/enforcement.md says how this grows.
 */
import { quarterDays } from '../domain/assessment/periods.js';
import { endOfShanghaiDay, shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import {
  type EnforcementMeasures,
  type EnforcementQuarter,
  enforcementMeasures,
  type InspectionRecord,
  supervisedInQuarter,
} from '../domain/enforcement.js';
import { InvalidInputError } from '../domain/errors.js';
import { AGENCY_INSPECTIONS_PER_MONTH, type ProjectPhase } from '../domain/vocabulary.js';
import { keys, listings } from '../store/keys.js';
import { allListingItems } from '../store/listing.js';
import { readItems } from '../store/project-collection.js';
import type { InspectionRecord as StoredInspection } from '../store/snapshot.js';
import { assessmentRulesOn } from './assessment-rules.js';

type Item = Record<string, unknown>;

/** The answer of `GET /v1/stats/enforcement`. */
export interface EnforcementStatistics {
  quarter: string;
  /** the day verifications were judged as of: the quarter's last day, or today while the quarter runs */
  asOf: string;
  byInspector: Array<{ inspector: string } & EnforcementMeasures>;
  byDistrict: Array<{ district: string } & EnforcementMeasures>;
  /** how many records each figure rests on */
  basis: { inspections: number; activeProjects: number; supervisedProjects: number; assessedProjects: number };
  targets: { agencyInspectionsPerSupervisedProjectPerMonth: number; governmentAssessmentsPerQuarter: number };
  ruleSetVersion: string;
  computedAt: string;
}

/** Every item of every shard of a listing, the shards read in parallel. */
async function readShards(shards: readonly string[], attributes: readonly string[]): Promise<Item[]> {
  return (await Promise.all(shards.map((shard) => allListingItems(shard, { attributes })))).flat();
}

/**
 * The quarter's statistics. A quarter not yet begun is refused; the quarter under way is answered as it stands
 * today (verifications judged only once due by today).
 */
export async function enforcementStatistics(quarter: string, now: Date): Promise<EnforcementStatistics> {
  const today = shanghaiDate(now);
  const { first, last } = quarterDays(quarter);
  if (first > today) {
    throw new InvalidInputError(
      { zh: `${quarter} 尚未开始，没有执法统计`, en: `${quarter} has not begun: there is nothing to count yet` },
      [{ field: 'quarter', message: { zh: `不能晚于本季度`, en: 'must not be after the current quarter' } }],
    );
  }
  const asOf = last < today ? last : today;
  const rules = await assessmentRulesOn(last);
  const excluded: readonly ProjectPhase[] = rules.thresholds.ranking.excludedPhases;

  const [inspectionItems, assessedItems, activeCases, releasedCases, registered] = await Promise.all([
    readShards(listings.inspectionQuarterShards(quarter), [
      'id',
      'projectId',
      'date',
      'inspectors',
      'measures',
      'enforcement',
    ]),
    readShards(listings.assessedShards(quarter), ['projectId', 'district', 'assessments']),
    readShards(listings.casesByStatus('active'), ['projectId', 'district', 'includedOn', 'releasedOn']),
    Promise.all(
      listings.casesByStatus('released').map((shard) =>
        allListingItems(shard, {
          attributes: ['projectId', 'district', 'includedOn', 'releasedOn'],
          filter: { expression: 'releasedOn > :first', values: { ':first': first } },
        }),
      ),
    ).then((shards) => shards.flat()),
    readShards(listings.projectRegisterShards(), ['projectId', 'district', 'phase', 'registeredAt']),
  ]);

  // the government assessments in force this quarter, by the inspection they were made at (SPEC §6.2)
  const assessedAt = new Set(
    assessedItems.flatMap((item) =>
      ((item.assessments as Item[] | undefined) ?? [])
        .filter((a) => a.tier === 'government' && a.inForce === true && typeof a.inspectionId === 'string')
        .map((a) => String(a.inspectionId)),
    ),
  );

  const inQuarter = inspectionItems.filter(
    (item) => item.enforcement && typeof item.date === 'string' && item.date >= first && item.date <= last,
  );
  // each inspection's report (检查报告) is a record of its own, committed with the inspection (and backfilled for
  // older ones): read by key, a batch per hundred inspections
  const reports = new Set(
    (await readItems(inQuarter.map((item) => keys.inspectionReport(String(item.projectId), String(item.id))))).map(
      (report) => String(report.inspectionId),
    ),
  );
  const inspections: InspectionRecord[] = inQuarter.map((item) => {
    const stored = item as unknown as StoredInspection;
    const enforcement = stored.enforcement as NonNullable<StoredInspection['enforcement']>;
    return {
      id: stored.id,
      projectId: stored.projectId,
      district: enforcement.district,
      date: stored.date,
      inspectors: stored.inspectors,
      findings: enforcement.findings.map((finding) => ({ category: finding.category })),
      reportIssued: reports.has(stored.id),
      verifications: enforcement.findings
        .filter((finding) => finding.dueOn <= asOf)
        .map((finding) => ({ dueOn: finding.dueOn, doneOn: enforcement.verifiedOn[finding.hazardId] ?? null })),
      measures: (stored.measures ?? []).map((measure) => ({
        kind: measure.kind,
        ...(measure.amountYuan === undefined ? {} : { amountYuan: measure.amountYuan }),
      })),
      governmentAssessment: assessedAt.has(stored.id),
    };
  });

  // under construction in the quarter: registered by its end, in a phase the ranking counts (SPEC §6.4)
  const quarterEnd = Date.parse(endOfShanghaiDay(last));
  const activeProjects = registered
    .filter((item) => Date.parse(String(item.registeredAt)) <= quarterEnd)
    .filter((item) => !excluded.includes(item.phase as ProjectPhase))
    .map((item) => ({ projectId: String(item.projectId), district: String(item.district) }));

  const supervisedProjects = supervisedInQuarter(
    [...activeCases, ...releasedCases].map((item) => ({
      projectId: String(item.projectId),
      district: String(item.district ?? ''),
      includedOn: typeof item.includedOn === 'string' ? item.includedOn : null,
      releasedOn: typeof item.releasedOn === 'string' ? item.releasedOn : null,
    })),
    quarter,
    AGENCY_INSPECTIONS_PER_MONTH,
  );
  // TODO(rankings, merge): projects of an active enterprise case (SPEC §6.5) owe ≥ 2 agency inspections a month
  // each; add them to supervisedProjects from the enterprise cases' listing once it is on this branch.
  const assessedProjects = assessedItems.map((item) => ({
    projectId: String(item.projectId),
    district: String(item.district ?? ''),
  }));

  const input: EnforcementQuarter = { quarter, inspections, activeProjects, supervisedProjects, assessedProjects };
  const measures = enforcementMeasures(input, rules.thresholds);
  return {
    quarter,
    asOf,
    byInspector: Object.entries(measures.byInspector).map(([inspector, figures]) => ({ inspector, ...figures })),
    byDistrict: Object.entries(measures.byDistrict).map(([district, figures]) => ({ district, ...figures })),
    basis: {
      inspections: inspections.length,
      activeProjects: activeProjects.length,
      supervisedProjects: supervisedProjects.length,
      assessedProjects: assessedProjects.length,
    },
    targets: {
      agencyInspectionsPerSupervisedProjectPerMonth: AGENCY_INSPECTIONS_PER_MONTH,
      governmentAssessmentsPerQuarter: rules.thresholds.governmentAssessmentsPerQuarter,
    },
    ruleSetVersion: rules.ruleSetVersion,
    computedAt: shanghaiTimestamp(now),
  };
}
