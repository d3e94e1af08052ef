import type * as z from 'zod/mini';
import { ENV, requireEnv } from '../config.js';
import { isOverdue } from '../domain/conditions.js';
import { daysBetween, shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import {
  CONTENT_TYPE_EXTENSIONS,
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPE_NEEDS,
  documentTypeRefusal,
  documentTypesFor,
} from '../domain/document-rules.js';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { missingFor, type ObligationReport } from '../domain/obligations.js';
import { type DocumentType, ISSUED_DOCUMENT_TITLES, MAX_UPLOAD_BYTES, UNIT_ROLE_NAMES } from '../domain/vocabulary.js';
import { presignedUpload } from '../files/upload-policy.js';
import type { HttpResult, RequestContext } from '../http/api.js';
import { documentLocation } from '../http/document-location.js';
import type { Principal } from '../http/principal.js';
import { newId } from '../ids.js';
import type * as uploadSchemas from '../schemas/uploads.js';
import { keys } from '../store/keys.js';
import { referenceItem } from '../store/project-collection.js';
import { readProjectRecords } from '../store/project-window.js';
import {
  type CaseRecord,
  type DocumentRecord,
  type FindingRecord,
  type InspectionReportRecord,
  type ProjectSnapshot,
  readSnapshot,
} from '../store/snapshot.js';
import { currentObligations } from './case-obligations.js';
import { statementWindowOpen } from './circulars.js';

const DOCUMENTS_BUCKET = requireEnv(ENV.documentsBucket);
/** A presigned POST is good for 15 minutes (SPEC §4). */
export const UPLOAD_WINDOW_SECONDS = 15 * 60;

type UploadPrincipal = Extract<Principal, { kind: 'upload' }>;

function uploadPrincipal(ctx: RequestContext): UploadPrincipal {
  if (ctx.principal.kind !== 'upload') throw new Error('upload routes are authorized by the upload authorizer');
  return ctx.principal;
}

/**
 * The link's case and unit; a link whose case or unit no longer exists is refused like an unknown one. `read` reads
 * the project: whole by default (the upload page shows the case's lists), or only the records a use case weighs.
 */
async function linkScope(
  principal: UploadPrincipal,
  read: (projectId: string) => Promise<ProjectSnapshot | undefined> = readSnapshot,
) {
  const snapshot = await read(principal.projectId);
  const record = snapshot?.cases.find((candidate) => candidate.id === principal.caseId);
  const unit = snapshot?.project.units.find((candidate) => candidate.creditCode === principal.unitCreditCode);
  if (!snapshot || !record || !unit) {
    throw new NotFoundError({
      zh: '此上传链接对应的案件或单位已不存在：请向监督机构索取新的链接。',
      en: 'The case of this upload link no longer exists.',
    });
  }
  return { snapshot, record, unit };
}

/** Daily obligations: only today's are worth showing as due; tomorrow's are not yet news. */
const DAILY_TYPES = new Set<string>(['daily_report', 'patrol_record', 'follow_up_report', 'weekly_report']);

/**
 * What the unit still has to send and may send now: today's daily items, and every not-yet-late item with a longer
 * deadline (the notice receipt, rectification plans, the self-inspection, the group report).
 */
function outstanding(report: ObligationReport, today: string, unitCreditCode: string) {
  return report.obligations.filter(
    (o) =>
      (o.unitCreditCode === null || o.unitCreditCode === unitCreditCode) &&
      o.documentIds.length === 0 &&
      o.status === 'pending' &&
      (o.dueOn === today || !DAILY_TYPES.has(o.type)),
  );
}

function allowedTypes(principal: UploadPrincipal, role: Parameters<typeof documentTypesFor>[0], level: number) {
  const byRole = documentTypesFor(role, level);
  return principal.docTypes ? byRole.filter((type) => principal.docTypes?.includes(type)) : byRole;
}

function documentView(document: DocumentRecord) {
  return {
    documentId: document.id,
    docType: document.docType,
    fileName: document.fileName,
    status: document.status,
    reason: document.reason,
    reportDate: document.reportDate ?? null,
    hazardId: document.hazardId ?? null,
    uploadedAt: document.uploadedAt ?? null,
  };
}

/**
 * The unit's hazards not yet accepted (open, submitted, rejected or refused), overdue ones first, then by deadline:
 * each with how many days it is overdue and the latest rectification evidence the unit sent for it.
 */
function hazardsOfUnit(snapshot: ProjectSnapshot, unitCreditCode: string, today: string) {
  const evidence = snapshot.documents
    .filter((document) => document.unitCreditCode === unitCreditCode && document.docType === 'rectification_evidence')
    .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1));
  return snapshot.findings
    .filter((finding) => finding.unitCreditCode === unitCreditCode && finding.status !== 'accepted')
    .map((finding) => {
      const overdue = isOverdue(finding, today);
      const latest = evidence.find((document) => document.hazardId === finding.id);
      return {
        id: finding.id,
        inspectionId: finding.inspectionId,
        kind: finding.kind,
        category: finding.category,
        severity: finding.severity,
        description: finding.description,
        foundOn: finding.foundOn,
        deadline: finding.deadline,
        status: finding.status,
        overdue,
        daysOverdue: overdue ? daysBetween(finding.deadline, today) : 0,
        evidence: latest ? { documentId: latest.id, status: latest.status } : null,
      };
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.deadline.localeCompare(b.deadline));
}

/** The unit's findings of an inspection. */
const findingsOfUnitIn = (snapshot: ProjectSnapshot, inspectionId: string, unitCreditCode: string) =>
  snapshot.findings.filter(
    (finding) => finding.inspectionId === inspectionId && finding.unitCreditCode === unitCreditCode,
  );

/**
 * The inspection reports (检查报告, SPEC §2.2) of inspections that found hazards for the unit: those since the case
 * was proposed, and older ones while a hazard of the unit they found is still not accepted. Newest first. Each is
 * the report recorded with its inspection (`REPORT#{inspectionId}`): `ready` with its link once the document
 * renderer has stored the PDF, `preparing` until then. An inspection recorded before reports existed has none
 * until `npm run backfill:reports` records it, and is not listed.
 */
function reportsOfUnit(snapshot: ProjectSnapshot, record: CaseRecord, unitCreditCode: string) {
  const reports = new Map(snapshot.inspectionReports.map((report) => [report.inspectionId, report]));
  return snapshot.inspections
    .map((inspection) => ({
      inspection,
      report: reports.get(inspection.id),
      found: findingsOfUnitIn(snapshot, inspection.id, unitCreditCode),
    }))
    .filter(
      (entry): entry is typeof entry & { report: InspectionReportRecord } =>
        entry.report !== undefined &&
        entry.found.length > 0 &&
        (entry.inspection.date >= record.proposedOn ||
          entry.found.some((finding: FindingRecord) => finding.status !== 'accepted')),
    )
    .sort((a, b) => b.inspection.date.localeCompare(a.inspection.date) || (a.inspection.id < b.inspection.id ? 1 : -1))
    .map(({ inspection, report, found }) => ({
      inspectionId: inspection.id,
      date: inspection.date,
      kind: inspection.kind,
      hazardCount: found.length,
      openHazardCount: found.filter((finding) => finding.status !== 'accepted').length,
      rectificationPlanDueOn: report.rectificationPlanDueOn,
      report: report.documentSha256
        ? { status: 'ready' as const, sha256: report.documentSha256, href: `/v1/uploads/reports/${inspection.id}` }
        : { status: 'preparing' as const, sha256: null, href: null },
    }));
}

/**
 * The draft circulars of criticism (通报) of the case that name the unit: what it is criticised for, and until when
 * it may make its statement and defence (陈述申辩, 5 working days from the draft; SPEC §2.5).
 */
function circularDraftsNaming(snapshot: ProjectSnapshot, record: CaseRecord, unitCreditCode: string, now: Date) {
  return snapshot.circulars
    .filter(
      (circular) =>
        circular.caseId === record.id &&
        circular.status === 'draft' &&
        circular.units.some((named) => named.creditCode === unitCreditCode),
    )
    .map((circular) => ({
      id: circular.id,
      title: circular.title,
      body: circular.body,
      draftedOn: circular.draftedOn,
      statementWindowEndsOn: circular.statementWindowEndsOn,
      statementWindowEndsAt: circular.statementWindowEndsAt,
      statementWindowOpen: statementWindowOpen(circular, now),
      statementMade: (circular.statements ?? []).some((statement) => statement.unitCreditCode === unitCreditCode),
    }));
}

/**
 * `GET /v1/uploads/context`: what this link allows, what the unit owes today and has missed, its hazards not yet
 * accepted (overdue first) with their deadlines, its inspection reports, and any draft circular naming it with its
 * statement deadline.
 */
export async function uploadContext(ctx: RequestContext) {
  const principal = uploadPrincipal(ctx);
  const { snapshot, record, unit } = await linkScope(principal);
  const today = shanghaiDate(ctx.now);
  const report = currentObligations(snapshot, record, ctx.now, await ctx.ruleSets.all());
  const obligationView = (o: ObligationReport['obligations'][number]) => ({
    key: o.key,
    docType: o.type,
    description: o.description,
    dueAt: o.dueAt,
    ...(o.reportDate ? { reportDate: o.reportDate } : {}),
    status: o.status,
  });
  const allowed = allowedTypes(principal, unit.role, record.level);
  return {
    case: { id: record.id, projectName: record.projectName, status: record.status, level: record.level },
    unit: { name: unit.name, role: unit.role, roleName: UNIT_ROLE_NAMES[unit.role], creditCode: unit.creditCode },
    link: {
      expiresAt: principal.validUntil ? shanghaiTimestamp(new Date(principal.validUntil)) : null,
      docTypes: allowed,
    },
    today,
    documentTypes: allowed.map((docType) => ({
      docType,
      name: DOCUMENT_TYPE_NAMES[docType],
      needs: DOCUMENT_TYPE_NEEDS[docType],
    })),
    due: report ? outstanding(report, today, unit.creditCode).map(obligationView) : [],
    missing: report ? missingFor(report, unit.creditCode).map(obligationView) : [],
    hazards: hazardsOfUnit(snapshot, unit.creditCode, today),
    reports: reportsOfUnit(snapshot, record, unit.creditCode),
    circulars: circularDraftsNaming(snapshot, record, unit.creditCode, ctx.now),
    documents: snapshot.documents
      .filter((document) => document.caseId === record.id && document.unitCreditCode === unit.creditCode)
      .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1))
      .map(documentView),
  };
}

/**
 * `POST /v1/uploads`: check the declaration against the link and the rules, record a pending document and answer
 * a presigned POST whose policy pins the exact key, the content type, the exact size and a 15-minute expiry.
 */
export async function requestUpload(body: z.output<typeof uploadSchemas.requestUploadBody>, ctx: RequestContext) {
  const principal = uploadPrincipal(ctx);
  // by key what the declaration is checked against (issue 13: not the project's whole collection, which every
  // upload grows): the project's units, the case, the hazard it names, the notices a receipt answers
  const { snapshot, record, unit } = await linkScope(principal, (projectId) =>
    readProjectRecords(
      projectId,
      [
        keys.supervisionCase(projectId, principal.caseId),
        ...(body.hazardId ? [keys.hazard(projectId, body.hazardId)] : []),
      ],
      body.docType === 'notice_receipt' ? [keys.noticePrefix(principal.caseId)] : [],
    ),
  );
  const today = shanghaiDate(ctx.now);

  if (principal.docTypes && !principal.docTypes.includes(body.docType)) {
    const allowed = principal.docTypes;
    throw new RuleViolationError(
      {
        zh: `此上传链接只能上传：${allowed.map((type) => DOCUMENT_TYPE_NAMES[type as DocumentType] ?? type).join('、')}。其他材料请向监督机构索取相应的链接。`,
        en: `This upload link is limited to ${allowed.join(', ')}.`,
      },
      [
        {
          field: 'docType',
          message: { zh: '不在此链接可上传的材料类型之内', en: 'not among the document types of this link' },
        },
      ],
    );
  }
  const refusal = documentTypeRefusal(body.docType, unit.role, record.level);
  if (refusal) {
    throw new RuleViolationError({ zh: `${refusal.zh}。`, en: `${refusal.en}.` }, [
      { field: 'docType', message: refusal },
    ]);
  }

  const needs = DOCUMENT_TYPE_NEEDS[body.docType];
  if (needs === 'reportDate') {
    if (!body.reportDate) {
      throw new InvalidInputError(
        {
          zh: `${DOCUMENT_TYPE_NAMES[body.docType]}须注明所报告的日期：请填写 reportDate（YYYY-MM-DD）。`,
          en: `A ${body.docType} names the day it reports on.`,
        },
        [
          {
            field: 'reportDate',
            message: { zh: '此类材料必填，格式 YYYY-MM-DD', en: 'required for this document type (YYYY-MM-DD)' },
          },
        ],
      );
    }
    if (body.reportDate > today || (record.includedOn && body.reportDate < record.includedOn)) {
      throw new InvalidInputError(
        {
          zh: `报告日期须在纳入监管之日（${record.includedOn}）至今天（${today}）之间。`,
          en: `The report date must lie between the inclusion (${record.includedOn}) and today (${today}).`,
        },
        [
          {
            field: 'reportDate',
            message: {
              zh: `须在 ${record.includedOn} 至 ${today} 之间`,
              en: `between ${record.includedOn} and ${today}`,
            },
          },
        ],
      );
    }
  }
  if (needs === 'hazardId') {
    const hazard = body.hazardId ? snapshot.findings.find((finding) => finding.id === body.hazardId) : undefined;
    if (!hazard) {
      throw new InvalidInputError(
        {
          zh: '隐患整改证明须注明所整改的隐患：请在 hazardId 中选择本项目的一条隐患。',
          en: 'Rectification evidence names a hazard of this case’s project.',
        },
        [
          {
            field: 'hazardId',
            message: body.hazardId
              ? { zh: '不是本案件项目的隐患', en: 'not a hazard of this case' }
              : { zh: '此类材料必填', en: 'required for this document type' },
          },
        ],
      );
    }
    // Each unit rectifies what the inspection report names against it (seed §3(2), 一厂一策) and proves it; another
    // unit's link may not close its hazard.
    if (hazard.unitCreditCode !== unit.creditCode) {
      throw new RuleViolationError(
        {
          zh: '整改证明只能由负责整改的单位上传：所选隐患不是本单位的隐患。',
          en: 'Rectification evidence is sent by the unit the hazard names: this hazard is another unit’s to rectify.',
        },
        [{ field: 'hazardId', message: { zh: '不是本单位负责整改的隐患', en: 'not a hazard this unit rectifies' } }],
      );
    }
  }
  if (body.size > MAX_UPLOAD_BYTES) {
    throw new InvalidInputError({ zh: '文件最大 20 MiB：请压缩或分成几份上传。', en: 'At most 20 MiB.' }, [
      { field: 'size', message: { zh: '最大 20 MiB', en: 'at most 20 MiB' } },
    ]);
  }

  const noticeId =
    body.docType === 'notice_receipt'
      ? snapshot.notices
          .filter((notice) => notice.caseId === record.id && !notice.acknowledgedAt)
          .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1))[0]?.id
      : undefined;
  if (body.docType === 'notice_receipt' && !noticeId) {
    throw new RuleViolationError(
      {
        zh: '本案件的告知单回执均已收到，无需再上传回执。',
        en: 'Every notice of this case has been acknowledged already.',
      },
      [{ field: 'docType', message: { zh: '没有等待回执的告知单', en: 'no notice is waiting for its receipt' } }],
    );
  }

  const documentId = newId('doc');
  const key = `cases/${record.id}/${unit.creditCode}/${body.docType}/${documentId}.${CONTENT_TYPE_EXTENSIONS[body.contentType]}`;
  const document: DocumentRecord = {
    id: documentId,
    caseId: record.id,
    projectId: record.projectId,
    linkId: principal.linkId,
    unitCreditCode: unit.creditCode,
    unitRole: unit.role,
    docType: body.docType,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    sha256: body.sha256,
    ...(needs === 'reportDate' && body.reportDate ? { reportDate: body.reportDate } : {}),
    ...(needs === 'hazardId' && body.hazardId ? { hazardId: body.hazardId } : {}),
    ...(noticeId ? { noticeId } : {}),
    key,
    status: 'pending',
    reason: null,
    requestedAt: ctx.now.toISOString(),
  };
  const post = await presignedUpload(
    { bucket: DOCUMENTS_BUCKET, key, contentType: body.contentType, size: body.size, sha256: body.sha256 },
    UPLOAD_WINDOW_SECONDS,
  );
  const expiresAt = shanghaiTimestamp(new Date(ctx.now.getTime() + UPLOAD_WINDOW_SECONDS * 1000));
  const uow = ctx.unitOfWork();
  uow.put(
    { ...keys.document(record.projectId, record.id, documentId), type: 'document', ...document },
    { mustBeNew: true },
  );
  uow.put(referenceItem({ id: documentId, projectId: record.projectId, caseId: record.id, recordType: 'document' }), {
    mustBeNew: true,
  });
  const response = { status: 201, body: { documentId, upload: { url: post.url, fields: post.fields }, expiresAt } };
  await uow.commit(response);
  return response;
}

/** `GET /v1/uploads/{documentId}`: only for the unit (and case) that declared it; to anyone else it does not exist. */
export async function uploadStatus(documentId: string, ctx: RequestContext) {
  const principal = uploadPrincipal(ctx);
  const { projectId, caseId } = principal;
  const snapshot = await readProjectRecords(projectId, [keys.document(projectId, caseId, documentId)]);
  const document = snapshot?.documents.find(
    (candidate) =>
      candidate.id === documentId &&
      candidate.caseId === principal.caseId &&
      candidate.unitCreditCode === principal.unitCreditCode,
  );
  if (!document) {
    throw new NotFoundError({
      zh: `此上传链接下没有编号为 ${documentId} 的材料：请核对编号。`,
      en: `This upload link has no document ${documentId}.`,
    });
  }
  return { ...documentView(document), documentId: document.id };
}

/**
 * `GET /v1/uploads/reports/{inspectionId}` (upload token): the PDF of an inspection report that found hazards for
 * the link's unit, through a presigned GET valid for 5 minutes (a 302, or `{url, expiresAt}` for
 * `Accept: application/json`, which the upload page uses to open it). Any other inspection does not exist for the
 * link; a report not rendered yet is a 409 saying so.
 */
export async function unitReportContent(inspectionId: string, ctx: RequestContext): Promise<HttpResult> {
  const principal = uploadPrincipal(ctx);
  const { snapshot } = await linkScope(principal);
  const report = snapshot.inspectionReports.find((candidate) => candidate.inspectionId === inspectionId);
  if (!report || findingsOfUnitIn(snapshot, inspectionId, principal.unitCreditCode).length === 0) {
    throw new NotFoundError({
      zh: '此上传链接下没有这份检查报告。',
      en: `This upload link has no inspection report ${inspectionId}.`,
    });
  }
  return documentLocation(ctx, {
    key: report.documentKey,
    fileName: `${ISSUED_DOCUMENT_TITLES.inspection_report}-${report.issuedOn}.pdf`,
    sha256: report.documentSha256,
    name: { zh: `${report.issuedOn} 检查的检查报告 PDF`, en: `The report of the inspection of ${report.issuedOn}` },
  });
}
