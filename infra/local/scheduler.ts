import { CronExpressionParser } from 'cron-parser';
import { clock } from '../../shared/clock.js';
import { log } from '../../shared/log.js';
import { type ScheduleSpec, scheduleInput, schedules as wiringSchedules } from '../../shared/wiring.js';
import { DEFAULT_RETRY, type DeadLetterQueue, invokeWithRetries, type RetryPolicy } from './async-invocation.js';
import type { LambdaRuntime } from './lambda-runtime.js';

/** An EventBridge Scheduler cron expression translated for cron-parser, with its year field kept apart. */
export interface TranslatedCron {
  /** five fields: minute hour day-of-month month day-of-week (0 = Sunday) */
  expression: string;
  year: (year: number) => boolean;
}

/**
 * Translate `cron(min hour dom month dow year)` (EventBridge Scheduler syntax) for cron-parser: `?` becomes `*`,
 * day-of-week numbers shift from 1–7 = SUN–SAT to 0–6, and the year field (which cron-parser does not have)
 * becomes a predicate.
 */
export function translateCron(cron: string): TranslatedCron {
  const match = /^cron\((.*)\)$/.exec(cron.trim());
  const fields = (match?.[1] ?? '').trim().split(/\s+/);
  if (!match || fields.length !== 6) {
    throw new Error(
      `"${cron}" is not an EventBridge cron expression: cron(minutes hours day-of-month month day-of-week year)`,
    );
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (dayOfMonth !== '?' && dayOfWeek !== '?') {
    throw new Error(`"${cron}": EventBridge needs "?" in either day-of-month or day-of-week`);
  }
  const dow = dayOfWeek === '?' ? '*' : shiftDaysOfWeek(dayOfWeek);
  return {
    expression: [minute, hour, dayOfMonth === '?' ? '*' : dayOfMonth, month, dow].join(' '),
    year: yearPredicate(year, cron),
  };
}

/** EventBridge numbers days 1 (SUN) to 7 (SAT); cron-parser 0 (SUN) to 6. Names and `L`/`#` carry over. */
function shiftDaysOfWeek(field: string): string {
  // Only numbers that name a day move: not the n of `#n` (the nth weekday) nor a step after `/`.
  return field.replace(/(^|[,-])(\d+)/g, (_all, separator: string, day: string) => `${separator}${Number(day) - 1}`);
}

function yearPredicate(field: string, cron: string): (year: number) => boolean {
  if (field === '*') return () => true;
  const parts = field.split(',').map((part) => {
    const stepMatch = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(part);
    if (!stepMatch) throw new Error(`"${cron}": the year field "${field}" is not understood`);
    const from = stepMatch[1] === '*' ? 1970 : Number(stepMatch[1]);
    const to = stepMatch[2] ? Number(stepMatch[2]) : stepMatch[1] === '*' || stepMatch[3] ? 2199 : from;
    const step = stepMatch[3] ? Number(stepMatch[3]) : 1;
    return (year: number) => year >= from && year <= to && (year - from) % step === 0;
  });
  return (year) => parts.some((part) => part(year));
}

/** The first occurrence of the schedule strictly after `after`, or undefined if there is none (years exhausted). */
export function nextOccurrence(cron: string, timeZone: string, after: Date): Date | undefined {
  const translated = translateCron(cron);
  const expression = CronExpressionParser.parse(translated.expression, { currentDate: after, tz: timeZone });
  for (let i = 0; i < 10_000; i++) {
    const next = expression.next().toDate();
    if (next.getUTCFullYear() > 2199) return undefined;
    if (translated.year(Number(yearIn(next, timeZone)))) return next;
  }
  return undefined;
}

function yearIn(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(date);
}

export interface ScheduleState {
  name: string;
  cron: string;
  timeZone: string;
  function: string;
  nextAt: string | null;
  lastFiredAt: string | null;
}

export interface LocalScheduler {
  /** Run a schedule's function with its input now (synchronously); undefined if there is no such schedule. */
  trigger(name: string): Promise<{ schedule: string; result: unknown } | undefined>;
  list(): ScheduleState[];
  /** Evaluate the schedules against the clock now (the timer does this every tick). */
  tick(): void;
  /** Count the next occurrences from the clock's now without firing anything (after a return to system time). */
  rebase(): void;
  stop(): Promise<void>;
}

/**
 * EventBridge Scheduler, locally: each schedule's next occurrence is computed in its time zone and compared with
 * `clock.now()` on a short tick, so moving the local clock past an occurrence fires it once. Like Scheduler,
 * missed occurrences are not backfilled: after a jump of three months a monthly schedule fires once, not three
 * times. Firing is asynchronous with retries and the DLQ.
 */
export function startScheduler(options: {
  runtime: LambdaRuntime;
  dlq: DeadLetterQueue;
  schedules?: readonly ScheduleSpec[];
  tickMs?: number;
  retry?: RetryPolicy;
}): LocalScheduler {
  const specs = options.schedules ?? wiringSchedules;
  const retry = options.retry ?? DEFAULT_RETRY;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let lastNow = clock.now();
  const states = new Map(
    specs.map((spec) => [
      spec.name,
      { spec, nextAt: nextOccurrence(spec.cron, spec.timeZone, lastNow), lastFiredAt: undefined as Date | undefined },
    ]),
  );

  function fire(spec: ScheduleSpec, occurrence: Date): void {
    log.info('schedule fired', { schedule: spec.name, occurrence: occurrence.toISOString() });
    const running = invokeWithRetries({
      runtime: options.runtime,
      functionName: spec.function,
      payload: scheduleInput(spec, occurrence),
      source: `schedule ${spec.name}`,
      dlq: options.dlq,
      retry,
      isStopped: () => stopped,
    });
    inFlight.add(running);
    running.finally(() => inFlight.delete(running));
  }

  function tick(rebase = false): void {
    const now = clock.now();
    const movedBack = rebase || now.getTime() < lastNow.getTime();
    lastNow = now;
    for (const state of states.values()) {
      if (movedBack) {
        // The clock was set back: the next occurrence is counted from the new now.
        state.nextAt = nextOccurrence(state.spec.cron, state.spec.timeZone, now);
        continue;
      }
      if (state.nextAt && now.getTime() >= state.nextAt.getTime()) {
        const occurrence = state.nextAt;
        state.lastFiredAt = now;
        state.nextAt = nextOccurrence(state.spec.cron, state.spec.timeZone, now);
        fire(state.spec, occurrence);
      }
    }
  }

  const timer = setInterval(() => tick(), options.tickMs ?? 500);
  timer.unref();

  return {
    async trigger(name) {
      const state = states.get(name);
      if (!state) return undefined;
      const result = await options.runtime.invoke(state.spec.function, scheduleInput(state.spec, clock.now()));
      return { schedule: name, result: result ?? null };
    },
    list: () =>
      [...states.values()].map((state) => ({
        name: state.spec.name,
        cron: state.spec.cron,
        timeZone: state.spec.timeZone,
        function: state.spec.function,
        nextAt: state.nextAt?.toISOString() ?? null,
        lastFiredAt: state.lastFiredAt?.toISOString() ?? null,
      })),
    tick: () => tick(),
    rebase: () => tick(true),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000))]);
    },
  };
}
