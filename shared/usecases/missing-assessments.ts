/**
 * Points for a tier still missing when a quarter is ranked (SPEC §6.3, §6.4 "Before ranking, missing assessments of
 * the quarter are charged their points"): once per tier, project and quarter, however many months are missing, and
 * instead of (not as well as) lateness — a tier charged here charges nothing more when it arrives late
 * (shared/usecases/assessments.ts reads the charge's guard before charging lateness).
 *
 * The ranking run (SPEC §6.4) calls this for each project it ranks; it is idempotent (each charge has its key), so
 * a re-run of the ranking charges nothing twice.
 */
import { monthsOfQuarter, quarterDays } from '../domain/assessment/periods.js';
import { shanghaiDate } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import { missingAssessmentCharges } from '../domain/penalty-points.js';
import { readProjectCollection, type StoredItem } from '../store/project-collection.js';
import type { RuleSets } from '../store/rule-sets.js';
import { snapshotOf } from '../store/snapshot.js';
import { ConditionFailed, UnitOfWork } from '../store/unit-of-work.js';
import { assessmentRulesOn } from './assessment-rules.js';
import { PENALTY_LEDGER, type PenaltyEntryRecord, stagePenaltyCharges } from './penalty-points.js';

/** What a project owed in a quarter and did not submit, charged to whoever owed it. */
export async function chargeMissingAssessments(
  projectId: string,
  quarter: string,
  now: Date,
  /**
   * What the caller already holds: the project's item collection just read (used on the first attempt only; a
   * conflict re-reads), and the rule-set versions of its piece of work (a ranking batch reads them once).
   */
  options: { items?: StoredItem[]; ruleSets?: RuleSets } = {},
): Promise<{ charged: PenaltyEntryRecord[] }> {
  const rules = await assessmentRulesOn(shanghaiDate(now), options.ruleSets);
  for (let attempt = 1; ; attempt++) {
    const items = attempt === 1 && options.items ? options.items : await readProjectCollection(projectId);
    const snapshot = snapshotOf(items);
    if (!snapshot)
      throw new NotFoundError({ zh: `没有编号为 ${projectId} 的项目`, en: `there is no project ${projectId}` });
    const { project } = snapshot;
    const registeredMonth = shanghaiDate(new Date(project.registeredAt)).slice(0, 7);
    if (registeredMonth > quarterDays(quarter).last.slice(0, 7)) return { charged: [] };
    const inForce = items.filter(
      (item) => item.type === 'assessment' && item.supersededBy === null && item.quarter === quarter,
    );
    const unit = (role: string) => project.units.find((candidate) => candidate.role === role);
    const generalContractor = unit('general_contractor');
    if (!generalContractor) return { charged: [] };
    const charges = missingAssessmentCharges(
      {
        projectId,
        quarter,
        generalContractor,
        projectManager: project.persons.find((person) => person.role === 'project_manager') ?? null,
        owed: {
          // the months the project was registered in: nobody owed a month before the project was known
          selfMonths: monthsOfQuarter(quarter).filter((month) => month >= registeredMonth),
          enterpriseUnits: project.units.filter((candidate) =>
            ['developer', 'general_contractor', 'supervisor'].includes(candidate.role),
          ),
        },
        present: {
          selfMonths: inForce.filter((item) => item.tier === 'self').map((item) => String(item.period)),
          enterpriseUnits: inForce
            .filter((item) => item.tier === 'enterprise')
            .map((item) => String(item.unitCreditCode)),
        },
      },
      rules.thresholds,
    ).map((charge) => ({ ...charge, source: { kind: 'missing_assessment' as const, projectId, quarter } }));
    const uow = new UnitOfWork(now);
    const staged = await stagePenaltyCharges(uow, charges, { now, actor: 'system:ranking' }, rules);
    try {
      await uow.commit();
      return { charged: staged.entries };
    } catch (error) {
      if (!(error instanceof ConditionFailed) || error.label !== PENALTY_LEDGER || attempt >= 5) throw error;
    }
  }
}
