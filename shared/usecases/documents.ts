/**
 * The documents the participating units uploaded (SPEC §4 "More agency routes"), as the agency reads them: a
 * case's documents page by page, one document's record, and its bytes through a short-lived presigned GET.
 * Only a document the verifier accepted is handed out: a pending one has not been checked yet, and a rejected
 * one lies in quarantine because its bytes were not what the unit declared.
 */
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { DocumentType } from '../domain/vocabulary.js';
import type { HttpResult, RequestContext } from '../http/api.js';
import { documentLocation } from '../http/document-location.js';
import { keys } from '../store/keys.js';
import { type ListingFilter, partitionPage } from '../store/listing.js';
import { readItem, resolveReference } from '../store/project-collection.js';
import type { DocumentRecord } from '../store/snapshot.js';
import type { Project } from './projects.js';
import { documentRecordView } from './uploaded-document-views.js';

async function unitsOf(projectId: string): Promise<Project['units']> {
  return (await readItem<Project>(keys.project(projectId)))?.units ?? [];
}

/**
 * `GET /v1/cases/{caseId}/documents` (inspector): every document the units uploaded for the case, newest first,
 * paginated, optionally only those of a status, a type or a unit.
 */
export async function listCaseDocuments(
  caseId: string,
  query: {
    status?: DocumentRecord['status'] | undefined;
    docType?: DocumentType | undefined;
    unitCreditCode?: string | undefined;
    limit: number;
    nextToken?: string | undefined;
  },
) {
  const reference = await resolveReference(caseId);
  if (reference?.recordType !== 'case') {
    throw new NotFoundError({ zh: `没有编号为 ${caseId} 的案件。`, en: `There is no case ${caseId}.` });
  }
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (field: string, value: unknown) => {
    if (value === undefined) return;
    filters.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  };
  equal('status', query.status);
  equal('docType', query.docType);
  equal('unitCreditCode', query.unitCreditCode);
  const filter: ListingFilter | undefined = filters.length
    ? { expression: filters.join(' AND '), names, values }
    : undefined;
  const units = await unitsOf(reference.projectId);
  return partitionPage(
    { pk: keys.projectPartition(reference.projectId), skPrefix: keys.documentPrefix(caseId) },
    { limit: query.limit, nextToken: query.nextToken, filter },
    (item) => documentRecordView(item as unknown as DocumentRecord, units),
  );
}

/** A document found by its id alone, or a 404. */
async function loadDocument(documentId: string): Promise<DocumentRecord> {
  const reference = await resolveReference(documentId);
  const item =
    reference?.recordType === 'document' && reference.caseId
      ? await readItem<Record<string, unknown>>(keys.document(reference.projectId, reference.caseId, documentId))
      : undefined;
  if (!item) {
    throw new NotFoundError({ zh: `没有编号为 ${documentId} 的材料。`, en: `There is no document ${documentId}.` });
  }
  return item as unknown as DocumentRecord;
}

/** `GET /v1/documents/{documentId}` (inspector): the document's record. */
export async function getDocument(documentId: string) {
  const document = await loadDocument(documentId);
  return documentRecordView(document, await unitsOf(document.projectId));
}

/**
 * `GET /v1/documents/{documentId}/content` (inspector): the bytes of an accepted document, through a presigned GET
 * valid for 5 minutes (a 302, or `{url, expiresAt}` for `Accept: application/json`). A document not accepted is
 * refused (409) with the reason, so nobody opens unverified or quarantined bytes.
 */
export async function documentContent(documentId: string, ctx: RequestContext): Promise<HttpResult> {
  const document = await loadDocument(documentId);
  if (document.status === 'rejected') {
    throw new ConflictError({
      zh: `材料 ${documentId} 未通过核验（${document.reason ?? '未说明原因'}），文件已隔离，不提供下载。请单位重新上传。`,
      en: `Document ${documentId} failed verification (${document.reason ?? 'no reason given'}); its bytes are quarantined and not handed out.`,
    });
  }
  if (document.status !== 'accepted') {
    throw new ConflictError(
      document.uploadedAt
        ? {
            zh: `材料 ${documentId} 已上传，正在核验（文件类型、大小、SHA-256），核验通过后即可查看。`,
            en: `Document ${documentId} has arrived and is being verified; it can be opened once accepted.`,
          }
        : {
            zh: `材料 ${documentId} 已申报，但单位尚未上传文件。`,
            en: `Document ${documentId} was declared, but the unit has not uploaded its bytes yet.`,
          },
    );
  }
  return documentLocation(ctx, {
    key: document.key,
    fileName: document.fileName,
    contentType: document.contentType,
    sha256: document.sha256,
    name: { zh: `材料 ${documentId}`, en: `Document ${documentId}` },
  });
}
