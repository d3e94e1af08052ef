import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { clock } from '../../shared/clock.js';
import { addDays, shanghaiDate } from '../../shared/domain/dates.js';
import { type CreditExportOutcome, exportCredit } from '../../shared/usecases/credit-export.js';

/** The nightly schedule's input (see `schedules` in shared/wiring.ts). */
interface NightlyExport {
  task: 'credit-export';
  /** the occurrence's time (Scheduler's `<aws.scheduler.scheduled-time>`): the day before it is exported */
  scheduledTime?: string;
}

/** The envelope of `RankingPublished` (emitted when an officer publishes a quarter's ranking, SPEC §6.4). */
const publishedDetail = z.object({
  eventId: z.string().check(z.minLength(1)),
  occurredAt: z.string().check(z.minLength(1)),
});

/**
 * The signed credit export (SPEC §6.6), by two doors: nightly (the day that ended, complete) and on each ranking
 * publication (the day of the publication, as it stands, so the new ranks reach the tender platforms at once; the
 * night after exports that day again, complete). Exporting a date twice changes nothing unless its records changed.
 */
export async function handler(event: NightlyExport | EventBridgeEvent<'RankingPublished', unknown>) {
  const now = clock.now();
  let date: string;
  if ('task' in event) {
    const scheduled = event.scheduledTime ? new Date(event.scheduledTime) : undefined;
    const occurrence = scheduled && !Number.isNaN(scheduled.getTime()) ? scheduled : now;
    date = addDays(shanghaiDate(occurrence), -1);
  } else {
    const detail = publishedDetail.parse(event.detail);
    const occurred = new Date(detail.occurredAt);
    date = shanghaiDate(Number.isNaN(occurred.getTime()) ? now : occurred);
  }
  const outcome: CreditExportOutcome = await exportCredit(date, now);
  return outcome;
}
