/**
 * `npm run backfill:reports [-- --url http://127.0.0.1:3000] [--project prj_…]`
 * `TABLE_NAME=… npm run backfill:reports -- --aws [--project prj_…]`
 *
 * Gives every inspection recorded before inspection reports existed its report (检查报告): the report record, the
 * inspection's reference and `InspectionRecorded`, whose delivery has the document renderer print the PDF. Safe to
 * run twice, or while inspections are being recorded: every write is conditional, nothing is recorded twice.
 *
 * Against a RUNNING local twin (default): its DynamoDB endpoint and clock are read from `GET /health`. With `--aws`:
 * the table named by `TABLE_NAME`, with the AWS credentials and region of the environment. Exit status: 0 done,
 * 1 failed, 2 bad arguments, 3 no stack at the URL.
 */
import { parseArgs } from 'node:util';
import { runScript, useStoreOf } from './support/store-target.js';

const USAGE = `usage: npm run backfill:reports [-- --url http://127.0.0.1:3000] [--project prj_…]
       TABLE_NAME=<table> npm run backfill:reports -- --aws [--project prj_…]

  --url      the local twin's gateway (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
  --aws      the deployed table named by TABLE_NAME instead of a local twin
  --project  only these projects (repeatable); default every registered project`;

async function main(): Promise<number> {
  let values: { url?: string; aws?: boolean; project?: string[]; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        aws: { type: 'boolean' },
        project: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { now } = await useStoreOf(values);
  const { backfillInspectionReports } = await import('../shared/usecases/inspection-reports.js');
  const result = await backfillInspectionReports(now, values.project ? { projectIds: values.project } : {});
  process.stdout.write(
    `检查报告补录 backfill: ${result.projects} projects, ${result.inspections} inspections, ` +
      `${result.recorded} reports recorded now (their PDFs follow from InspectionRecorded)\n`,
  );
  return 0;
}

runScript(main, USAGE);
