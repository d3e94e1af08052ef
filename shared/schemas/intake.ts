import * as z from 'zod';
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

export const findingInput = z.object({
  kind: z.enum(FINDING_KINDS),
  category: z.enum(HAZARD_CATEGORIES),
  severity: z.enum(SEVERITIES),
  unitCreditCode: creditCode.meta({ description: 'the responsible unit; must be a unit of the project' }),
  description: text(2000),
  deadline: isoDate.meta({ description: 'rectification deadline (整改期限), on or after the inspection date' }),
});

/** `POST /v1/projects/{projectId}/inspections` */
export const recordInspectionBody = z
  .object({
    date: isoDate,
    kind: z.enum(INSPECTION_KINDS),
    inspectors: z
      .array(text(50))
      .min(2, 'an inspection is made by two or more inspectors (双人执法)')
      .max(20)
      .refine((names) => new Set(names).size === names.length, 'the same inspector is listed twice'),
    keyPersonnelPresent: z.object({ projectManager: z.boolean(), chiefSupervisingEngineer: z.boolean() }),
    findings: z.array(findingInput).max(200).default([]),
    summary: text(5000),
  })
  .superRefine((inspection, ctx) => {
    inspection.findings.forEach((finding, index) => {
      if (finding.deadline < inspection.date) {
        ctx.addIssue({
          code: 'custom',
          path: ['findings', index, 'deadline'],
          message: `the rectification deadline ${finding.deadline} is before the inspection date ${inspection.date}`,
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
