/**
 * `npm run build:openapi [-- --check]`
 *
 * Writes the OpenAPI document the `openapi` function serves (`functions/openapi/openapi.json`), generated from the
 * wiring table's zod schemas (`shared/http/openapi.ts`, the one source of truth) and serialised exactly as the API
 * serialises a body. The function bundles the file and neither zod nor the wiring table: its cold start is the
 * floor. Run it after changing a route or a schema; `test/unit/http/openapi-static.test.ts` fails while the file is
 * stale, and `--check` exits 1 without writing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openApiDocumentText, STATIC_OPENAPI_FILE } from '../shared/http/openapi-static.js';

const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
const path = fileURLToPath(STATIC_OPENAPI_FILE);
const text = openApiDocumentText();
let current = '';
try {
  current = readFileSync(path, 'utf8');
} catch {
  // not generated yet
}
if (current === text) {
  process.stdout.write(`${path} is up to date\n`);
} else if (values.check) {
  process.stderr.write(`${path} is stale: run npm run build:openapi\n`);
  process.exit(1);
} else {
  writeFileSync(path, text);
  process.stdout.write(`wrote ${path}\n`);
}
