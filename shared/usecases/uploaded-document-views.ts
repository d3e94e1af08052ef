/**
 * The documents the units uploaded, as the agency's API shows them: a pure view over the record, no S3 here, so a
 * function that shows a document without handing out its bytes (the hazard detail, served by `projects`) needs no
 * documents access.
 */
import { shanghaiTimestamp } from '../domain/dates.js';
import { DOCUMENT_TYPE_NAMES } from '../domain/document-rules.js';
import type { DocumentRecord } from '../store/snapshot.js';
import type { Project } from './projects.js';

const at = (iso: string | undefined | null) => (iso ? shanghaiTimestamp(new Date(iso)) : null);

/** A document as the agency sees it: who sent what, for which day or hazard, and what the verifier found. */
export function documentRecordView(document: DocumentRecord, units: Project['units']) {
  const unit = units.find((candidate) => candidate.creditCode === document.unitCreditCode);
  return {
    id: document.id,
    caseId: document.caseId,
    projectId: document.projectId,
    unit: { creditCode: document.unitCreditCode, name: unit?.name ?? null, role: document.unitRole },
    docType: document.docType,
    docTypeName: DOCUMENT_TYPE_NAMES[document.docType],
    fileName: document.fileName,
    contentType: document.contentType,
    size: document.size,
    sha256: document.sha256,
    status: document.status,
    reason: document.reason,
    reportDate: document.reportDate ?? null,
    hazardId: document.hazardId ?? null,
    noticeId: document.noticeId ?? null,
    requestedAt: at(document.requestedAt) as string,
    uploadedAt: at(document.uploadedAt),
    verifiedAt: at(document.verifiedAt),
    /** where its bytes are, once the verifier accepted them */
    content: document.status === 'accepted' ? `/v1/documents/${document.id}/content` : null,
  };
}
