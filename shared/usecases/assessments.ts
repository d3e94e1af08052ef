/**
 * The three tiers of the status assessment (SPEC §6.2; seed 004: 项目自评、企业再评、政府评估): submitting through a
 * unit's assessment link or, for the government tier, by inspectors; the assessment in force per tier, period and
 * unit (a resubmission replaces it, the earlier one is kept); lateness and its points; the project's quarter
 * standing (score and grade from the tiers present, the fatal-incident flag) kept in a sparse quarter index for the
 * ranking; falsification (suspicion when the government's assessment and a unit's disagree, the unit's statement,
 * the officer's decision and its points).
 *
 * Each submission or decision reads the project's partition once and commits ONE unit of work: the assessment, the
 * slot that says which submission counts (conditional on its version), the quarter standing (conditional on its
 * version), any suspicion it raises, any points it charges, and their events. A race retries on a fresh read.
 */
import type * as z from 'zod/mini';
import {
  assertFalsificationDecidable,
  type FalsificationGround,
  falsificationGrounds,
  suspicion,
} from '../domain/assessment/falsification.js';
import {
  type AssessmentDue,
  assessmentDue,
  isLate,
  quarterOfPeriod,
  requirePeriodOfTier,
} from '../domain/assessment/periods.js';
import {
  type AssessmentInForce,
  fatalIncidentInQuarter,
  quarterGrade,
  quarterScore,
} from '../domain/assessment/quarter.js';
import { phaseDefaults, type Scheme } from '../domain/assessment/scheme.js';
import { DEFAULT_SCHEME_ID, schemeById } from '../domain/assessment/schemes.js';
import { type AssessmentResult, scoreAssessment, type TableInput } from '../domain/assessment/scoring.js';
import type { AssessmentTier } from '../domain/assessment/thresholds.js';
import {
  assessedTiersOf,
  periodsOnLink,
  requirePeriodStarted,
  requireUnitTier,
  TIER_NAMES,
  type UnitTier,
} from '../domain/assessment/tiers.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { ConflictError, InvalidInputError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import {
  falsificationCharges,
  lateEnterpriseAssessmentCharges,
  lateSelfAssessmentCharges,
  missingChargeKey,
} from '../domain/penalty-points.js';
import { PROJECT_PHASE_NAMES, UNIT_ROLE_NAMES } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { type Principal, principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import type * as schemas from '../schemas/assessments.js';
import { keys, listings } from '../store/keys.js';
import { readItem, readProjectCollection, referenceItem, resolveReference } from '../store/project-collection.js';
import { type ProjectSnapshot, snapshotOf } from '../store/snapshot.js';
import { ConditionFailed, type UnitOfWork } from '../store/unit-of-work.js';
import { type AssessmentRules, assessmentRulesOn } from './assessment-rules.js';
import { PENALTY_LEDGER, type SourcedCharge, stagePenaltyCharges } from './penalty-points.js';
import type { Project } from './projects.js';

type Out<S extends z.ZodMiniType> = z.output<S>;

const ASSESSMENT_SLOT = 'assessment-slot';
const ASSESSMENT_QUARTER = 'assessment-quarter';
const ASSESSMENT_VERSION = 'assessment-version';
const RETRIED = new Set([ASSESSMENT_SLOT, ASSESSMENT_QUARTER, ASSESSMENT_VERSION, PENALTY_LEDGER]);

/** The falsification state of an assessment (SPEC §6.2), null while nothing is suspected. */
export interface FalsificationState {
  status: 'suspected' | 'confirmed' | 'cleared';
  suspectedAt: string;
  statementDueAt: string;
  grounds: FalsificationGround[];
  /** the government assessment it was compared with */
  governmentAssessmentId: string;
  ruleSetVersion: string;
  statement: { text: string; madeAt: string; by: string } | null;
  decision: {
    finding: 'confirmed' | 'cleared';
    reason: string;
    decidedAt: string;
    decidedBy: string;
    ruleSetVersion: string;
    penaltyEntryIds: string[];
  } | null;
}

/** An assessment as stored: what was submitted, what it scored, and what became of it. */
export interface AssessmentRecord {
  id: string;
  projectId: string;
  tier: AssessmentTier;
  period: string;
  quarter: string;
  schemeId: string;
  schemeRevision: number;
  /** the unit that submitted it (null for the government tier) */
  unitCreditCode: string | null;
  unitName: string | null;
  inspectionId: string | null;
  inspectors: string[] | null;
  /** the tables as submitted, item by item */
  form: TableInput[];
  result: AssessmentResult;
  signedBy: { name: string; registrationNo?: string };
  submittedAt: string;
  submittedBy: string;
  due: AssessmentDue | null;
  late: boolean;
  /** which tier, period and unit (or inspection) it is the assessment of; one in force per slot */
  slot: string;
  replaces: string | null;
  supersededBy: string | null;
  falsification: FalsificationState | null;
  /** points its lateness charged */
  penaltyEntryIds: string[];
  ruleSetVersion: string;
  version: number;
}

interface ProjectAssessments {
  snapshot: ProjectSnapshot;
  assessments: AssessmentRecord[];
  slots: Map<string, { assessmentId: string; version: number }>;
  quarters: Map<string, { version: number }>;
}

async function readProjectAssessments(projectId: string): Promise<ProjectAssessments | undefined> {
  const items = await readProjectCollection(projectId);
  const snapshot = snapshotOf(items);
  if (!snapshot) return undefined;
  const strip = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...rest }: Record<string, unknown>) => rest;
  return {
    snapshot,
    assessments: items
      .filter((item) => item.type === 'assessment')
      .map((item) => strip(item) as unknown as AssessmentRecord)
      .sort((a, b) => a.id.localeCompare(b.id)),
    slots: new Map(
      items
        .filter((item) => item.type === 'assessment-slot')
        .map((item) => [String(item.slot), { assessmentId: String(item.assessmentId), version: Number(item.version) }]),
    ),
    quarters: new Map(
      items
        .filter((item) => item.type === 'assessment-quarter')
        .map((item) => [String(item.quarter), { version: Number(item.version) }]),
    ),
  };
}

const inForce = (a: AssessmentRecord) => a.supersededBy === null;

/** The scheme a body names; an unknown id is a bad field, not a missing page. */
function schemeOfBody(schemeId: string): Scheme {
  try {
    return schemeById(schemeId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new InvalidInputError(error.text, error.fields);
  }
}

const timestampOf = (iso: string) => shanghaiTimestamp(new Date(iso));

function falsificationView(state: FalsificationState | null) {
  if (!state) return null;
  return {
    status: state.status,
    suspectedAt: timestampOf(state.suspectedAt),
    statementDueAt: state.statementDueAt,
    grounds: state.grounds.map((ground) => ground.text.zh),
    governmentAssessmentId: state.governmentAssessmentId,
    statement: state.statement ? { text: state.statement.text, madeAt: timestampOf(state.statement.madeAt) } : null,
    decision: state.decision
      ? {
          finding: state.decision.finding,
          reason: state.decision.reason,
          decidedAt: timestampOf(state.decision.decidedAt),
          ruleSetVersion: state.decision.ruleSetVersion,
          penaltyEntryIds: state.decision.penaltyEntryIds,
        }
      : null,
  };
}

/** An assessment as the API shows it: SPEC §6.2's response fields, then what an inspector reading it needs. */
export function assessmentView(record: AssessmentRecord) {
  return {
    id: record.id,
    projectId: record.projectId,
    tier: record.tier,
    period: record.period,
    quarter: record.quarter,
    ...(record.unitCreditCode ? { unitCreditCode: record.unitCreditCode, unitName: record.unitName } : {}),
    schemeId: record.schemeId,
    score: record.result.score,
    grade: record.result.grade,
    tables: record.result.tables,
    categories: record.result.categories,
    submittedAt: timestampOf(record.submittedAt),
    dueAt: record.due?.dueAt ?? null,
    late: record.late,
    falsification: falsificationView(record.falsification),
    inForce: inForce(record),
    replaces: record.replaces,
    supersededBy: record.supersededBy,
    signedBy: record.signedBy,
    ...(record.inspectionId ? { inspectionId: record.inspectionId, inspectors: record.inspectors } : {}),
    form: record.form,
    penaltyEntryIds: record.penaltyEntryIds,
    ruleSetVersion: record.ruleSetVersion,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the quarter standing

/** What a project's quarter standing holds: what the ranking of the quarter (SPEC §6.4) reads per project. */
function quarterStanding(
  project: Project,
  snapshot: ProjectSnapshot,
  assessments: AssessmentRecord[],
  quarter: string,
  rules: AssessmentRules,
  now: Date,
) {
  // a falsification an officer confirmed is not an assessment of the site: it drops out like an absent tier
  // (its cost is the points), so it cannot lift the project's rank
  const counted = assessments.filter(
    (a) => inForce(a) && a.quarter === quarter && a.falsification?.status !== 'confirmed',
  );
  const inForceScores: AssessmentInForce[] = counted.map((a) => ({
    tier: a.tier,
    period: a.period,
    score: a.result.score,
    grade: a.result.grade,
  }));
  const { score, tiers } = quarterScore(quarter, inForceScores, rules.thresholds);
  const government = counted.filter((a) => a.tier === 'government');
  const scoring = schemeById(counted.at(-1)?.schemeId ?? DEFAULT_SCHEME_ID).scoring;
  return {
    projectId: project.id,
    quarter,
    score,
    grade: quarterGrade(
      score,
      government.map((a) => a.result.grade),
      scoring,
    ),
    tiers,
    governmentAssessments: government.length,
    governmentGrades: government.map((a) => a.result.grade),
    fatalIncident: fatalIncidentInQuarter(snapshot.incidents, quarter),
    project: {
      name: project.name,
      district: project.district,
      category: project.category,
      phase: project.phase,
      units: project.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode })),
      persons: project.persons.map((person) => ({
        role: person.role,
        name: person.name,
        unitCreditCode: person.unitCreditCode,
        registrationNo: person.registrationNo ?? null,
      })),
    },
    assessments: assessments
      .filter((a) => a.quarter === quarter)
      .map((a) => ({
        id: a.id,
        tier: a.tier,
        period: a.period,
        unitCreditCode: a.unitCreditCode,
        // a government assessment's inspection: the enforcement statistics tie it to that inspection (SPEC §6.7)
        inspectionId: a.inspectionId,
        score: a.result.score,
        grade: a.result.grade,
        late: a.late,
        inForce: inForce(a),
        falsification: a.falsification?.status ?? null,
      })),
    computedAt: shanghaiTimestamp(now),
    ruleSetVersion: rules.ruleSetVersion,
  };
}

/** A project's quarter standing, computed afresh from its item collection (the ranking run, SPEC §6.4). */
export type QuarterStanding = ReturnType<typeof quarterStanding>;

/**
 * The quarter standing of the project whose item collection `items` is, as the ranking of the quarter needs it (SPEC
 * §6.4): recomputed from the collection — not read from the stored standing — so an incident recorded after the
 * last submission counts, and every project of a run is scored under the same rules. Undefined without a project.
 */
export function quarterStandingFromItems(
  items: ReadonlyArray<Record<string, unknown>>,
  quarter: string,
  rules: AssessmentRules,
  now: Date,
): { snapshot: ProjectSnapshot; standing: QuarterStanding } | undefined {
  const snapshot = snapshotOf(items as Parameters<typeof snapshotOf>[0]);
  if (!snapshot) return undefined;
  const strip = ({ pk: _pk, sk: _sk, type: _type, gsi1pk: _g1, gsi1sk: _g2, ...rest }: Record<string, unknown>) => rest;
  const assessments = items
    .filter((item) => item.type === 'assessment')
    .map((item) => strip(item) as unknown as AssessmentRecord)
    .sort((a, b) => a.id.localeCompare(b.id));
  return { snapshot, standing: quarterStanding(snapshot.project, snapshot, assessments, quarter, rules, now) };
}

/** Stage the quarter standing: in the project's partition, listed under the quarter's sparse index. */
function stageQuarterStanding(
  uow: UnitOfWork,
  read: ProjectAssessments,
  assessments: AssessmentRecord[],
  quarter: string,
  rules: AssessmentRules,
  now: Date,
) {
  const standing = quarterStanding(read.snapshot.project, read.snapshot, assessments, quarter, rules, now);
  const version = read.quarters.get(quarter)?.version ?? 0;
  uow.put(
    {
      ...keys.assessmentQuarter(read.snapshot.project.id, quarter),
      type: 'assessment-quarter',
      gsi1pk: listings.assessedShard(quarter, read.snapshot.project.id),
      gsi1sk: read.snapshot.project.id,
      ...standing,
      // top level, for the index's projections (statistics, ranking)
      projectName: read.snapshot.project.name,
      district: read.snapshot.project.district,
      version: version + 1,
    },
    {
      label: ASSESSMENT_QUARTER,
      condition:
        version === 0
          ? { expression: 'attribute_not_exists(pk)' }
          : { expression: '#version = :version', names: { '#version': 'version' }, values: { ':version': version } },
    },
  );
  return standing;
}

/** Update an assessment's falsification, conditional on the version read. */
function stageFalsification(uow: UnitOfWork, record: AssessmentRecord, falsification: FalsificationState) {
  uow.update(
    keys.assessment(record.projectId, record.id),
    {
      expression: 'SET falsification = :falsification, #version = :next',
      names: { '#version': 'version' },
      values: { ':falsification': falsification, ':next': record.version + 1 },
    },
    {
      label: ASSESSMENT_VERSION,
      condition: { expression: '#version = :current', values: { ':current': record.version } },
    },
  );
  return { ...record, falsification, version: record.version + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// submitting

/** The submission common to the three tiers, after the caller checked who may submit what. */
interface Submission {
  tier: AssessmentTier;
  period: string;
  schemeId: string;
  tables: TableInput[];
  signedBy: { name: string; registrationNo?: string | undefined };
  unit: { creditCode: string; name: string } | null;
  inspection: { id: string; inspectors: string[] } | null;
}

/** A retry loop around one unit of work, restarting on the conditions a concurrent change breaks. */
async function committed<T>(attempt: () => Promise<{ uow: UnitOfWork; status: number; body: T }>) {
  for (let tries = 1; ; tries++) {
    const { uow, status, body } = await attempt();
    try {
      await uow.commit({ status, body });
      return { status, body };
    } catch (error) {
      if (!(error instanceof ConditionFailed) || !RETRIED.has(error.label) || tries >= 5) throw error;
    }
  }
}

function checkSignedByProjectManager(project: Project, signedBy: Submission['signedBy']) {
  const manager = project.persons.find((person) => person.role === 'project_manager');
  if (!manager) {
    throw new RuleViolationError(
      {
        zh: '本项目未登记项目经理：项目自评须由登记的项目经理签署，请先联系监督机构补登项目经理',
        en: 'the project has no registered project manager to sign its self-assessment',
      },
      [{ field: 'signedBy', message: { zh: '项目未登记项目经理', en: 'no project manager registered' } }],
    );
  }
  const wrongName = signedBy.name !== manager.name;
  const wrongNumber = Boolean(manager.registrationNo) && signedBy.registrationNo !== manager.registrationNo;
  if (wrongName || wrongNumber) {
    throw new RuleViolationError(
      {
        zh: '项目自评须由本项目登记的项目经理签署：签署人姓名或注册编号与登记信息不一致',
        en: 'a self-assessment is signed by the project manager registered on the project: name or registration number differ',
      },
      [
        ...(wrongName
          ? [
              {
                field: 'signedBy.name',
                message: { zh: '不是本项目登记的项目经理', en: 'not the registered project manager' },
              },
            ]
          : []),
        ...(wrongNumber
          ? [
              {
                field: 'signedBy.registrationNo',
                message: { zh: '与项目经理的注册编号不一致', en: 'not the project manager’s registration number' },
              },
            ]
          : []),
      ],
    );
  }
}

async function submit(projectId: string, submission: Submission, ctx: RequestContext) {
  const today = shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(today, ctx.ruleSets);
  const actor = principalId(ctx.principal);
  const scheme = schemeOfBody(submission.schemeId);
  requirePeriodStarted(submission.tier, submission.period, today);
  const result = scoreAssessment(scheme, { tables: submission.tables });
  const quarter = quarterOfPeriod(submission.tier, submission.period);
  const due = assessmentDue(submission.tier, submission.period, rules.thresholds);
  const late = due ? isLate(ctx.now.toISOString(), due.dueOn) : false;
  const slot = [submission.tier, submission.period, submission.unit?.creditCode ?? submission.inspection?.id].join('#');

  return committed(async () => {
    const read = await readProjectAssessments(projectId);
    if (!read)
      throw new NotFoundError({ zh: `没有编号为 ${projectId} 的项目`, en: `there is no project ${projectId}` });
    const { project } = read.snapshot;
    if (submission.tier === 'self') checkSignedByProjectManager(project, submission.signedBy);
    if (submission.inspection) {
      const inspection = read.snapshot.inspections.find((candidate) => candidate.id === submission.inspection?.id);
      if (!inspection) {
        throw new RuleViolationError(
          { zh: '政府评估须对应本项目的一次检查：该检查不是本项目的', en: 'the inspection is not one of this project' },
          [{ field: 'inspectionId', message: { zh: '不是本项目的检查', en: 'not an inspection of this project' } }],
        );
      }
      if (quarterOfPeriod('government', submission.period) !== quarterOfPeriod('self', inspection.date.slice(0, 7))) {
        throw new RuleViolationError(
          {
            zh: `检查日期 ${inspection.date} 不在评估季度 ${submission.period} 内`,
            en: `the inspection of ${inspection.date} is not in ${submission.period}`,
          },
          [{ field: 'inspectionId', message: { zh: '检查不在该季度', en: 'not in the quarter' } }],
        );
      }
    }

    const uow = ctx.unitOfWork();
    const current = read.slots.get(slot);
    const replaced = current ? read.assessments.find((a) => a.id === current.assessmentId) : undefined;
    const government = read.assessments
      .filter((a) => a.tier === 'government' && inForce(a) && a.quarter === quarter && a.slot !== slot)
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))
      .at(-1);

    const record: AssessmentRecord = {
      id: newId('asm'),
      projectId,
      tier: submission.tier,
      period: submission.period,
      quarter,
      schemeId: scheme.id,
      schemeRevision: scheme.revision,
      unitCreditCode: submission.unit?.creditCode ?? null,
      unitName: submission.unit?.name ?? null,
      inspectionId: submission.inspection?.id ?? null,
      inspectors: submission.inspection?.inspectors ?? null,
      form: submission.tables,
      result,
      signedBy: {
        name: submission.signedBy.name,
        ...(submission.signedBy.registrationNo ? { registrationNo: submission.signedBy.registrationNo } : {}),
      },
      submittedAt: ctx.now.toISOString(),
      submittedBy: actor,
      due,
      late,
      slot,
      replaces: replaced?.id ?? null,
      supersededBy: null,
      falsification: null,
      penaltyEntryIds: [],
      ruleSetVersion: rules.ruleSetVersion,
      version: 1,
    };

    // falsification (SPEC §6.2): a unit's assessment against the government's of the quarter; a government
    // assessment against every unit assessment in force that is not suspected yet
    const suspected: AssessmentRecord[] = [];
    const compare = (unit: AssessmentRecord, gov: AssessmentRecord) =>
      falsificationGrounds(
        scheme.id === unit.schemeId && scheme.id === gov.schemeId ? scheme : schemeById(unit.schemeId),
        { tier: unit.tier, score: unit.result.score, input: { tables: unit.form } },
        { tier: 'government', score: gov.result.score, input: { tables: gov.form } },
        rules.thresholds,
      );
    const suspect = (grounds: FalsificationGround[], governmentId: string): FalsificationState => ({
      ...suspicion(shanghaiTimestamp(ctx.now), rules.thresholds),
      grounds,
      governmentAssessmentId: governmentId,
      ruleSetVersion: rules.ruleSetVersion,
      statement: null,
      decision: null,
    });
    if (record.tier !== 'government' && government && government.schemeId === record.schemeId) {
      const grounds = compare(record, government);
      if (grounds.length > 0) record.falsification = suspect(grounds, government.id);
    }
    if (record.tier === 'government') {
      for (const unitAssessment of read.assessments) {
        if (unitAssessment.tier === 'government' || !inForce(unitAssessment) || unitAssessment.quarter !== quarter)
          continue;
        if (unitAssessment.falsification !== null || unitAssessment.schemeId !== record.schemeId) continue;
        const grounds = compare(unitAssessment, record);
        if (grounds.length > 0) suspected.push(stageFalsification(uow, unitAssessment, suspect(grounds, record.id)));
      }
    }

    // lateness (SPEC §6.3): charged when the late assessment is submitted, once per period (and unit), and not at
    // all when the quarter's tier was already charged as missing at the ranking (instead of, not as well as)
    const charges: SourcedCharge[] = [];
    if (late && submission.unit) {
      const source = { kind: 'assessment' as const, assessmentId: record.id, projectId };
      if (record.tier === 'self') {
        const manager = project.persons.find((person) => person.role === 'project_manager') ?? null;
        const missingCharged = await readItem(
          keys.penaltyCharge('enterprise', submission.unit.creditCode, missingChargeKey(projectId, quarter, 'self')),
        );
        charges.push(
          ...lateSelfAssessmentCharges(
            {
              projectId,
              month: record.period,
              generalContractor: submission.unit,
              projectManager: manager,
              missingCharged: Boolean(missingCharged),
            },
            rules.thresholds,
          ).map((charge) => ({ ...charge, source })),
        );
      } else if (record.tier === 'enterprise') {
        const missingCharged = await readItem(
          keys.penaltyCharge(
            'enterprise',
            submission.unit.creditCode,
            missingChargeKey(projectId, quarter, 'enterprise', submission.unit.creditCode),
          ),
        );
        charges.push(
          ...lateEnterpriseAssessmentCharges(
            { projectId, quarter, unit: submission.unit, missingCharged: Boolean(missingCharged) },
            rules.thresholds,
          ).map((charge) => ({ ...charge, source })),
        );
      }
    }
    const points = await stagePenaltyCharges(uow, charges, { now: ctx.now, actor }, rules);
    record.penaltyEntryIds = points.entries.map((entry) => entry.id);

    uow.put({ ...keys.assessment(projectId, record.id), type: 'assessment', ...record }, { mustBeNew: true });
    uow.put(referenceItem({ id: record.id, projectId, recordType: 'assessment' }), { mustBeNew: true });
    uow.put(
      {
        ...keys.assessmentSlot(projectId, slot),
        type: 'assessment-slot',
        slot,
        assessmentId: record.id,
        version: (current?.version ?? 0) + 1,
      },
      {
        label: ASSESSMENT_SLOT,
        condition: current
          ? {
              expression: '#version = :version',
              names: { '#version': 'version' },
              values: { ':version': current.version },
            }
          : { expression: 'attribute_not_exists(pk)' },
      },
    );
    if (replaced) {
      uow.update(keys.assessment(projectId, replaced.id), {
        expression: 'SET supersededBy = :by, supersededAt = :at',
        values: { ':by': record.id, ':at': record.submittedAt },
      });
    }
    const after = [
      ...read.assessments.map((a) => {
        const marked = suspected.find((s) => s.id === a.id) ?? a;
        return a.id === replaced?.id ? { ...marked, supersededBy: record.id } : marked;
      }),
      record,
    ];
    const standing = stageQuarterStanding(uow, read, after, quarter, rules, ctx.now);

    const view = assessmentView(record);
    uow.emit('AssessmentSubmitted', record.id, {
      assessmentId: record.id,
      projectId,
      tier: record.tier,
      period: record.period,
      quarter,
      unitCreditCode: record.unitCreditCode,
      score: record.result.score,
      grade: record.result.grade,
      late,
      replaces: record.replaces,
      quarterScore: standing.score,
      ruleSetVersion: rules.ruleSetVersion,
    });
    for (const marked of [...(record.falsification ? [record] : []), ...suspected]) {
      uow.emit('AssessmentSuspected', marked.id, {
        assessmentId: marked.id,
        projectId,
        tier: marked.tier,
        period: marked.period,
        unitCreditCode: marked.unitCreditCode,
        governmentAssessmentId: marked.falsification?.governmentAssessmentId,
        grounds: marked.falsification?.grounds.map((ground) => ground.text.zh),
        statementDueAt: marked.falsification?.statementDueAt,
        ruleSetVersion: rules.ruleSetVersion,
      });
    }
    return {
      uow,
      status: 201,
      body: {
        ...view,
        penaltyPoints: points.entries.map((entry) => ({
          id: entry.id,
          subject: entry.subject,
          points: entry.points,
          reason: entry.reason,
        })),
        suspected: suspected.map((s) => s.id),
      },
    };
  });
}

type LinkPrincipal = Extract<Principal, { kind: 'assessment' }>;

function linkPrincipal(ctx: RequestContext): LinkPrincipal {
  if (ctx.principal.kind !== 'assessment') throw new Error('assessment routes are authorized by the link authorizer');
  return ctx.principal;
}

/** The link's unit, or the refusal of a link whose project or unit no longer exists. */
function unitOfLink(project: Project, principal: LinkPrincipal) {
  const unit = project.units.find((candidate) => candidate.creditCode === principal.unitCreditCode);
  if (!unit) {
    throw new NotFoundError({
      zh: '该评估链接的单位已不在本项目中',
      en: 'the unit of this link is no longer in the project',
    });
  }
  return unit;
}

/** `POST /v1/assessments` (an assessment link): the unit's self-assessment or enterprise re-assessment. */
export async function submitUnitAssessment(body: Out<typeof schemas.submitAssessmentBody>, ctx: RequestContext) {
  const principal = linkPrincipal(ctx);
  const read = await readProjectAssessments(principal.projectId);
  if (!read)
    throw new NotFoundError({ zh: '该评估链接的项目已不存在', en: 'the project of this link no longer exists' });
  const unit = unitOfLink(read.snapshot.project, principal);
  requireUnitTier(unit.role, body.tier);
  return submit(
    principal.projectId,
    {
      tier: body.tier,
      period: body.period,
      schemeId: body.schemeId,
      tables: body.tables,
      signedBy: body.signedBy,
      unit: { creditCode: unit.creditCode, name: unit.name },
      inspection: null,
    },
    ctx,
  );
}

/** `POST /v1/projects/{projectId}/assessments` (inspector): a government assessment tied to an inspection. */
export async function submitGovernmentAssessment(
  projectId: string,
  body: Out<typeof schemas.submitGovernmentAssessmentBody>,
  ctx: RequestContext,
) {
  requirePeriodOfTier('government', body.period);
  return submit(
    projectId,
    {
      tier: 'government',
      period: body.period,
      schemeId: body.schemeId,
      tables: body.tables,
      signedBy: body.signedBy,
      unit: null,
      inspection: { id: body.inspectionId, inspectors: body.inspectors },
    },
    ctx,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// reading

/** `GET /v1/projects/{projectId}/assessments?period=` (inspector): the period's assessments (history included). */
export async function projectAssessments(projectId: string, period: string | undefined, ctx: RequestContext) {
  const read = await readProjectAssessments(projectId);
  if (!read) throw new NotFoundError({ zh: `没有编号为 ${projectId} 的项目`, en: `there is no project ${projectId}` });
  const isQuarter = period !== undefined && /Q/.test(period);
  const items = read.assessments
    .filter((a) => period === undefined || (isQuarter ? a.quarter === period : a.period === period))
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id.localeCompare(a.id));
  let quarter = null;
  if (isQuarter && period) {
    const rules = await assessmentRulesOn(shanghaiDate(ctx.now), ctx.ruleSets);
    quarter = quarterStanding(read.snapshot.project, read.snapshot, read.assessments, period, rules, ctx.now);
  }
  return { projectId, period: period ?? null, items: items.map(assessmentView), quarter };
}

async function assessmentById(assessmentId: string) {
  const reference = await resolveReference(assessmentId);
  const read = reference?.recordType === 'assessment' ? await readProjectAssessments(reference.projectId) : undefined;
  const record = read?.assessments.find((a) => a.id === assessmentId);
  if (!read || !record) {
    throw new NotFoundError({ zh: `没有编号为 ${assessmentId} 的评估`, en: `there is no assessment ${assessmentId}` });
  }
  return { read, record };
}

/** `GET /v1/assessments/{id}` (inspector): the assessment with the earlier submissions it replaced. */
export async function getAssessment(assessmentId: string) {
  const { read, record } = await assessmentById(assessmentId);
  const history = read.assessments
    .filter((a) => a.slot === record.slot)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .map((a) => ({
      id: a.id,
      score: a.result.score,
      grade: a.result.grade,
      submittedAt: timestampOf(a.submittedAt),
      late: a.late,
    }));
  return { ...assessmentView(record), history };
}

/**
 * `GET /v1/assessments/context` (an assessment link): the project and unit, what is due (this month's
 * self-assessment for the general contractor; this quarter's and, while it may still be outstanding, last
 * quarter's re-assessment for each unit that re-assesses), the scheme's tables pre-marked 不涉及 for the project's
 * phase, the signer of a self-assessment, and the unit's own submissions with any suspicion and its statement window.
 */
export async function assessmentContext(ctx: RequestContext) {
  const principal = linkPrincipal(ctx);
  const read = await readProjectAssessments(principal.projectId);
  if (!read)
    throw new NotFoundError({ zh: '该评估链接的项目已不存在', en: 'the project of this link no longer exists' });
  const { project } = read.snapshot;
  const unit = unitOfLink(project, principal);
  const today = shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(today, ctx.ruleSets);
  const scheme = schemeById(DEFAULT_SCHEME_ID);
  const own = read.assessments.filter((a) => a.unitCreditCode === unit.creditCode);
  const tiers = assessedTiersOf(unit.role);
  const due = tiers.flatMap((tier: UnitTier) =>
    periodsOnLink(tier, today).flatMap((period, index) => {
      const dueAt = assessmentDue(tier, period, rules.thresholds) as AssessmentDue;
      const submitted = own.find((a) => a.tier === tier && a.period === period && inForce(a));
      // an earlier period is shown only while it is still outstanding or was just submitted for it
      if (index > 0 && submitted && dueAt.dueOn < today) return [];
      return [
        {
          tier,
          tierName: TIER_NAMES[tier],
          period,
          dueOn: dueAt.dueOn,
          dueAt: dueAt.dueAt,
          overdue: !submitted && dueAt.dueOn < today,
          submitted: submitted
            ? {
                id: submitted.id,
                score: submitted.result.score,
                grade: submitted.result.grade,
                late: submitted.late,
                submittedAt: timestampOf(submitted.submittedAt),
              }
            : null,
        },
      ];
    }),
  );
  const manager = project.persons.find((person) => person.role === 'project_manager');
  return {
    project: {
      id: project.id,
      name: project.name,
      district: project.district,
      category: project.category,
      phase: project.phase,
      phaseName: PROJECT_PHASE_NAMES[project.phase],
    },
    unit: { name: unit.name, role: unit.role, roleName: UNIT_ROLE_NAMES[unit.role], creditCode: unit.creditCode },
    link: { expiresAt: principal.validUntil ? shanghaiTimestamp(new Date(principal.validUntil)) : null },
    today,
    schemeId: scheme.id,
    tiers,
    due,
    phaseDefaults: phaseDefaults(scheme, project.phase),
    signer: {
      self: manager ? { name: manager.name, registrationNo: manager.registrationNo ?? null } : null,
    },
    assessments: own
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b.id.localeCompare(a.id))
      .map(assessmentView),
    ruleSetVersion: rules.ruleSetVersion,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// falsification: the unit's statement, the officer's decision

/**
 * `POST /v1/assessments/{id}/statement` (the unit's assessment link): the unit's statement (陈述) on a suspicion,
 * until `statementDueAt`; once made, an officer may decide before the window ends.
 */
export async function makeFalsificationStatement(assessmentId: string, text: string, ctx: RequestContext) {
  const principal = linkPrincipal(ctx);
  return committed(async () => {
    const { record } = await assessmentById(assessmentId);
    if (record.projectId !== principal.projectId || record.unitCreditCode !== principal.unitCreditCode) {
      throw new NotFoundError({
        zh: `本链接没有编号为 ${assessmentId} 的评估`,
        en: `this link has no assessment ${assessmentId}`,
      });
    }
    const state = record.falsification;
    if (state?.status !== 'suspected') {
      throw new ConflictError({
        zh: state ? '该评估的弄虚作假认定已作出，不再接受陈述' : '该评估未被怀疑弄虚作假，无需陈述',
        en: state ? 'the suspicion has been decided' : 'this assessment is not suspected',
      });
    }
    if (state.statement) {
      throw new ConflictError({ zh: '已提交过陈述，不能重复提交', en: 'the statement has already been made' });
    }
    if (ctx.now.getTime() > Date.parse(state.statementDueAt)) {
      throw new ConflictError({
        zh: `陈述期已于 ${state.statementDueAt.slice(0, 16).replace('T', ' ')} 届满`,
        en: `the statement window closed at ${state.statementDueAt}`,
      });
    }
    const uow = ctx.unitOfWork();
    const updated = stageFalsification(uow, record, {
      ...state,
      statement: { text, madeAt: ctx.now.toISOString(), by: principalId(ctx.principal) },
    });
    return { uow, status: 200, body: assessmentView(updated) };
  });
}

/**
 * `POST /v1/assessments/{id}/falsification {finding, reason}` (officer): confirmed or cleared — refused (409)
 * before `statementDueAt` unless the unit has made its statement. A confirmation charges the enterprise and the
 * responsible registered person 3 points each (the project manager for a self-assessment; the signer, when
 * registered, for a re-assessment), and the assessment leaves the quarter score.
 */
export async function decideFalsification(
  assessmentId: string,
  body: Out<typeof schemas.falsificationDecisionBody>,
  ctx: RequestContext,
) {
  const today = shanghaiDate(ctx.now);
  const rules = await assessmentRulesOn(today, ctx.ruleSets);
  const actor = principalId(ctx.principal);
  return committed(async () => {
    const { read, record } = await assessmentById(assessmentId);
    const state = record.falsification;
    if (!state) {
      throw new ConflictError({ zh: '该评估未被怀疑弄虚作假，无需认定', en: 'this assessment is not suspected' });
    }
    assertFalsificationDecidable({
      status: state.status,
      statementDueAt: state.statementDueAt,
      statementMadeAt: state.statement?.madeAt ?? null,
      at: ctx.now.toISOString(),
    });
    const uow = ctx.unitOfWork();
    let penaltyEntryIds: string[] = [];
    if (body.finding === 'confirmed' && record.unitCreditCode) {
      const { project } = read.snapshot;
      const responsible =
        record.tier === 'self'
          ? (project.persons.find((person) => person.role === 'project_manager') ?? null)
          : record.signedBy;
      const points = await stagePenaltyCharges(
        uow,
        falsificationCharges(
          {
            assessmentId: record.id,
            period: record.period,
            unit: { creditCode: record.unitCreditCode, name: record.unitName ?? record.unitCreditCode },
            responsible,
          },
          rules.thresholds,
        ).map((charge) => ({
          ...charge,
          source: { kind: 'assessment', assessmentId: record.id, projectId: record.projectId },
        })),
        { now: ctx.now, actor },
        rules,
      );
      penaltyEntryIds = points.entries.map((entry) => entry.id);
    }
    const updated = stageFalsification(uow, record, {
      ...state,
      status: body.finding,
      decision: {
        finding: body.finding,
        reason: body.reason,
        decidedAt: ctx.now.toISOString(),
        decidedBy: actor,
        ruleSetVersion: rules.ruleSetVersion,
        penaltyEntryIds,
      },
    });
    const after = read.assessments.map((a) => (a.id === updated.id ? updated : a));
    stageQuarterStanding(uow, read, after, record.quarter, rules, ctx.now);
    uow.emit('AssessmentFalsificationDecided', record.id, {
      assessmentId: record.id,
      projectId: record.projectId,
      unitCreditCode: record.unitCreditCode,
      finding: body.finding,
      reason: body.reason,
      penaltyEntryIds,
      ruleSetVersion: rules.ruleSetVersion,
    });
    return { uow, status: 200, body: assessmentView(updated) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// schemes

/** `GET /v1/assessment-schemes/{schemeId}`: the scheme as data, with its phase defaults. */
export function getScheme(schemeId: string) {
  return schemeById(schemeId);
}
