import { randomBytes } from 'node:crypto';
import { ENV, optionalEnv, requireEnv } from '../config.js';
import { shanghaiTimestamp } from '../domain/dates.js';
import { documentTypeRefusal } from '../domain/document-rules.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../domain/errors.js';
import type { DocumentType } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { keys } from '../store/keys.js';
import { resolveReference } from '../store/project-collection.js';
import { readSnapshot, type UploadLinkRecord } from '../store/snapshot.js';
import { epochSeconds } from '../store/unit-of-work.js';
import { hashToken, TOKEN_PREFIX } from './upload-tokens.js';

/** The public site's base URL (the upload page lives there); the API's when they share a host. */
const SITE_URL = (optionalEnv(ENV.publicSiteUrl) ?? requireEnv(ENV.publicBaseUrl)).replace(/\/$/, '');
const DAY_MS = 24 * 3600 * 1000;

/**
 * The upload page's address for a token. The token travels in the fragment, which browsers never send to a server
 * (so it stays out of access logs). The API's address is not in the link: the page reads it from the deployment
 * (`/public/config.json`), so a doctored link cannot point the page at another API.
 */
export function uploadPageUrl(token: string): string {
  return `${SITE_URL}/public/upload/#token=${token}`;
}

/**
 * `POST /v1/cases/{caseId}/upload-links` (inspector): a link for ONE unit of ONE case, optionally limited to some
 * document types, valid for at most 31 days. The token is returned once and stored only as its SHA-256.
 */
export async function createUploadLink(
  caseId: string,
  body: { unitCreditCode: string; docTypes?: DocumentType[] | undefined; validDays: number },
  ctx: RequestContext,
) {
  const reference = await resolveReference(caseId);
  const snapshot = reference?.recordType === 'case' ? await readSnapshot(reference.projectId) : undefined;
  const record = snapshot?.cases.find((candidate) => candidate.id === caseId);
  if (!snapshot || !record) throw new NotFoundError(`There is no case ${caseId}.`);
  if (record.status !== 'active' && record.status !== 'released') {
    throw new ConflictError(`Case ${caseId} is ${record.status}: upload links are for active (or released) cases.`);
  }
  const unit = snapshot.project.units.find((candidate) => candidate.creditCode === body.unitCreditCode);
  if (!unit) {
    throw new InvalidInputError('This credit code is not a unit of the case’s project.', [
      { field: 'unitCreditCode', message: 'not the credit code of a unit of this project' },
    ]);
  }
  const refusals = (body.docTypes ?? [])
    .map((type, index) => ({ index, reason: documentTypeRefusal(type, unit.role, 3) }))
    .filter((entry) => entry.reason);
  if (refusals.length) {
    throw new InvalidInputError(
      'Some of the document types are never sent by this unit.',
      refusals.map(({ index, reason }) => ({ field: `docTypes[${index}]`, message: reason as string })),
    );
  }
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const validUntil = new Date(ctx.now.getTime() + body.validDays * DAY_MS);
  const link: UploadLinkRecord = {
    id: newId('lnk'),
    caseId,
    projectId: record.projectId,
    unitCreditCode: unit.creditCode,
    docTypes: body.docTypes ?? null,
    validUntil: validUntil.toISOString(),
    tokenHash: hashToken(token),
    createdAt: ctx.now.toISOString(),
    createdBy: principalId(ctx.principal),
    revokedAt: null,
  };
  const uow = ctx.unitOfWork();
  uow.put({ ...keys.uploadLink(record.projectId, caseId, link.id), type: 'upload-link', ...link }, { mustBeNew: true });
  uow.put(
    {
      ...keys.uploadToken(link.tokenHash),
      type: 'upload-token',
      linkId: link.id,
      caseId,
      projectId: record.projectId,
      unitCreditCode: unit.creditCode,
      docTypes: link.docTypes,
      validUntil: link.validUntil,
      revokedAt: null,
      // DynamoDB removes the token record a week after it expired
      expiresAt: epochSeconds(validUntil) + 7 * 24 * 3600,
    },
    { mustBeNew: true },
  );
  const response = {
    status: 201,
    body: {
      linkId: link.id,
      url: uploadPageUrl(token),
      token,
      expiresAt: shanghaiTimestamp(validUntil),
      unitCreditCode: unit.creditCode,
      unitName: unit.name,
      docTypes: link.docTypes,
    },
  };
  // The token is a secret: a retry with the same Idempotency-Key gets the same link back, never a second one.
  await uow.commit(response);
  return response;
}

/** `DELETE /v1/cases/{caseId}/upload-links/{linkId}` (inspector): the link stops working at once. */
export async function revokeUploadLink(caseId: string, linkId: string, ctx: RequestContext) {
  const reference = await resolveReference(caseId);
  const snapshot = reference ? await readSnapshot(reference.projectId) : undefined;
  const link = snapshot?.uploadLinks.find((candidate) => candidate.id === linkId && candidate.caseId === caseId);
  if (!snapshot || !link) throw new NotFoundError(`Case ${caseId} has no upload link ${linkId}.`);
  if (!link.revokedAt) {
    const uow = ctx.unitOfWork();
    const at = ctx.now.toISOString();
    uow.update(keys.uploadLink(link.projectId, caseId, linkId), {
      expression: 'SET revokedAt = :at',
      values: { ':at': at },
    });
    uow.update(keys.uploadToken(link.tokenHash), { expression: 'SET revokedAt = :at', values: { ':at': at } });
    await uow.commit({ status: 204, body: undefined });
  }
  return { status: 204 };
}
