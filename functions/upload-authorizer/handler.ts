import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { UploadAuthorizerContext } from '../../shared/http/principal.js';

/**
 * Upload-token authorizer (HTTP API, simple responses). Upload links are not built yet, so no token is valid.
 */
export async function handler(
  _event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<UploadAuthorizerContext | Record<string, never>>> {
  return { isAuthorized: false, context: {} };
}
