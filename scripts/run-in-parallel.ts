/**
 * `tsx scripts/run-in-parallel.ts <script> <script> …`: runs npm scripts at once, each line of their output prefixed
 * with the script's name, and fails (exit 1) when any of them fails — after all have finished, so one failure never
 * hides another's.
 *
 * `npm test` runs the integration suite (mostly waiting on DynamoDB Local and the S3 server) beside the infra suite
 * (CPU: esbuild and CDK synth): on a 2-core CI machine the two together take about as long as the longer one alone.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('用法：tsx scripts/run-in-parallel.ts <npm 脚本名> …');
  process.exit(2);
}

function run(script: string): Promise<{ script: string; code: number; seconds: number }> {
  const started = Date.now();
  const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${script}] ${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('close', (code, signal) =>
      resolve({ script, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) }),
    );
  });
}

const results = await Promise.all(scripts.map(run));
for (const { script, code, seconds } of results) {
  console.log(`${code === 0 ? '通过' : '失败'} ${script}（${seconds} 秒）`);
}
process.exit(results.some((result) => result.code !== 0) ? 1 : 0);
