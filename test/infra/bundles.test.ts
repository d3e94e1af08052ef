/**
 * What each function's bundle holds, against what its wiring row says: only the document renderer (`fonts: true`)
 * carries the PDF renderer (pdfkit, fontkit), and a function whose code reaches the documents bucket module has the
 * documents access that gives it the bucket's name (it reads DOCUMENTS_BUCKET at cold start); only a function that
 * may write a write-once prefix carries the code that stores there (it reads the Object Lock settings at cold start).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { writesOnce } from '../../shared/function-environment.js';
import { type FunctionName, type FunctionSpec, functions } from '../../shared/wiring.js';

async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const rows = Object.entries(functions) as Array<[FunctionName, FunctionSpec]>;

describe('bundles against their wiring rows', () => {
  it.each(rows)('%s', async (name, spec) => {
    const inputs = await bundleInputs(spec.entry);
    const renders = inputs.some((input) => /node_modules\/(pdfkit|fontkit)\//.test(input));
    expect(renders, 'carries the PDF renderer exactly when its row ships the fonts').toBe(Boolean(spec.fonts));
    const documents = inputs.some((input) => input.endsWith('shared/files/documents-bucket.ts'));
    if (documents) expect(spec.access.documents, 'reaches the documents bucket, so needs its access').toBeDefined();
    // storing under Object Lock needs the lock settings, which come only with a write grant on a write-once prefix
    const storesOnce = inputs.some((input) => input.endsWith('shared/files/write-once-documents.ts'));
    expect(storesOnce, 'stores the agency’s documents exactly when its row may write them once').toBe(writesOnce(name));
    // a function builds its own routes' schemas at cold start, no other function's: it imports its module of
    // shared/routes/ and never the whole wiring table (issue 13 item 3)
    expect(inputs.filter((input) => input.endsWith('shared/wiring.ts'))).toEqual([]);
    const routeModules = inputs.flatMap((input) => /shared\/routes\/([a-z-]+)\.ts$/.exec(input)?.[1] ?? []);
    expect(routeModules.filter((module) => !['route-spec', 'document-response', name].includes(module))).toEqual([]);
    // the schemas are written in zod/mini, whose functions a bundler can leave out; zod's classic API (one class
    // with every method, ≈ 100 KiB minified, each schema binding its methods as it is built) is never bundled
    expect(inputs.filter((input) => /node_modules\/zod\/v4\/classic\//.test(input))).toEqual([]);
  });

  // zod (≈ 35 KiB minified with zod/mini and its two locales) only where input is parsed with it:
  // the domain's pure rules and the stores carry none, so these functions, which parse no request or event with a
  // schema, stay near their SDK floor (issue 13 item 3, docs/benchmarks.md)
  it.each([
    'deadlines',
    'evaluation-worker',
    'document-verifier',
    'event-journal',
    'outbox-relay',
    'upload-authorizer',
    'openapi',
  ] as const)('%s carries no zod', async (name) => {
    const inputs = await bundleInputs(functions[name].entry);
    expect(inputs.filter((input) => /node_modules\/zod\//.test(input))).toEqual([]);
  });

  it('renders in one function only: the document renderer', () => {
    expect(rows.filter(([, spec]) => spec.fonts).map(([name]) => name)).toEqual(['document-renderer']);
  });
});
