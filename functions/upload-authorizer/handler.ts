import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { clock } from '../../shared/clock.js';
import type { UploadAuthorizerContext } from '../../shared/http/principal.js';
import { log } from '../../shared/log.js';
import { authorizeUploadToken } from '../../shared/usecases/upload-tokens.js';

/**
 * Upload-token authorizer (HTTP API, simple responses, no cache so a revoked link stops at once): the bearer token
 * of an upload link is looked up by its SHA-256; its case, project, unit and document types go to the route.
 */
export async function handler(
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<UploadAuthorizerContext | Record<string, never>>> {
  const header = event.headers?.authorization ?? event.identitySource?.[0] ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (!token) return { isAuthorized: false, context: {} };
  const result = await authorizeUploadToken(token, clock.now());
  if (!result.ok) {
    log.info('upload token refused', { reason: result.reason, routeKey: event.routeKey });
    return { isAuthorized: false, context: {} };
  }
  return { isAuthorized: true, context: result.context };
}
