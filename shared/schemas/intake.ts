import * as z from 'zod';
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
import { documentRecord } from './documents.js';
import { inspectionReport } from './issued-documents.js';
import { issueMessage, message } from './messages.js';
import { project } from './project.js';

export const findingInput = z.object({
  kind: z.enum(FINDING_KINDS),
  category: z.enum(HAZARD_CATEGORIES),
  severity: z.enum(SEVERITIES),
  unitCreditCode: creditCode.meta({ description: 'the responsible unit; must be a unit of the project' }),
  description: text(2000),
  deadline: isoDate.meta({ description: 'rectification deadline (整改期限), on or after the inspection date' }),
});

/**
 * An enforcement measure recorded on an inspection (SPEC §6.7): 责令改正, 罚款 (with its amount), 停工整改. The unit
 * must be a unit of the project and only a fine has an amount; both are checked by the use case, with messages in
 * Chinese and English (shared/domain/enforcement.ts `measureProblems`).
 */
export const enforcementMeasureInput = z
  .object({
    kind: z.enum(MEASURE_KINDS).meta({ description: 'rectification_order 责令改正 | fine 罚款 | stop_work 停工整改' }),
    unitCreditCode: creditCode.meta({ description: 'the unit the measure is imposed on; a unit of the project' }),
    amountYuan: z
      .number()
      .positive(message({ zh: '罚款金额应大于 0 元', en: 'a fine is more than ¥0' }))
      .max(100_000_000, message({ zh: '罚款金额最多 1 亿元', en: 'at most ¥100,000,000' }))
      .multipleOf(0.01, message({ zh: '金额以元为单位，最多两位小数', en: 'yuan to two decimals at most' }))
      .optional()
      .meta({ description: 'the fine in yuan: required for a fine, refused for any other measure' }),
    documentNo: text(100).meta({
      description: 'the enforcement document (执法文书) number',
      example: '京建执罚〔2026〕12号',
    }),
  })
  .meta({ id: 'EnforcementMeasure' });

/** `POST /v1/projects/{projectId}/inspections` */
export const recordInspectionBody = z
  .object({
    date: isoDate,
    kind: z.enum(INSPECTION_KINDS),
    inspectors: z
      .array(text(50))
      .min(
        2,
        message({
          zh: '执法检查须由两名以上监督人员进行（双人执法），请填写全部检查人员',
          en: 'an inspection is made by two or more inspectors',
        }),
      )
      .max(20)
      .refine(
        (names) => new Set(names).size === names.length,
        message({ zh: '同一检查人员填写了两次，请删去重复的姓名', en: 'the same inspector is listed twice' }),
      ),
    keyPersonnelPresent: z.object({ projectManager: z.boolean(), chiefSupervisingEngineer: z.boolean() }),
    findings: z.array(findingInput).max(200).default([]),
    summary: text(5000),
    measures: z
      .array(enforcementMeasureInput)
      .max(50)
      .default([])
      .meta({ description: 'enforcement measures imposed at the inspection (SPEC §6.7)' }),
  })
  .superRefine((inspection, ctx) => {
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
  })
  .meta({ id: 'RecordInspection' });
export type RecordInspectionBody = z.output<typeof recordInspectionBody>;

/** `POST /v1/projects/{projectId}/incidents` */
export const recordIncidentBody = z
  .object({
    date: isoDate,
    fatalities: z.number().int().min(0).max(1000),
    injuries: z.number().int().min(0).max(10000),
    description: text(5000),
  })
  .meta({ id: 'RecordIncident' });

/** `POST /v1/projects/{projectId}/criticisms` */
export const recordCriticismBody = z
  .object({
    date: isoDate,
    issuer: z.enum(CRITICISM_ISSUERS),
    documentNo: text(100),
    summary: text(5000),
  })
  .meta({ id: 'RecordCriticism' });

export const hazardIdParams = z.object({ hazardId: recordId('haz') });

/** `POST /v1/hazards/{hazardId}/verifications` */
export const verifyHazardBody = z
  .object({ result: z.enum(['accepted', 'rejected']), date: isoDate, note: text(2000).optional() })
  .meta({ id: 'VerifyHazard' });

/** `POST /v1/hazards/{hazardId}/refusal` */
export const refuseHazardBody = z
  .object({ date: isoDate.optional(), note: text(2000).optional() })
  .default({})
  .meta({ id: 'RefuseHazard' });

export const conditionsQuery = z.object({ asOf: isoDate.optional() });

export const condition = z
  .object({
    id: z.enum(CONDITION_IDS),
    met: z.boolean(),
    evidence: z.array(z.string()),
    explanation: z.string(),
    alreadyWeighed: z
      .array(z.string())
      .optional()
      .meta({ description: 'records an earlier inclusion, dismissal or release weighed, set aside (SPEC §2.1)' }),
  })
  .meta({ id: 'Condition' });

export const hazard = z
  .object({
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
  })
  .meta({ id: 'Hazard' });

export const conditionsResult = z
  .object({
    projectId: z.string(),
    asOf: isoDate,
    ruleSetVersion: z.string().meta({ description: 'the rule-set version in force on asOf (`v1` …)' }),
    thresholds: z.record(z.string(), z.number()),
    conditions: z.array(condition),
  })
  .meta({ id: 'ConditionsResult' });

/** Why conditions that hold proposed no case: an earlier decision weighed their evidence (SPEC §2.1). */
export const notProposed = z
  .object({
    reason: z.string(),
    weighedBy: z.array(
      z.object({ caseId: z.string(), decision: z.enum(['inclusion', 'dismissal', 'release']), on: isoDate }),
    ),
  })
  .meta({ id: 'NotProposed' });

export const inspectionRecorded = z
  .object({
    inspectionId: recordId('ins'),
    hazardIds: z.array(z.string()),
    conditions: z.array(condition),
    ruleSetVersion: z.string(),
    caseId: z.string().optional(),
    report: inspectionReport.meta({
      description: 'the inspection report (检查报告): pending until its PDF is rendered',
    }),
    notProposed: notProposed.optional(),
  })
  .meta({ id: 'InspectionRecorded' });

/** `GET /v1/hazards/{hazardId}`: the hazard, its verifications and the documents uploaded for it. */
export const hazardDetail = hazard
  .extend({
    projectName: z.string(),
    unit: z.object({ creditCode: z.string(), name: z.string().nullable(), role: z.string().nullable() }),
    inspection: z.object({ id: recordId('ins'), date: isoDate, kind: z.enum(INSPECTION_KINDS) }).nullable(),
    history: z.array(
      z.object({
        on: isoDate,
        status: z.enum(HAZARD_STATUSES),
        at: timestamp,
        by: z.string(),
        note: z.string().optional(),
      }),
    ),
    verifications: z.array(
      z.object({
        result: z.enum(['accepted', 'rejected']),
        date: isoDate,
        note: z.string().nullable(),
        by: z.string(),
        at: timestamp,
      }),
    ),
    documents: z.array(documentRecord),
  })
  .meta({ id: 'HazardDetail' });

/** An enforcement measure as an inspection shows it (SPEC §6.7). */
export const enforcementMeasure = z
  .object({
    kind: z.enum(MEASURE_KINDS),
    unitCreditCode: z.string(),
    amountYuan: z.number().nullable().meta({ description: 'a fine in yuan; null for any other measure' }),
    documentNo: z.string(),
  })
  .meta({ id: 'EnforcementMeasureView' });

/** An inspection as a project lists it: who, what kind, how many findings, and the measures imposed. */
export const inspectionSummary = z
  .object({
    id: recordId('ins'),
    date: isoDate,
    kind: z.enum(INSPECTION_KINDS),
    inspectors: z.array(z.string()),
    findings: z.number().int().min(0).meta({ description: 'how many findings (hazards and management findings)' }),
    measures: z.array(enforcementMeasure),
  })
  .meta({ id: 'InspectionSummary' });

/** `GET /v1/projects/{projectId}`: the project, its open hazards, its case if any, its inspections newest first. */
export const projectDetail = project
  .extend({
    openHazards: z.array(hazard),
    case: z
      .object({ id: recordId('cas'), status: z.string(), level: z.number().int().min(0).max(3) })
      .nullable()
      .meta({ description: 'the open case, or else the latest one' }),
    inspections: z.array(inspectionSummary),
  })
  .meta({ id: 'ProjectDetail' });
