import * as z from 'zod/mini';
import { MEASURE_KINDS } from '../domain/enforcement.js';
import {
  CONDITION_IDS,
  CRITICISM_ISSUERS,
  FINDING_KINDS,
  HAZARD_CATEGORIES,
  HAZARD_STATUSES,
  INSPECTION_KINDS,
  SEVERITIES,
} from '../domain/vocabulary.js';
import { creditCode, isoDate, recordId, text, timestamp } from './common.js';
import { described } from './described.js';
import { documentRecord } from './documents.js';
import { inspectionReport } from './issued-documents.js';
import { issueMessage, message } from './messages.js';
import { project } from './project.js';

export const findingInput = z.object({
  kind: z.enum(FINDING_KINDS),
  category: z.enum(HAZARD_CATEGORIES),
  severity: z.enum(SEVERITIES),
  unitCreditCode: described(creditCode, { description: 'the responsible unit; must be a unit of the project' }),
  description: text(2000),
  deadline: described(isoDate, { description: 'rectification deadline (整改期限), on or after the inspection date' }),
});

/**
 * An enforcement measure recorded on an inspection (SPEC §6.7): 责令改正, 罚款 (with its amount), 停工整改. The unit
 * must be a unit of the project and only a fine has an amount; both are checked by the use case, with messages in
 * Chinese and English (shared/domain/enforcement.ts `measureProblems`).
 */
export const enforcementMeasureInput = described(
  z.object({
    kind: described(z.enum(MEASURE_KINDS), {
      description: 'rectification_order 责令改正 | fine 罚款 | stop_work 停工整改',
    }),
    unitCreditCode: described(creditCode, { description: 'the unit the measure is imposed on; a unit of the project' }),
    amountYuan: described(
      z.optional(
        z
          .number()
          .check(
            z.positive(message({ zh: '罚款金额应大于 0 元', en: 'a fine is more than ¥0' })),
            z.lte(100_000_000, message({ zh: '罚款金额最多 1 亿元', en: 'at most ¥100,000,000' })),
            z.multipleOf(0.01, message({ zh: '金额以元为单位，最多两位小数', en: 'yuan to two decimals at most' })),
          ),
      ),
      { description: 'the fine in yuan: required for a fine, refused for any other measure' },
    ),
    documentNo: described(text(100), {
      description: 'the enforcement document (执法文书) number',
      example: '京建执罚〔2026〕12号',
    }),
  }),
  { id: 'EnforcementMeasure' },
);

/** `POST /v1/projects/{projectId}/inspections` */
export const recordInspectionBody = described(
  z
    .object({
      date: isoDate,
      kind: z.enum(INSPECTION_KINDS),
      inspectors: z.array(text(50)).check(
        z.minLength(
          2,
          message({
            zh: '执法检查须由两名以上监督人员进行（双人执法），请填写全部检查人员',
            en: 'an inspection is made by two or more inspectors',
          }),
        ),
        z.maxLength(20),
        z.refine(
          (names) => new Set(names).size === names.length,
          message({ zh: '同一检查人员填写了两次，请删去重复的姓名', en: 'the same inspector is listed twice' }),
        ),
      ),
      keyPersonnelPresent: z.object({ projectManager: z.boolean(), chiefSupervisingEngineer: z.boolean() }),
      findings: z._default(z.array(findingInput).check(z.maxLength(200)), []),
      summary: text(5000),
      measures: described(z._default(z.array(enforcementMeasureInput).check(z.maxLength(50)), []), {
        description: 'enforcement measures imposed at the inspection (SPEC §6.7)',
      }),
    })
    .check(
      z.superRefine((inspection, ctx) => {
        inspection.findings.forEach((finding, index) => {
          if (finding.deadline < inspection.date) {
            ctx.addIssue({
              code: 'custom',
              path: ['findings', index, 'deadline'],
              ...issueMessage({
                zh: `整改期限 ${finding.deadline} 早于检查日期 ${inspection.date}：整改期限须在检查当天或之后`,
                en: `the rectification deadline ${finding.deadline} is before the inspection date ${inspection.date}`,
              }),
            });
          }
        });
      }),
    ),
  { id: 'RecordInspection' },
);
export type RecordInspectionBody = z.output<typeof recordInspectionBody>;

/** `POST /v1/projects/{projectId}/incidents` */
export const recordIncidentBody = described(
  z.object({
    date: isoDate,
    fatalities: z.number().check(z.int(), z.gte(0), z.lte(1000)),
    injuries: z.number().check(z.int(), z.gte(0), z.lte(10000)),
    description: text(5000),
  }),
  { id: 'RecordIncident' },
);

/** `POST /v1/projects/{projectId}/criticisms` */
export const recordCriticismBody = described(
  z.object({
    date: isoDate,
    issuer: z.enum(CRITICISM_ISSUERS),
    documentNo: text(100),
    summary: text(5000),
  }),
  { id: 'RecordCriticism' },
);

export const hazardIdParams = z.object({ hazardId: recordId('haz') });

/** `POST /v1/hazards/{hazardId}/verifications` */
export const verifyHazardBody = described(
  z.object({ result: z.enum(['accepted', 'rejected']), date: isoDate, note: z.optional(text(2000)) }),
  { id: 'VerifyHazard' },
);

/** `POST /v1/hazards/{hazardId}/refusal` */
export const refuseHazardBody = described(
  z._default(z.object({ date: z.optional(isoDate), note: z.optional(text(2000)) }), {}),
  { id: 'RefuseHazard' },
);

export const conditionsQuery = z.object({ asOf: z.optional(isoDate) });

export const condition = described(
  z.object({
    id: z.enum(CONDITION_IDS),
    met: z.boolean(),
    evidence: z.array(z.string()),
    explanation: z.string(),
    alreadyWeighed: described(z.optional(z.array(z.string())), {
      description: 'records an earlier inclusion, dismissal or release weighed, set aside (SPEC §2.1)',
    }),
  }),
  { id: 'Condition' },
);

export const hazard = described(
  z.object({
    id: recordId('haz'),
    projectId: recordId('prj'),
    inspectionId: recordId('ins'),
    kind: z.enum(FINDING_KINDS),
    category: z.enum(HAZARD_CATEGORIES),
    severity: z.enum(SEVERITIES),
    unitCreditCode: z.string(),
    description: z.string(),
    foundOn: isoDate,
    deadline: isoDate,
    status: z.enum(HAZARD_STATUSES),
    overdue: z.boolean(),
  }),
  { id: 'Hazard' },
);

export const conditionsResult = described(
  z.object({
    projectId: z.string(),
    asOf: isoDate,
    ruleSetVersion: described(z.string(), { description: 'the rule-set version in force on asOf (`v1` …)' }),
    thresholds: z.record(z.string(), z.number()),
    conditions: z.array(condition),
  }),
  { id: 'ConditionsResult' },
);

/** Why conditions that hold proposed no case: an earlier decision weighed their evidence (SPEC §2.1). */
export const notProposed = described(
  z.object({
    reason: z.string(),
    weighedBy: z.array(
      z.object({ caseId: z.string(), decision: z.enum(['inclusion', 'dismissal', 'release']), on: isoDate }),
    ),
  }),
  { id: 'NotProposed' },
);

export const inspectionRecorded = described(
  z.object({
    inspectionId: recordId('ins'),
    hazardIds: z.array(z.string()),
    conditions: z.array(condition),
    ruleSetVersion: z.string(),
    caseId: z.optional(z.string()),
    report: described(inspectionReport, {
      description: 'the inspection report (检查报告): pending until its PDF is rendered',
    }),
    notProposed: z.optional(notProposed),
  }),
  { id: 'InspectionRecorded' },
);

/** `GET /v1/hazards/{hazardId}`: the hazard, its verifications and the documents uploaded for it. */
export const hazardDetail = described(
  z.extend(hazard, {
    projectName: z.string(),
    unit: z.object({ creditCode: z.string(), name: z.nullable(z.string()), role: z.nullable(z.string()) }),
    inspection: z.nullable(z.object({ id: recordId('ins'), date: isoDate, kind: z.enum(INSPECTION_KINDS) })),
    history: z.array(
      z.object({
        on: isoDate,
        status: z.enum(HAZARD_STATUSES),
        at: timestamp,
        by: z.string(),
        note: z.optional(z.string()),
      }),
    ),
    verifications: z.array(
      z.object({
        result: z.enum(['accepted', 'rejected']),
        date: isoDate,
        note: z.nullable(z.string()),
        by: z.string(),
        at: timestamp,
      }),
    ),
    documents: z.array(documentRecord),
  }),
  { id: 'HazardDetail' },
);

/** An enforcement measure as an inspection shows it (SPEC §6.7). */
export const enforcementMeasure = described(
  z.object({
    kind: z.enum(MEASURE_KINDS),
    unitCreditCode: z.string(),
    amountYuan: described(z.nullable(z.number()), { description: 'a fine in yuan; null for any other measure' }),
    documentNo: z.string(),
  }),
  { id: 'EnforcementMeasureView' },
);

/** An inspection as a project lists it: who, what kind, how many findings, and the measures imposed. */
export const inspectionSummary = described(
  z.object({
    id: recordId('ins'),
    date: isoDate,
    kind: z.enum(INSPECTION_KINDS),
    inspectors: z.array(z.string()),
    findings: described(z.number().check(z.int(), z.gte(0)), {
      description: 'how many findings (hazards and management findings)',
    }),
    measures: z.array(enforcementMeasure),
  }),
  { id: 'InspectionSummary' },
);

/** `GET /v1/projects/{projectId}`: the project, its open hazards, its case if any, its inspections newest first. */
export const projectDetail = described(
  z.extend(project, {
    openHazards: z.array(hazard),
    case: described(
      z.nullable(
        z.object({ id: recordId('cas'), status: z.string(), level: z.number().check(z.int(), z.gte(0), z.lte(3)) }),
      ),
      { description: 'the open case, or else the latest one' },
    ),
    inspections: z.array(inspectionSummary),
  }),
  { id: 'ProjectDetail' },
);
