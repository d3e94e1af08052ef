import { ENV, optionalEnv } from '../../shared/config.js';
import { apiHandler } from '../../shared/http/api.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';

/** Built once per execution environment: the document only changes with a deployment. */
const document = buildOpenApiDocument(optionalEnv(ENV.publicBaseUrl));

/** `GET /openapi.json` */
export const handler = apiHandler('openapi', {
  getOpenApi: async () => ({ status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } }),
});
