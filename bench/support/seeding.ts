/**
 * What the benchmarks that seed a local twin share: a stand-in for the unit of work that keeps the items the use
 * cases' own builders stage (so seeded items are shaped exactly as the API writes them), valid credit codes, a
 * BatchWriteItem writer that retries what the store left unprocessed, and a description of the machine for the
 * figures in docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { creditCodeCheckCharacter } from '../../shared/domain/credit-code.js';

export type Item = Record<string, unknown> & { pk: string; sk: string; type: string };

/**
 * A stand-in for the unit of work that keeps the items instead of committing them: `put` stores the item,
 * `update` applies the `SET #name = :value, …` that `changeCase` builds. Events go to outbox items in their own
 * partitions, which the benchmarked runs never read: they are left out.
 */
export class ItemCollector {
  constructor(private readonly items: Map<string, Item>) {}

  put(item: Item) {
    this.items.set(`${item.pk}\u0000${item.sk}`, { ...item });
    return this;
  }

  update(
    key: { pk: string; sk: string },
    update: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  ) {
    const item = this.items.get(`${key.pk}\u0000${key.sk}`);
    if (!item) throw new Error(`the collector has no item ${key.pk} ${key.sk} to update`);
    for (const assignment of update.expression.replace(/^SET\s+/, '').split(/\s*,\s*/)) {
      const [name, value] = assignment.split(/\s*=\s*/) as [string, string];
      const field = update.names?.[name];
      if (!field || !update.values || !(value in update.values)) {
        throw new Error(`the collector does not understand "${assignment}"`);
      }
      item[field] = update.values[value];
    }
    return this;
  }

  delete(key: { pk: string; sk: string }) {
    this.items.delete(`${key.pk}\u0000${key.sk}`);
    return this;
  }

  check() {
    return this;
  }

  emit() {
    return {};
  }

  get(key: { pk: string; sk: string }): Item {
    const item = this.items.get(`${key.pk}\u0000${key.sk}`);
    if (!item) throw new Error(`the collector has no item ${key.pk} ${key.sk}`);
    return item;
  }
}

/** The valid unified social credit code number `n` (911101… + 11 digits + its check character). */
export function creditCodeOf(n: number): string {
  const first17 = `911101${String(n).padStart(11, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
}

let serial = 0;

/** A valid unified social credit code, a new one per call. */
export function creditCode(): string {
  serial += 1;
  return creditCodeOf(serial);
}

/**
 * A writer of items straight into the functions' table with BatchWriteItem (25 a request, `parallel` requests in
 * flight), on a client of its own: seeding is not what a benchmark measures. `written` counts the items stored.
 */
export function batchWriter(table: string, parallel: number) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const writer = {
    written: 0,
    async writeAll(items: ReadonlyArray<Record<string, unknown>>) {
      const batches: Array<Array<Record<string, unknown>>> = [];
      for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let batch = batches.shift(); batch; batch = batches.shift()) {
            let requests = batch.map((Item) => ({ PutRequest: { Item } }));
            for (let attempt = 0; requests.length; attempt++) {
              const answer = await client.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
              requests = (answer.UnprocessedItems?.[table] ?? []) as typeof requests;
              if (requests.length) {
                await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
              }
            }
            writer.written += batch.length;
          }
        }),
      );
    },
    destroy: () => client.destroy(),
  };
  return writer;
}

/** The machine a benchmark ran on, as docs/benchmarks.md records it. */
export function machine() {
  const run = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  // `java -version` writes to stderr
  const javaVersion = spawnSync('java', ['-version'], { encoding: 'utf8' });
  const java = `${javaVersion.stderr ?? ''}${javaVersion.stdout ?? ''}`.trim().split('\n')[0] || 'unknown';
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return {
    nproc: run('nproc', []),
    cpu,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    java,
    date: run('date', []),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/**
 * A building project as a registration names it (developer, general contractor of a group company, supervisor,
 * subcontractor, the project manager and the chief supervising engineer), with fresh credit codes.
 */
export function seededProjectBody(
  where: { name: string; district: string; address: string },
  names: { developer: string; contractor: string; groupCompany: string },
) {
  const [developer, contractor, supervisor, subcontractor] = [creditCode(), creditCode(), creditCode(), creditCode()];
  const body = {
    ...where,
    category: 'building' as const,
    phase: 'structure' as const,
    units: [
      { role: 'developer' as const, name: names.developer, creditCode: developer },
      {
        role: 'general_contractor' as const,
        name: names.contractor,
        creditCode: contractor,
        groupCompany: names.groupCompany,
      },
      { role: 'supervisor' as const, name: '北京某工程监理有限公司', creditCode: supervisor },
      { role: 'subcontractor' as const, name: '北京某劳务分包有限公司', creditCode: subcontractor },
    ],
    persons: [
      { role: 'project_manager' as const, name: '张三', unitCreditCode: contractor },
      { role: 'chief_supervising_engineer' as const, name: '李四', unitCreditCode: supervisor },
    ],
  };
  return { body, contractor };
}
