import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { log } from '../../shared/log.js';
import { type QueueName, type QueueSpec, queues as wiringQueues } from '../../shared/wiring.js';
import type { DeadLetterQueue } from './async-invocation.js';
import { listen, readBody, sendJson } from './aws-json-endpoint.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './environment.js';
import type { LambdaRuntime } from './lambda-runtime.js';

/** Status of a local queue, for `GET /_local` and tests. */
export interface QueueStatus {
  name: QueueName;
  url: string;
  /** waiting to be delivered (including those waiting out a failed delivery's visibility timeout) */
  waiting: number;
  inFlight: number;
  delivered: number;
  deadLettered: number;
}

export interface LocalWorkQueues {
  /** the SQS endpoint (AWS_ENDPOINT_URL_SQS) */
  endpoint: string;
  /** queue name → its URL, as a `sendsTo` function finds it in its environment */
  urls: Record<QueueName, string>;
  /** Send a message from this process (an EventBridge rule whose target is a queue), kept across a restart. */
  send(queue: QueueName, body: string): void;
  status(): QueueStatus[];
  /** Resolves when no message is waiting or in flight (for tests and an orderly stop). */
  idle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

const MAX_BODY = 1024 * 1024;
/** Locally a failed delivery comes back after this long (times its receive count), not after the full timeout. */
const LOCAL_VISIBILITY_MS = 500;
/** At most this many concurrent invocations per queue locally (one event loop runs them all). */
const LOCAL_MAX_CONCURRENCY = 4;

/**
 * The local SQS: an HTTP endpoint speaking the SQS JSON protocol's SendMessage and SendMessageBatch (so the
 * planner's unchanged SQSClient sends to it), and one poller per `queues` row playing the event source mapping:
 * batches of `batchSize` to the consumer function, a few at once, failed messages (a thrown error or a
 * `batchItemFailures` entry) back after a short visibility timeout, and to the DLQ after `maxReceiveCount`.
 */
export async function startWorkQueues(options: {
  runtime: LambdaRuntime;
  dlq: DeadLetterQueue;
  port?: number;
  queues?: Readonly<Record<QueueName, QueueSpec>>;
  /** a journal of the messages (JSON lines), so that messages not yet worked survive a restart, as in SQS */
  file?: string;
}): Promise<LocalWorkQueues> {
  const specs = options.queues ?? wiringQueues;
  const journal = options.file ? new QueueJournal(options.file) : undefined;
  let stopped = false;
  const state = new Map<
    QueueName,
    { spec: QueueSpec; waiting: Message[]; inFlight: number; delivered: number; deadLettered: number }
  >();
  for (const [name, spec] of Object.entries(specs) as Array<[QueueName, QueueSpec]>) {
    state.set(name, { spec, waiting: [], inFlight: 0, delivered: 0, deadLettered: 0 });
  }
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  function pump() {
    if (stopped) return;
    let nextVisible = Number.POSITIVE_INFINITY;
    for (const [name, queue] of state) {
      const concurrency = Math.min(queue.spec.maxConcurrency, LOCAL_MAX_CONCURRENCY);
      while (queue.inFlight < concurrency) {
        const now = Date.now();
        const batch: Message[] = [];
        for (const message of queue.waiting) {
          if (message.visibleAt <= now) batch.push(message);
          if (batch.length >= queue.spec.batchSize) break;
        }
        if (!batch.length) break;
        queue.waiting = queue.waiting.filter((message) => !batch.includes(message));
        queue.inFlight += 1;
        const delivery = deliver(name, queue.spec, batch).finally(() => {
          queue.inFlight -= 1;
          running.delete(delivery);
          pump();
        });
        running.add(delivery);
      }
      for (const message of queue.waiting) nextVisible = Math.min(nextVisible, message.visibleAt);
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (Number.isFinite(nextVisible)) {
      timer = setTimeout(pump, Math.max(0, nextVisible - Date.now()));
      timer.unref();
    }
  }

  async function deliver(name: QueueName, spec: QueueSpec, batch: Message[]): Promise<void> {
    const queue = state.get(name);
    if (!queue) return;
    for (const message of batch) message.receiveCount += 1;
    const event: SQSEvent = { Records: batch.map((message) => recordOf(name, message)) };
    let failed: Set<string>;
    try {
      const result = (await options.runtime.invoke(spec.function, event)) as
        | { batchItemFailures?: Array<{ itemIdentifier: string }> }
        | undefined;
      failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      log.warn('local queue: the worker failed a batch', { queue: name, function: spec.function, error });
      failed = new Set(batch.map((message) => message.id));
    }
    for (const message of batch) {
      if (!failed.has(message.id)) {
        queue.delivered += 1;
        journal?.done(message.id);
        continue;
      }
      if (stopped) continue;
      if (message.receiveCount >= spec.maxReceiveCount) {
        queue.deadLettered += 1;
        journal?.done(message.id);
        options.dlq.add({
          source: `queue ${name}`,
          function: spec.function,
          attempts: message.receiveCount,
          error: 'the message was received maxReceiveCount times without success',
          payload: JSON.parse(message.body) as unknown,
        });
      } else {
        message.visibleAt = Date.now() + LOCAL_VISIBILITY_MS * message.receiveCount;
        queue.waiting.push(message);
      }
    }
  }

  function send(name: QueueName, body: string, id: string = randomUUID()): Message {
    const message: Message = {
      id,
      body,
      md5: createHash('md5').update(body, 'utf8').digest('hex'),
      sentAt: Date.now(),
      receiveCount: 0,
      visibleAt: Date.now(),
    };
    state.get(name)?.waiting.push(message);
    queueMicrotask(pump);
    return message;
  }

  // messages sent before a stop and not worked since come back, as SQS keeps them
  for (const { queue, id, body } of journal?.pending() ?? []) {
    if (state.has(queue)) send(queue, body, id);
    else journal?.done(id);
  }

  const sendJournaled = (queue: QueueName, body: string) => {
    const message = send(queue, body);
    journal?.sent(queue, message.id, body);
    return message;
  };
  const server = createServer((request, response) => {
    handleRequest(request, response, (queueUrl) => queueOf(queueUrl), sendJournaled).catch((error) => {
      log.error('local queue endpoint failed', { error });
      if (!response.headersSent) reply(response, 500, { __type: 'InternalError', message: 'internal error' });
    });
  });
  const port = await listen(server, options.port ?? 0);
  const endpoint = `http://127.0.0.1:${port}`;
  const urls = Object.fromEntries(
    [...state.keys()].map((name) => [name, `${endpoint}/${LOCAL_ACCOUNT}/${name}`]),
  ) as Record<QueueName, string>;

  function queueOf(queueUrl: string | undefined): QueueName | undefined {
    const name = queueUrl?.split('/').pop() as QueueName | undefined;
    return name && state.has(name) ? name : undefined;
  }

  return {
    endpoint,
    urls,
    send(queue, body) {
      if (!state.has(queue)) throw new Error(`There is no local queue ${queue}`);
      sendJournaled(queue, body);
    },
    status: () =>
      [...state].map(([name, queue]) => ({
        name,
        url: urls[name],
        waiting: queue.waiting.length,
        inFlight: queue.inFlight,
        delivered: queue.delivered,
        deadLettered: queue.deadLettered,
      })),
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      const busy = () => [...state.values()].some((queue) => queue.waiting.length > 0 || queue.inFlight > 0);
      while (busy() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      // let batches already running finish, so none writes to a stopped table
      await Promise.race([Promise.allSettled([...running]), new Promise((resolve) => setTimeout(resolve, 5_000))]);
    },
  };
}

function recordOf(name: QueueName, message: Message): SQSRecord {
  return {
    messageId: message.id,
    receiptHandle: `${message.id}#${message.receiveCount}`,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      SenderId: LOCAL_ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.md5,
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`,
    awsRegion: LOCAL_REGION,
  };
}

interface SendEntry {
  Id?: string;
  MessageBody?: string;
}

/** SendMessage and SendMessageBatch of the SQS JSON protocol (`X-Amz-Target: AmazonSQS.*`). */
async function handleRequest(
  request: IncomingMessage,
  response: ServerResponse,
  queueOf: (url: string | undefined) => QueueName | undefined,
  send: (queue: QueueName, body: string) => Message,
): Promise<void> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const text = await readBody(request, MAX_BODY);
  if (text === undefined) {
    reply(response, 400, { __type: 'com.amazonaws.sqs#BatchRequestTooLong', message: 'request too long' });
    return;
  }
  let input: { QueueUrl?: string; MessageBody?: string; Entries?: SendEntry[] };
  try {
    input = JSON.parse(text || '{}');
  } catch {
    reply(response, 400, { __type: 'com.amazonaws.sqs#InvalidRequest', message: 'Malformed JSON' });
    return;
  }
  const queue = queueOf(input.QueueUrl);
  if (!queue) {
    reply(response, 400, {
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: `The specified queue does not exist: ${input.QueueUrl}`,
    });
    return;
  }
  if (target === 'AmazonSQS.SendMessage' && typeof input.MessageBody === 'string') {
    const message = send(queue, input.MessageBody);
    reply(response, 200, { MessageId: message.id, MD5OfMessageBody: message.md5 });
    return;
  }
  if (target === 'AmazonSQS.SendMessageBatch' && Array.isArray(input.Entries)) {
    if (input.Entries.length < 1 || input.Entries.length > 10) {
      reply(response, 400, {
        __type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
        message: 'A batch holds 1 to 10 entries.',
      });
      return;
    }
    const successful: Array<Record<string, string>> = [];
    const failed: Array<Record<string, unknown>> = [];
    for (const entry of input.Entries) {
      if (typeof entry.MessageBody !== 'string' || !entry.Id) {
        failed.push({ Id: entry.Id ?? '', SenderFault: true, Code: 'InvalidParameterValue', Message: 'no body' });
        continue;
      }
      const message = send(queue, entry.MessageBody);
      successful.push({ Id: entry.Id, MessageId: message.id, MD5OfMessageBody: message.md5 });
    }
    reply(response, 200, { Successful: successful, Failed: failed });
    return;
  }
  reply(response, 400, {
    __type: 'com.amazonaws.sqs#UnsupportedOperation',
    message: `The local queues speak SendMessage and SendMessageBatch, not ${target || request.method}`,
  });
}

/**
 * The local queues' durability: each message sent and each message finished (worked or dead-lettered) is a line
 * of a JSON-lines file; at start the file is read back, the unfinished messages are sent again and the file is
 * rewritten with them alone.
 */
class QueueJournal {
  constructor(private readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
  }

  pending(): Array<{ queue: QueueName; id: string; body: string }> {
    const sent = new Map<string, { queue: QueueName; id: string; body: string }>();
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as { op: 'sent' | 'done'; queue: QueueName; id: string; body: string };
          if (entry.op === 'sent') sent.set(entry.id, { queue: entry.queue, id: entry.id, body: entry.body });
          else sent.delete(entry.id);
        } catch {
          // a line cut short by a crash
        }
      }
    }
    const pending = [...sent.values()];
    writeFileSync(this.file, pending.map((entry) => `${JSON.stringify({ op: 'sent', ...entry })}\n`).join(''));
    return pending;
  }

  sent(queue: QueueName, id: string, body: string): void {
    appendFileSync(this.file, `${JSON.stringify({ op: 'sent', queue, id, body })}\n`);
  }

  done(id: string): void {
    appendFileSync(this.file, `${JSON.stringify({ op: 'done', id })}\n`);
  }
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  sendJson(response, status, body, 'application/x-amz-json-1.0');
}
