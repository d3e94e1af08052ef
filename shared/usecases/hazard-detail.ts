import { shanghaiDate, shanghaiTimestamp } from '../domain/dates.js';
import { NotFoundError } from '../domain/errors.js';
import type { RequestContext } from '../http/api.js';
import { resolveReference } from '../store/project-collection.js';
import { readSnapshot } from '../store/snapshot.js';
import { hazardView } from './intake.js';
import { documentRecordView } from './uploaded-document-views.js';

/**
 * `GET /v1/hazards/{hazardId}` (inspector): a hazard (隐患) with what an inspector needs to verify it item by item
 * (seed §3(2)): the inspection that found it, the responsible unit, every change of its status — the verifications
 * (accepted / rejected) and any refusal — and the documents uploaded for it (rectification evidence), each with its
 * verification status, upload time and SHA-256, to be opened beside it.
 */
export async function hazardDetail(hazardId: string, ctx: RequestContext) {
  const reference = await resolveReference(hazardId);
  const snapshot = reference?.recordType === 'finding' ? await readSnapshot(reference.projectId) : undefined;
  const finding = snapshot?.findings.find((candidate) => candidate.id === hazardId);
  if (!snapshot || !finding) {
    throw new NotFoundError({ zh: `没有编号为 ${hazardId} 的隐患。`, en: `There is no hazard ${hazardId}.` });
  }
  const { units } = snapshot.project;
  const unit = units.find((candidate) => candidate.creditCode === finding.unitCreditCode);
  const inspection = snapshot.inspections.find((candidate) => candidate.id === finding.inspectionId);
  const history = finding.history.map((change) => ({ ...change, at: shanghaiTimestamp(new Date(change.at)) }));
  return {
    ...hazardView(finding, shanghaiDate(ctx.now)),
    history,
    projectName: snapshot.project.name,
    unit: { creditCode: finding.unitCreditCode, name: unit?.name ?? null, role: unit?.role ?? null },
    inspection: inspection ? { id: inspection.id, date: inspection.date, kind: inspection.kind } : null,
    verifications: history
      .filter((change) => change.status === 'accepted' || change.status === 'rejected')
      .map((change) => ({
        result: change.status,
        date: change.on,
        note: change.note ?? null,
        by: change.by,
        at: change.at,
      })),
    documents: snapshot.documents
      .filter((document) => document.hazardId === hazardId)
      .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : -1))
      .map((document) => documentRecordView(document, units)),
  };
}
