import { clock } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { sweepDeadlines } from '../../shared/usecases/deadlines.js';

/** The daily schedule: flag overdue hazards and notice receipts (idempotent; a re-run flags nothing twice). */
export async function handler(event: { task: 'deadline-sweep' }) {
  const result = await sweepDeadlines(clock.now());
  log.info('deadline sweep done', { task: event.task, ...result });
  return result;
}
