import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type * as z from 'zod';
import { ENV, requireEnv } from '../config.js';
import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import {
  CONTENT_TYPE_EXTENSIONS,
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPE_NEEDS,
  documentTypeRefusal,
  documentTypesFor,
} from '../domain/document-rules.js';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { missingFor, type ObligationReport } from '../domain/obligations.js';
import { MAX_UPLOAD_BYTES, UNIT_ROLE_NAMES } from '../domain/vocabulary.js';
import { s3 } from '../files/s3.js';
import type { RequestContext } from '../http/api.js';
import type { Principal } from '../http/principal.js';
import { newId } from '../ids.js';
import type * as uploadSchemas from '../schemas/uploads.js';
import { keys } from '../store/keys.js';
import { referenceItem } from '../store/project-collection.js';
import { type DocumentRecord, readSnapshot } from '../store/snapshot.js';
import { currentObligations } from './case-obligations.js';

const DOCUMENTS_BUCKET = requireEnv(ENV.documentsBucket);
/** A presigned POST is good for 15 minutes (SPEC §4). */
export const UPLOAD_WINDOW_SECONDS = 15 * 60;

type UploadPrincipal = Extract<Principal, { kind: 'upload' }>;

function uploadPrincipal(ctx: RequestContext): UploadPrincipal {
  if (ctx.principal.kind !== 'upload') throw new Error('upload routes are authorized by the upload authorizer');
  return ctx.principal;
}

/** The link's case and unit; a link whose case or unit no longer exists is refused like an unknown one. */
async function linkScope(principal: UploadPrincipal) {
  const snapshot = await readSnapshot(principal.projectId);
  const record = snapshot?.cases.find((candidate) => candidate.id === principal.caseId);
  const unit = snapshot?.project.units.find((candidate) => candidate.creditCode === principal.unitCreditCode);
  if (!snapshot || !record || !unit) throw new NotFoundError('The case of this upload link no longer exists.');
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

/** `GET /v1/uploads/context`: what this link allows, and what the unit owes today and has missed. */
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
    hazards: snapshot.findings
      .filter((finding) => finding.unitCreditCode === unit.creditCode && finding.status !== 'accepted')
      .map((finding) => ({
        id: finding.id,
        category: finding.category,
        description: finding.description,
        deadline: finding.deadline,
        status: finding.status,
      })),
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
  const { snapshot, record, unit } = await linkScope(principal);
  const today = shanghaiDate(ctx.now);

  if (principal.docTypes && !principal.docTypes.includes(body.docType)) {
    throw new RuleViolationError(`This upload link is limited to ${principal.docTypes.join(', ')}.`, [
      { field: 'docType', message: 'not among the document types of this link' },
    ]);
  }
  const refusal = documentTypeRefusal(body.docType, unit.role, record.level);
  if (refusal) throw new RuleViolationError(refusal, [{ field: 'docType', message: refusal }]);

  const needs = DOCUMENT_TYPE_NEEDS[body.docType];
  if (needs === 'reportDate') {
    if (!body.reportDate) {
      throw new InvalidInputError(`A ${body.docType} names the day it reports on.`, [
        { field: 'reportDate', message: 'required for this document type (YYYY-MM-DD)' },
      ]);
    }
    if (body.reportDate > today || (record.includedOn && body.reportDate < record.includedOn)) {
      throw new InvalidInputError(
        `The report date must lie between the inclusion (${record.includedOn}) and today (${today}).`,
        [{ field: 'reportDate', message: `between ${record.includedOn} and ${today}` }],
      );
    }
  }
  if (needs === 'hazardId') {
    const hazard = body.hazardId ? snapshot.findings.find((finding) => finding.id === body.hazardId) : undefined;
    if (!hazard) {
      throw new InvalidInputError('Rectification evidence names a hazard of this case’s project.', [
        { field: 'hazardId', message: body.hazardId ? 'not a hazard of this case' : 'required for this document type' },
      ]);
    }
  }
  if (body.size > MAX_UPLOAD_BYTES) {
    throw new InvalidInputError('At most 20 MiB.', [{ field: 'size', message: 'at most 20 MiB' }]);
  }

  const noticeId =
    body.docType === 'notice_receipt'
      ? snapshot.notices
          .filter((notice) => notice.caseId === record.id && !notice.acknowledgedAt)
          .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1))[0]?.id
      : undefined;
  if (body.docType === 'notice_receipt' && !noticeId) {
    throw new RuleViolationError('Every notice of this case has been acknowledged already.', [
      { field: 'docType', message: 'no notice is waiting for its receipt' },
    ]);
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
  const post = await createPresignedPost(s3, {
    Bucket: DOCUMENTS_BUCKET,
    Key: key,
    Conditions: [
      ['eq', '$key', key],
      ['eq', '$Content-Type', body.contentType],
      ['content-length-range', body.size, body.size],
      ['eq', '$x-amz-meta-sha256', body.sha256],
    ],
    Fields: { 'Content-Type': body.contentType, 'x-amz-meta-sha256': body.sha256 },
    Expires: UPLOAD_WINDOW_SECONDS,
  });
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
  const snapshot = await readSnapshot(principal.projectId);
  const document = snapshot?.documents.find(
    (candidate) =>
      candidate.id === documentId &&
      candidate.caseId === principal.caseId &&
      candidate.unitCreditCode === principal.unitCreditCode,
  );
  if (!document) throw new NotFoundError(`This upload link has no document ${documentId}.`);
  return { ...documentView(document), documentId: document.id };
}
