import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { log } from '../../shared/log.js';
import {
  names,
  type QueueName,
  type RuleSpec,
  ruleConsumer,
  rulePattern,
  rules as wiringRules,
} from '../../shared/wiring.js';
import { DEFAULT_RETRY, type DeadLetterQueue, invokeWithRetries, type RetryPolicy } from './async-invocation.js';
import { listen, readBody, sendJson } from './aws-json-endpoint.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './environment.js';
import { assertValidPattern, matchesPattern } from './event-pattern.js';
import type { LambdaRuntime } from './lambda-runtime.js';

/** The buses of the twin: ours, and `default`, where AWS services (S3) put their events. */
export type BusName = 'supervision' | 'default';

/** The EventBridge envelope a rule's target receives. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

/** What a producer puts on a bus (PutEvents' entry, already parsed). */
export interface EventInput {
  source: string;
  'detail-type': string;
  detail: unknown;
  resources?: string[];
  time?: string | Date;
}

export interface Delivery {
  rule: string;
  /** the function that works the event (for a queue target: the queue's function, once it takes the message) */
  function: string;
  /** the work queue the event was put on, for a rule whose target is a queue */
  queue?: QueueName;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError?: string;
}

/** A recent event with what became of it, for `GET /_local/events`. */
export interface RecordedEvent {
  bus: BusName;
  receivedAt: string;
  event: BusEvent;
  deliveries: Delivery[];
}

export interface LocalEventBus {
  /** the PutEvents endpoint (AWS_ENDPOINT_URL_EVENTBRIDGE) */
  endpoint: string;
  /** Put an event on a bus from this process (S3's events on `default`); returns the envelope. */
  publish(bus: BusName, input: EventInput): BusEvent;
  /** recent events, newest last */
  recent(): RecordedEvent[];
  /** Resolves when no delivery is pending (for tests and an orderly stop). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const MAX_RECENT = 200;
const MAX_BODY = 1024 * 1024;

/**
 * The local EventBridge: an HTTP endpoint speaking PutEvents' JSON protocol (so the outbox relay's unchanged
 * EventBridgeClient publishes to it) and an in-process `publish`. Every wiring rule of the bus whose pattern
 * matches invokes its function asynchronously, at least once, with retries and a DLQ.
 */
export async function startEventBus(options: {
  runtime: LambdaRuntime;
  dlq: DeadLetterQueue;
  port?: number;
  rules?: readonly RuleSpec[];
  retry?: RetryPolicy;
  /** the local work queues, for rules whose target is a queue (the whole envelope becomes the message body) */
  queues?: { send(queue: QueueName, body: string): void };
}): Promise<LocalEventBus> {
  const rules = (options.rules ?? wiringRules).map((rule) => ({
    ...rule,
    pattern: rulePattern(rule, { documents: names.localDocumentsBucket }),
  }));
  for (const rule of rules) assertValidPattern(rule.pattern);
  const retry = options.retry ?? DEFAULT_RETRY;
  const recent: RecordedEvent[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  function publish(bus: BusName, input: EventInput): BusEvent {
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': input['detail-type'],
      source: input.source,
      account: LOCAL_ACCOUNT,
      time: isoSeconds(input.time ? new Date(input.time) : new Date()),
      region: LOCAL_REGION,
      resources: input.resources ?? [],
      detail: input.detail,
    };
    const recorded: RecordedEvent = { bus, receivedAt: new Date().toISOString(), event, deliveries: [] };
    recent.push(recorded);
    if (recent.length > MAX_RECENT) recent.shift();
    for (const rule of rules) {
      if (rule.bus !== bus || !matchesPattern(rule.pattern, event)) continue;
      const delivery: Delivery = { rule: rule.name, function: ruleConsumer(rule), status: 'pending', attempts: 0 };
      recorded.deliveries.push(delivery);
      if (rule.queue !== undefined) {
        // an SQS target: the message is sent at once; the queue's poller delivers it, retries it, dead-letters it
        delivery.queue = rule.queue;
        delivery.attempts = 1;
        if (!options.queues) {
          delivery.status = 'failed';
          delivery.lastError = `no local work queues to send to ${rule.queue}`;
          log.error('local event bus: a rule targets a queue but the bus has no queues', { rule: rule.name });
          continue;
        }
        options.queues.send(rule.queue, JSON.stringify(event));
        delivery.status = 'delivered';
        continue;
      }
      const target = rule.function;
      // Asynchronous, like a rule target: the producer never waits for the consumer.
      const running = invokeWithRetries({
        runtime: options.runtime,
        functionName: target,
        payload: event,
        source: `rule ${rule.name} on bus ${bus}`,
        dlq: options.dlq,
        retry,
        isStopped: () => stopped,
        onAttempt: (attempt, error) => {
          delivery.attempts = attempt;
          if (error) delivery.lastError = error instanceof Error ? error.message : String(error);
        },
      }).then((ok) => {
        delivery.status = ok ? 'delivered' : 'failed';
      });
      inFlight.add(running);
      running.finally(() => inFlight.delete(running));
    }
    return event;
  }

  const server = createServer((request, response) => {
    handlePutEvents(request, response, publish).catch((error) => {
      log.error('local event bus failed', { error });
      if (!response.headersSent) reply(response, 500, { __type: 'InternalException', message: 'internal error' });
    });
  });
  const port = await listen(server, options.port ?? 0);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    publish,
    recent: () => recent.map((r) => ({ ...r, deliveries: r.deliveries.map((d) => ({ ...d })) })),
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 100))]);
      }
    },
    async stop() {
      stopped = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // Let deliveries already running finish (their retries are abandoned), so none writes to a stopped table.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 5_000))]);
    },
  };
}

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  /** epoch seconds, as the SDK serializes timestamps in this protocol */
  Time?: number | string;
}

async function handlePutEvents(
  request: IncomingMessage,
  response: ServerResponse,
  publish: (bus: BusName, input: EventInput) => BusEvent,
): Promise<void> {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
    reply(response, 400, {
      __type: 'UnknownOperationException',
      message: `The local bus speaks only AWSEvents.PutEvents, not ${String(target ?? request.method)}`,
    });
    return;
  }
  const text = await readBody(request, MAX_BODY);
  if (text === undefined) {
    reply(response, 413, { __type: 'ValidationException', message: 'Total size of the entries exceeds 256KB' });
    return;
  }
  let entries: PutEventsEntry[];
  try {
    const parsed = JSON.parse(text) as { Entries?: PutEventsEntry[] };
    entries = Array.isArray(parsed.Entries) ? parsed.Entries : [];
  } catch {
    reply(response, 400, { __type: 'SerializationException', message: 'Malformed JSON' });
    return;
  }
  if (entries.length < 1 || entries.length > 10) {
    reply(response, 400, {
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10",
    });
    return;
  }
  const results = entries.map((entry) => {
    const bus = busOf(entry.EventBusName);
    if (!bus) {
      return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: `No local bus ${entry.EventBusName}` };
    }
    if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
      return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required.' };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object.' };
    }
    const time = entry.Time === undefined ? undefined : new Date(Number(entry.Time) * 1000);
    const event = publish(bus, {
      source: entry.Source,
      'detail-type': entry.DetailType,
      detail,
      resources: entry.Resources ?? [],
      ...(time && !Number.isNaN(time.getTime()) ? { time } : {}),
    });
    return { EventId: event.id };
  });
  reply(response, 200, {
    FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
    Entries: results,
  });
}

/** `supervision`, its ARN, or nothing (the default bus), as EventBridge resolves EventBusName. */
function busOf(name: string | undefined): BusName | undefined {
  const short = name === undefined || name === '' ? 'default' : (name.split(':event-bus/').pop() ?? name);
  if (short === names.bus) return 'supervision';
  if (short === 'default') return 'default';
  return undefined;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, 'application/x-amz-json-1.1');
}
