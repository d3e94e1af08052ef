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
import { creditCode, isoDate, recordId, text } from './common.js';
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
    ruleSetVersion: z.string(),
    conditions: z.array(condition),
  })
  .meta({ id: 'ConditionsResult' });

export const inspectionRecorded = z
  .object({
    inspectionId: recordId('ins'),
    hazardIds: z.array(z.string()),
    conditions: z.array(condition),
    caseId: z.string().optional(),
    report: inspectionReport.meta({
      description: 'the inspection report (检查报告): pending until its PDF is rendered',
    }),
  })
  .meta({ id: 'InspectionRecorded' });
