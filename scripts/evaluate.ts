/**
 * `npm run evaluate -- --month 2026-10 [--url http://127.0.0.1:3000]`
 *
 * Runs the monthly evaluation of a month against a RUNNING local twin (`npm start`), as an officer would through
 * the API: a token from `POST /_local/tokens`, `POST /v1/evaluations`, then `GET /v1/evaluations/{runId}` until
 * the run has finished, with a progress bar on stderr. Prints the run's summary on stdout — first, when the month
 * was evaluated before, one line in Chinese that says so; the exit status is 0 when the run succeeded, 1 when it
 * failed, 2 for bad arguments, 3 when the stack cannot be reached.
 */
import { parseArgs } from 'node:util';

const USAGE = `usage: npm run evaluate -- --month YYYY-MM [--url http://127.0.0.1:3000] [--timeout 600]

  --month    the month to evaluate (its cycles must have ended: the month is over on the local clock)
  --url      the local twin's gateway (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --timeout  seconds to wait for the run to finish (default 600)`;

interface Run {
  runId: string;
  month: string;
  status: 'running' | 'succeeded' | 'failed';
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
  startedAt?: string;
  finishedAt?: string | null;
  progress?: { casesDue: number | null; done: number };
  error?: string | null;
}

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

function options() {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const { month, url, timeout } = parsed.values;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new CliError(`--month YYYY-MM is required (got ${month ?? 'nothing'})\n\n${USAGE}`, 2);
  }
  const seconds = Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError(`--timeout must be a number of seconds`, 2);
  let base: URL;
  try {
    base = new URL(url ?? `http://127.0.0.1:${process.env.PORT || 3000}`);
  } catch {
    throw new CliError(`--url is not a URL: ${url}`, 2);
  }
  return { month, base, timeoutMs: seconds * 1000 };
}

function parse() {
  return parseArgs({
    options: {
      month: { type: 'string', short: 'm' },
      url: { type: 'string' },
      timeout: { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}

/** JSON over HTTP; a refused connection becomes the one-line advice to start the stack. */
async function call(base: URL, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(
      `No local stack answers at ${base.origin} (${cause}): start it with \`npm start\` (or pass --url).`,
      3,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text for the message
  }
  return { status: response.status, body };
}

/** The detail of a problem+json answer, or the raw body. */
function problem(body: unknown): string {
  if (body && typeof body === 'object') {
    const { title, detail } = body as { title?: string; detail?: string };
    return [title, detail].filter(Boolean).join(': ') || JSON.stringify(body);
  }
  return String(body);
}

/** A one-line bar redrawn in place on a terminal; plain progress lines otherwise (logs, CI). */
function progressBar(stream: NodeJS.WriteStream) {
  const width = 30;
  let lastLine = '';
  return {
    update(done: number, total: number | null) {
      const line =
        total === null
          ? `finding the cases due… ${done} done`
          : `${'█'.repeat(total ? Math.round((width * Math.min(done, total)) / total) : width).padEnd(width, '░')} ` +
            `${done}/${total} cases (${total ? Math.floor((100 * Math.min(done, total)) / total) : 100}%)`;
      if (line === lastLine) return;
      lastLine = line;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K`);
      else stream.write(`${line}\n`);
    },
    end() {
      if (stream.isTTY && lastLine) stream.write('\n');
    },
  };
}

async function main(): Promise<number> {
  const { month, base, timeoutMs } = options();

  const health = await call(base, '/health');
  if (health.status !== 200) {
    throw new CliError(
      `${base.origin} answered ${health.status} to GET /health: is it the local twin? Start it with \`npm start\`.`,
      3,
    );
  }
  const issued = await call(base, '/_local/tokens', {
    method: 'POST',
    body: JSON.stringify({ role: 'officer', sub: 'cli-evaluate', name: 'npm run evaluate' }),
  });
  if (issued.status !== 201) {
    throw new CliError(`POST /_local/tokens answered ${issued.status}: ${problem(issued.body)}`, 3);
  }
  const authorization = `Bearer ${(issued.body as { token: string }).token}`;

  // A month already evaluated has its statistics: say so plainly. Running it again is safe (every cycle is judged
  // once), so the run goes ahead — it may still propose projects whose evidence is new.
  const previous = await call(base, `/v1/stats?month=${month}`, { headers: { authorization } });
  const evaluatedBefore = previous.status === 200;
  if (evaluatedBefore) {
    const computedAt = (previous.body as { computedAt?: string }).computedAt;
    process.stdout.write(
      `${month} 已评定过${computedAt ? `（${computedAt.replace('T', ' ').slice(0, 19)} 完成）` : ''}：` +
        '再次评定不会重复评定任何案件，也不会重复发出告知单。\n',
    );
  }

  const started = await call(base, '/v1/evaluations', {
    method: 'POST',
    headers: { authorization },
    body: JSON.stringify({ month }),
  });
  if (started.status !== 202) {
    throw new CliError(`The evaluation of ${month} was refused (${started.status}): ${problem(started.body)}`, 1);
  }
  const { runId } = started.body as { runId: string };
  process.stderr.write(`evaluation ${runId} of ${month} started\n`);

  const bar = progressBar(process.stderr);
  const deadline = Date.now() + timeoutMs;
  let run: Run;
  for (;;) {
    const polled = await call(base, `/v1/evaluations/${runId}`, { headers: { authorization } });
    if (polled.status !== 200) {
      bar.end();
      throw new CliError(`GET /v1/evaluations/${runId} answered ${polled.status}: ${problem(polled.body)}`, 1);
    }
    run = polled.body as Run;
    bar.update(run.progress?.done ?? 0, run.progress?.casesDue ?? null);
    if (run.status !== 'running') break;
    if (Date.now() > deadline) {
      bar.end();
      throw new CliError(
        `The run ${runId} is still running after ${timeoutMs / 1000} s; follow it with GET /v1/evaluations/${runId}.`,
        1,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  bar.end();

  const seconds =
    run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null;
  const summary = [
    `run        ${run.runId}`,
    `month      ${run.month}`,
    `status     ${run.status}`,
    `evaluated  ${run.evaluated}  (released ${run.released}, escalated ${run.escalated}, continued ${run.continued})`,
    `proposed   ${run.proposed}  new cases for projects not under supervision`,
    ...(run.progress ? [`cases due  ${run.progress.casesDue ?? '?'}  (done ${run.progress.done})`] : []),
    ...(seconds !== null && seconds >= 0 ? [`took       ${seconds.toFixed(1)} s`] : []),
    ...(run.error ? [`error      ${run.error}`] : []),
  ];
  process.stdout.write(`${summary.join('\n')}\n`);
  return run.status === 'succeeded' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
