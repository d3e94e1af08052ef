/**
 * Rendering off the request path: each event that issues a document reaches the document renderer through the
 * `document-renders` queue (EventBridge rule `render-issued-documents`), which renders the PDF from the committed
 * records, stores it once (`If-None-Match: *`) and records its SHA-256 on the document's record.
 *
 * | event | documents | record (`documentKey`, `documentSha256`) |
 * |---|---|---|
 * | `NoticeIssued` | 附件1 or 附件2 | the notice |
 * | `InspectionRecorded` | 检查报告 | the inspection report, `REPORT#{inspectionId}` |
 * | `GroupOrdersIssued` | one 责令通知书 per group company | each group order |
 * | `MunicipalReportRequested` | the report to the municipal commission | `CASE#{caseId}#MUNICIPALREPORT` |
 *
 * Idempotent by the document's key and hash: a document whose SHA-256 is recorded is left alone; the renderers
 * are deterministic, so a render repeated after a crash gives the same bytes; the put never overwrites; the
 * SHA-256 recorded is the stored object's and the record takes it only if it has none or the same. A redelivered
 * event therefore changes nothing; a crash anywhere is finished by the queue's redelivery.
 *
 * Reads are bounded by the document: its record, the project item and the few items it prints — never the
 * project's history.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { CONDITION_IDS, type ConditionId } from '../domain/vocabulary.js';
import { storeImmutableDocument } from '../files/write-once-documents.js';
import { log } from '../log.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { type Key, keys } from '../store/keys.js';
import { readItem, readProjectItems, type StoredItem } from '../store/project-collection.js';
import type {
  CaseRecord,
  FindingRecord,
  GroupOrderRecord,
  InspectionRecord,
  InspectionReportRecord,
  MunicipalReportRecord,
  NoticeRecord,
} from '../store/snapshot.js';
import { type Project, toProject } from './projects.js';

/** The events the renderer works (the `render-issued-documents` rule's pattern). */
export const RENDERED_EVENTS = [
  'NoticeIssued',
  'InspectionRecorded',
  'GroupOrdersIssued',
  'MunicipalReportRequested',
] as const;

/** The EventBridge envelope as the queue's message body holds it (an SQS target sends the whole event). */
export const renderMessage = z.object({
  'detail-type': z.enum(RENDERED_EVENTS),
  detail: z.object({
    eventId: z.string().check(z.minLength(1)),
    subjectId: z.string().check(z.minLength(1)),
    data: z.looseObject({ projectId: z.string().check(z.minLength(1)) }),
  }),
});
export type RenderMessage = z.infer<typeof renderMessage>;

/** What became of one document of an event. */
export interface RenderOutcome {
  documentKey: string;
  /** `rendered` — stored and recorded by this delivery; `already` — recorded before; `missing` — no such record */
  outcome: 'rendered' | 'already' | 'missing';
  sha256: string | null;
}

/** Render every document the event issues that has no SHA-256 yet. Throws when one fails (the queue retries it). */
export async function renderIssuedDocuments(message: RenderMessage, now: Date): Promise<RenderOutcome[]> {
  const { data } = message.detail;
  const projectId = data.projectId;
  switch (message['detail-type']) {
    case 'NoticeIssued':
      return [await renderNotice(projectId, text(data.caseId), text(data.noticeId), now)];
    case 'InspectionRecorded':
      return [await renderInspectionReportOf(projectId, text(data.inspectionId), now)];
    case 'GroupOrdersIssued':
      return renderGroupOrders(projectId, text(data.caseId), now);
    case 'MunicipalReportRequested':
      return [await renderMunicipalReportOf(projectId, text(data.caseId), now)];
  }
}

function text(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new Error(`expected an id in the event, got ${String(value)}`);
  return value;
}

/** The project as the documents print it, read once per event. */
async function projectOf(projectId: string): Promise<Project> {
  const item = await readItem(keys.project(projectId));
  if (!item) throw new Error(`project ${projectId} of a rendered document does not exist`);
  return toProject(item);
}

/**
 * The step every document shares: skip it if recorded, else render, store once, record the stored object's
 * SHA-256 on the record (only where none, or the same, is recorded).
 */
async function issue(
  recordKey: Key,
  record: { documentKey?: string; documentSha256?: string | null } | undefined,
  render: () => Promise<Buffer>,
  now: Date,
): Promise<RenderOutcome> {
  if (!record?.documentKey) {
    log.warn('an event names a document whose record does not exist (or predates documents): nothing to render', {
      pk: recordKey.pk,
      sk: recordKey.sk,
    });
    return { documentKey: '', outcome: 'missing', sha256: null };
  }
  const { documentKey } = record;
  if (record.documentSha256) return { documentKey, outcome: 'already', sha256: record.documentSha256 };
  const sha256 = await storeImmutableDocument(documentKey, await render(), 'application/pdf');
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: recordKey,
        UpdateExpression: 'SET documentSha256 = :sha, documentRenderedAt = if_not_exists(documentRenderedAt, :now)',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(documentSha256) OR documentSha256 = :null OR documentSha256 = :sha)',
        ExpressionAttributeValues: { ':sha': sha256, ':null': null, ':now': now.toISOString() },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    // recorded meanwhile with another hash: the stored object and its record disagree, which a person must look at
    throw new Error(`The stored document ${documentKey} does not match the SHA-256 recorded on ${recordKey.sk}`);
  }
  return { documentKey, outcome: 'rendered', sha256 };
}

// The PDF modules (pdfkit, fontkit: most of the bundle) are imported on first use, not at cold start.

async function renderNotice(projectId: string, caseId: string, noticeId: string, now: Date): Promise<RenderOutcome> {
  const key = keys.notice(projectId, caseId, noticeId);
  const notice = await readItem<NoticeRecord & Record<string, unknown>>(key);
  return issue(
    key,
    notice,
    async () => {
      const record = notice as NoticeRecord;
      const project = await projectOf(projectId);
      const { renderInclusionNotice, renderReleaseNotice } = await import('../documents/notice-pdf.js');
      const common = {
        number: record.number,
        issuedOn: record.issuedOn,
        receiptDueOn: record.receiptDueOn,
        recipients: record.recipients,
        projectName: project.name,
        projectAddress: project.address,
      };
      return record.noticeType === 'inclusion'
        ? renderInclusionNotice({
            ...common,
            conditionsMet: conditionIds(record.conditionsMet),
            // a case proposed by a published ranking: the notice states the ranking (SPEC §6.5)
            ...(record.rankingBasis ? { rankingBasis: record.rankingBasis } : {}),
          })
        : renderReleaseNotice(common);
    },
    now,
  );
}

async function renderInspectionReportOf(projectId: string, inspectionId: string, now: Date): Promise<RenderOutcome> {
  const key = keys.inspectionReport(projectId, inspectionId);
  const report = await readItem<InspectionReportRecord & Record<string, unknown>>(key);
  return issue(
    key,
    report,
    async () => {
      const record = report as InspectionReportRecord;
      const [project, inspection] = await Promise.all([
        projectOf(projectId),
        readItem<InspectionRecord & Record<string, unknown>>(keys.inspection(projectId, inspectionId)),
      ]);
      if (!inspection) throw new Error(`inspection ${inspectionId} of a report does not exist`);
      // the findings as recorded: what the report prints of them (kind … deadline) never changes after
      const findings = await Promise.all(
        inspection.findingIds.map(async (id) => {
          const finding = await readItem<FindingRecord & Record<string, unknown>>(keys.hazard(projectId, id));
          if (!finding) throw new Error(`finding ${id} of inspection ${inspectionId} does not exist`);
          return finding;
        }),
      );
      const person = (role: string) => project.persons?.find((candidate) => candidate.role === role)?.name;
      const projectManager = person('project_manager');
      const chiefSupervisingEngineer = person('chief_supervising_engineer');
      const { renderInspectionReport } = await import('../documents/inspection-report-pdf.js');
      return renderInspectionReport({
        inspectionId,
        projectName: project.name,
        projectAddress: project.address,
        units: project.units,
        date: inspection.date,
        kind: inspection.kind,
        inspectors: inspection.inspectors,
        keyPersonnelPresent: inspection.keyPersonnelPresent,
        keyPersons: {
          ...(projectManager ? { projectManager } : {}),
          ...(chiefSupervisingEngineer ? { chiefSupervisingEngineer } : {}),
        },
        findings: findings.map((finding) => ({
          kind: finding.kind,
          category: finding.category,
          severity: finding.severity,
          unitCreditCode: finding.unitCreditCode,
          description: finding.description,
          deadline: finding.deadline,
        })),
        summary: inspection.summary,
        rectificationPlanDueOn: record.rectificationPlanDueOn,
      });
    },
    now,
  );
}

async function renderGroupOrders(projectId: string, caseId: string, now: Date): Promise<RenderOutcome[]> {
  const items = await readProjectItems(projectId, keys.groupOrderPrefix(caseId));
  const orders = items.filter((item) => item.type === 'group-order' && item.documentKey);
  if (orders.length === 0) {
    log.warn('GroupOrdersIssued names a case without group orders to render', { projectId, caseId });
    return [];
  }
  let project: Project | undefined;
  let includedOn: string | undefined;
  const outcomes: RenderOutcome[] = [];
  for (const item of orders) {
    const order = item as StoredItem & GroupOrderRecord & { id: string };
    outcomes.push(
      await issue(
        { pk: item.pk, sk: item.sk },
        order,
        async () => {
          project ??= await projectOf(projectId);
          includedOn ??= order.includedOn ?? (await includedOnOf(projectId, caseId));
          const { renderGroupOrder } = await import('../documents/ladder-pdf.js');
          return renderGroupOrder({
            orderId: order.id,
            groupCompany: order.groupCompany,
            units: order.units,
            projectName: order.projectName ?? project.name,
            projectAddress: order.projectAddress ?? project.address,
            includedOn,
            orderedOn: order.orderedOn,
            groupReportDueOn: order.groupReportDueOn,
            grounds: order.grounds ?? [],
          });
        },
        now,
      ),
    );
  }
  return outcomes;
}

async function includedOnOf(projectId: string, caseId: string): Promise<string> {
  const record = await readItem<CaseRecord & Record<string, unknown>>(keys.supervisionCase(projectId, caseId));
  if (!record?.includedOn) throw new Error(`case ${caseId} of a group order was never included`);
  return record.includedOn;
}

async function renderMunicipalReportOf(projectId: string, caseId: string, now: Date): Promise<RenderOutcome> {
  const key = keys.municipalReport(projectId, caseId);
  const report = await readItem<MunicipalReportRecord & Record<string, unknown>>(key);
  return issue(
    key,
    report,
    async () => {
      const record = report as MunicipalReportRecord;
      const { renderMunicipalReport } = await import('../documents/ladder-pdf.js');
      return renderMunicipalReport({
        reportId: record.id,
        recipient: record.recipient,
        projectName: record.projectName,
        ...(record.projectAddress ? { projectAddress: record.projectAddress } : {}),
        units: record.units,
        includedOn: record.includedOn,
        reportedOn: record.reportedOn,
        conditionsMet: conditionIds(record.conditionsMet),
        violations: record.violations,
        measures: record.measures,
        circularNumber: record.circularNumber,
      });
    },
    now,
  );
}

function conditionIds(values: readonly string[]): ConditionId[] {
  return values.filter((id): id is ConditionId => (CONDITION_IDS as readonly string[]).includes(id));
}
