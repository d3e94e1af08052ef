import { apiHandler } from '../../shared/http/api.js';
import { publicStatus } from '../../shared/usecases/public-status.js';

/** Tender platforms cache the answer: five minutes is fresh enough for a status that changes at most daily. */
const CACHE_CONTROL = 'public, max-age=300';

/** `GET /public/status`: a unit's supervision status on a date (today when none is given), for anyone. */
export const handler = apiHandler('public-status', {
  getPublicStatus: async ({ query }, ctx) => ({
    status: 200,
    body: await publicStatus(query.creditCode, query.date, ctx.now),
    headers: { 'cache-control': CACHE_CONTROL },
  }),
});
