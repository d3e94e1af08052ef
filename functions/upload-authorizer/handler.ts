import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import type { AssessmentAuthorizerContext, UploadAuthorizerContext } from '../../shared/http/principal.js';
import { log } from '../../shared/log.js';
import { ASSESSMENT_TOKEN_PREFIX, authorizeAssessmentToken } from '../../shared/usecases/assessment-tokens.js';
import { authorizeUploadToken } from '../../shared/usecases/upload-tokens.js';

/**
 * Link-token authorizer (HTTP API, simple responses, no cache so a revoked link stops at once): the bearer token of
 * an upload link (case + unit) or of an assessment link (project + unit, SPEC §6.2), told apart by its prefix, is
 * looked up by its SHA-256; its scope goes to the route, whose handler refuses a token of the other kind.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<
  APIGatewaySimpleAuthorizerWithContextResult<
    UploadAuthorizerContext | AssessmentAuthorizerContext | Record<string, never>
  >
> {
  const header = event.headers?.authorization ?? event.identitySource?.[0] ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return { isAuthorized: false, context: {} };
  const result = token.startsWith(ASSESSMENT_TOKEN_PREFIX)
    ? await authorizeAssessmentToken(token, clock.now())
    : await authorizeUploadToken(token, clock.now());
  if (!result.ok) {
    log.info('link token refused', { reason: result.reason, routeKey: event.routeKey });
    return { isAuthorized: false, context: {} };
  }
  return { isAuthorized: true, context: result.context };
}
