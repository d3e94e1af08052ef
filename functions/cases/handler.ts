import { apiHandler } from '../../shared/http/api.js';

/** The routes of this function answer 501 until they are built (see the open issues). */
export const handler = apiHandler('cases', {});
