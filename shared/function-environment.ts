/**
 * The environment of each function, derived from its row of the wiring table: the ONE source both runtimes read.
 * The CDK stack sets exactly these variables on each Lambda function (infra/stack.ts); the local twin starts each
 * function with exactly these (infra/local/lambda-runtime.ts). A function that reads a variable its row does not
 * grant fails at cold start in both, and test/infra/bundles-start.test.ts imports every synthesized bundle with its
 * template environment to prove none does.
 */
import { ENV } from './config.js';
import {
  documentPrefixes,
  type FunctionName,
  type FunctionSpec,
  functions,
  queues,
  routeList,
  sealingFunctions,
} from './wiring.js';

/** The names of the environment variables a function starts with (besides what its platform sets), sorted. */
export function environmentVariablesOf(name: FunctionName): string[] {
  const spec: FunctionSpec = functions[name];
  const access = spec.access;
  const variables = new Set<string>();
  // The request pipeline keeps idempotency records in the table, so a route function names the table even without
  // access to it (openapi): a name is configuration, not a permission.
  if (access.table || routeList.some((route) => route.function === name)) variables.add(ENV.table);
  if (access.documents) variables.add(ENV.documentsBucket);
  if (writesOnce(name)) {
    variables.add(ENV.documentLockMode);
    variables.add(ENV.documentRetentionYears);
  }
  if (access.publicSite || access.creditExport) variables.add(ENV.publicBucket);
  if (access.signsWith === 'credit') variables.add(ENV.creditSigningKey);
  if (access.bus) variables.add(ENV.bus);
  const queueUrl = access.sendsTo ? queues[access.sendsTo].urlVariable : undefined;
  if (access.sendsTo && !queueUrl) throw new Error(`${name} sends to ${access.sendsTo}, which names no urlVariable`);
  if (queueUrl) variables.add(queueUrl);
  // a function with idempotent routes seals their stored answers with the server-side secret
  if (sealingFunctions.has(name)) variables.add(ENV.idempotencySecretArn);
  for (const key of spec.config ?? []) variables.add(ENV[key]);
  return [...variables].sort();
}

/** Whether a function writes under a write-once prefix of the documents bucket (it then sets Object Lock). */
export function writesOnce(name: FunctionName): boolean {
  const spec: FunctionSpec = functions[name];
  const write = spec.access.documents?.write ?? [];
  return write.some((prefix) => documentPrefixes[prefix].writeOnce);
}

/**
 * Exactly a function's variables, with their values taken from a runtime's whole configuration (`values`, keyed
 * by variable name). A variable the function needs and the runtime does not provide is a wiring error.
 */
export function environmentOf(name: FunctionName, values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    environmentVariablesOf(name).map((variable) => {
      const value = values[variable];
      if (value === undefined) {
        throw new Error(`The function ${name} needs ${variable}, which this runtime does not provide`);
      }
      return [variable, value];
    }),
  );
}
