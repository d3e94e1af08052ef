/**
 * Assessment links (SPEC §6.2): a participating unit has no account; an inspector sends it a link scoped to ONE
 * project and ONE unit, through which it submits its self-assessments (项目自评, the general contractor) or its
 * enterprise re-assessments (企业再评, developer, general contractor, supervising firm), sees its history, and makes
 * its statement when an assessment is suspected of falsification. Like an upload link, the token is returned once,
 * stored only as its SHA-256, and revocable; unlike one, it names no case.
 */
import { randomBytes } from 'node:crypto';
import { ENV, optionalEnv, requireEnv } from '../config.js';
import { assessedTiersOf } from '../domain/assessment/tiers.js';
import { shanghaiTimestamp } from '../domain/dates.js';
import { InvalidInputError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { UNIT_ROLE_NAMES } from '../domain/vocabulary.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import { keys } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';
import { epochSeconds } from '../store/unit-of-work.js';
import { ASSESSMENT_TOKEN_PREFIX, hashAssessmentToken } from './assessment-tokens.js';
import { loadProject } from './projects.js';

const SITE_URL = (optionalEnv(ENV.publicSiteUrl) ?? requireEnv(ENV.publicBaseUrl)).replace(/\/$/, '');
const DAY_MS = 24 * 3600 * 1000;

/**
 * The assessment page's address for a token: the token rides in the fragment, as for uploads; the page finds the API
 * in the deployment's `/public/config.json`, never in the link (a forged `api=` would send the token elsewhere).
 */
export function assessmentPageUrl(token: string): string {
  return `${SITE_URL}/public/assess/#token=${token}`;
}

/** An assessment link as stored in the project's partition (the token itself never is). */
export interface AssessmentLinkRecord {
  id: string;
  projectId: string;
  unitCreditCode: string;
  validUntil: string;
  tokenHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

/**
 * `POST /v1/projects/{projectId}/assessment-links` (inspector) `{unitCreditCode, validDays ≤ 93}` →
 * 201 `{url, token, expiresAt}`: for a unit that assesses (developer, general contractor, supervising firm; a
 * subcontractor has no tier, 422). 93 days covers a quarter and its re-assessment's due days.
 */
export async function createAssessmentLink(
  projectId: string,
  body: { unitCreditCode: string; validDays: number },
  ctx: RequestContext,
) {
  const project = await loadProject(projectId);
  const unit = project.units.find((candidate) => candidate.creditCode === body.unitCreditCode);
  if (!unit) {
    throw new InvalidInputError(
      { zh: '该统一社会信用代码不是本项目的参建单位', en: 'this credit code is not a unit of the project' },
      [{ field: 'unitCreditCode', message: { zh: '不是本项目参建单位', en: 'not a unit of this project' } }],
    );
  }
  const tiers = assessedTiersOf(unit.role);
  if (tiers.length === 0) {
    throw new RuleViolationError(
      {
        zh: `${UNIT_ROLE_NAMES[unit.role]}不参加安全状况评估：项目自评由施工总承包单位进行，企业再评由建设、施工总承包、监理单位进行`,
        en: `a ${unit.role} does not assess: self-assessments are the general contractor's, re-assessments the developer's, general contractor's and supervisor's`,
      },
      [{ field: 'unitCreditCode', message: { zh: '该单位不参加评估', en: 'this unit does not assess' } }],
    );
  }
  const token = ASSESSMENT_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const validUntil = new Date(ctx.now.getTime() + body.validDays * DAY_MS);
  const link: AssessmentLinkRecord = {
    id: newId('alk'),
    projectId,
    unitCreditCode: unit.creditCode,
    validUntil: validUntil.toISOString(),
    tokenHash: hashAssessmentToken(token),
    createdAt: ctx.now.toISOString(),
    createdBy: principalId(ctx.principal),
    revokedAt: null,
  };
  const uow = ctx.unitOfWork();
  uow.put({ ...keys.assessmentLink(projectId, link.id), type: 'assessment-link', ...link }, { mustBeNew: true });
  uow.put(
    {
      ...keys.assessmentToken(link.tokenHash),
      type: 'assessment-token',
      linkId: link.id,
      projectId,
      unitCreditCode: unit.creditCode,
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
      url: assessmentPageUrl(token),
      token,
      expiresAt: shanghaiTimestamp(validUntil),
      projectId,
      unitCreditCode: unit.creditCode,
      unitName: unit.name,
      tiers,
    },
  };
  // the token is a secret: a retry with the same Idempotency-Key gets the same link back, never a second one
  await uow.commit(response);
  return response;
}

/** `DELETE /v1/projects/{projectId}/assessment-links/{linkId}` (inspector): the link stops working at once. */
export async function revokeAssessmentLink(projectId: string, linkId: string, ctx: RequestContext) {
  const link = await readItem<AssessmentLinkRecord & Record<string, unknown>>(keys.assessmentLink(projectId, linkId));
  if (!link) {
    throw new NotFoundError({
      zh: `项目 ${projectId} 没有评估链接 ${linkId}`,
      en: `project ${projectId} has no assessment link ${linkId}`,
    });
  }
  if (!link.revokedAt) {
    const uow = ctx.unitOfWork();
    const at = ctx.now.toISOString();
    uow.update(keys.assessmentLink(projectId, linkId), { expression: 'SET revokedAt = :at', values: { ':at': at } });
    uow.update(keys.assessmentToken(link.tokenHash), { expression: 'SET revokedAt = :at', values: { ':at': at } });
    await uow.commit({ status: 204, body: undefined });
  }
  return { status: 204 };
}
