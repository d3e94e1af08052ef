import { apiHandler } from '../../shared/http/api.js';
import { publicStatusRoutes } from '../../shared/routes/public-status.js';
import { publicCredit } from '../../shared/usecases/public-credit.js';
import { publicStatus } from '../../shared/usecases/public-status.js';

/** Tender platforms cache the answer: five minutes is fresh enough for a status that changes at most daily. */
const CACHE_CONTROL = 'public, max-age=300';

/** `GET /public/status` and `GET /public/credit`: a unit's supervision status and an enterprise's credit record on
 * a date (today when none is given), for anyone. */
export const handler = apiHandler(publicStatusRoutes, {
  getPublicStatus: async ({ query }, ctx) => ({
    status: 200,
    body: await publicStatus(query.creditCode, query.date, ctx.now),
    headers: { 'cache-control': CACHE_CONTROL },
  }),
  getPublicCredit: async ({ query }, ctx) => ({
    status: 200,
    body: await publicCredit(query.creditCode, query.date, ctx.now),
    headers: { 'cache-control': CACHE_CONTROL },
  }),
});
