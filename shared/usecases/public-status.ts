/**
 * The point-in-time status of a unit (`GET /public/status`), for tender platforms (两场联动): on a given date, was
 * the unit (by unified social credit code) taking part in a project under differentiated supervision, at which
 * level, and was it named in a circular of criticism that stood that day. Public: it answers with case and circular
 * ids, dates, levels and masked project names, never a person's name, ID or phone number.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { CREDIT_CODE_PROBLEM_TEXTS, creditCodeProblem } from '../domain/credit-code.js';
import { shanghaiDate } from '../domain/dates.js';
import { InvalidInputError } from '../domain/errors.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { keys } from '../store/keys.js';
import { type CaseRecord, type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { circularStandingOn } from './circulars.js';
import { projectPublicText } from './public-text.js';

/** The answer of `GET /public/status`. */
export interface PublicStatus {
  creditCode: string;
  date: string;
  underSupervision: boolean;
  /** the highest level among the unit's supervised cases that day; null when none was supervised */
  level: number | null;
  cases: Array<{
    caseId: string;
    projectName: string;
    includedOn: string;
    releasedOn: string | null;
    level: number;
  }>;
  namedInStandingCircular: boolean;
  circulars: Array<{ id: string; number: string; publishedOn: string; validUntil: string }>;
}

/**
 * Whether a case was under supervision on `date`: included on or before it, not dismissed, and not yet released.
 * The release takes effect on its day (the evaluation of the 1st releases the case, as it raises levels that day),
 * so on `releasedOn` itself the case is no longer under supervision.
 */
export function supervisedOn(record: CaseRecord, date: string): boolean {
  if (record.status === 'dismissed' || record.status === 'proposed' || !record.includedOn) return false;
  if (record.includedOn > date) return false;
  return !(record.releasedOn && record.releasedOn <= date);
}

/** The level of a case at the end of `date`: the level its latest cycle evaluation on or before that day left. */
export function levelOnDate(snapshot: ProjectSnapshot, caseId: string, date: string): number {
  const judged = snapshot.cycleEvaluations
    .filter((evaluation) => evaluation.caseId === caseId && String(evaluation.evaluatedOn) <= date)
    .sort((a, b) => a.index - b.index)
    .at(-1);
  return judged?.levelAfter ?? 0;
}

/**
 * The status of the unit `creditCode` on `date` — today (Asia/Shanghai, from `now`: the handlers' clock) when no
 * date is given. A malformed credit code, or a date after today (a status that cannot be known yet), is refused
 * with a message a person can act on, in Chinese (the public form shows it beside the field).
 */
export async function publicStatus(
  creditCodeInput: string,
  date: string | undefined,
  now: Date,
): Promise<PublicStatus> {
  const creditCode = creditCodeInput.trim().toUpperCase();
  const problem = creditCodeProblem(creditCode);
  if (problem) {
    throw new InvalidInputError(
      {
        zh: `“${creditCodeInput}”不是有效的统一社会信用代码：${CREDIT_CODE_PROBLEM_TEXTS[problem].zh}。`,
        en: `${creditCodeInput} is not a unified social credit code: ${CREDIT_CODE_PROBLEM_TEXTS[problem].en}.`,
      },
      [{ field: 'creditCode', message: CREDIT_CODE_PROBLEM_TEXTS[problem] }],
    );
  }
  const today = shanghaiDate(now);
  const on = date ?? today;
  if (on > today) {
    throw new InvalidInputError(
      {
        zh: `${on}的状态尚不可知：请查询今天（${today}）或之前的日期。`,
        en: `The status on ${on} is not known yet: ask for a date up to today (${today}).`,
      },
      [{ field: 'date', message: { zh: `不能晚于今天（${today}）`, en: `must not be after ${today}` } }],
    );
  }

  const snapshots = await Promise.all((await projectsOfUnit(creditCode)).map((id) => readSnapshot(id)));
  const cases: PublicStatus['cases'] = [];
  const circulars: PublicStatus['circulars'] = [];
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    // names known from the project never leave in a project name (a project named after a person is rare, but possible)
    const publicText = projectPublicText(snapshot);
    for (const record of snapshot.cases.filter((candidate) => supervisedOn(candidate, on))) {
      cases.push({
        caseId: record.id,
        projectName: publicText(record.projectName),
        includedOn: record.includedOn as string,
        releasedOn: record.releasedOn ?? null,
        level: levelOnDate(snapshot, record.id, on),
      });
    }
    for (const circular of snapshot.circulars) {
      if (!circular.units.some((unit) => unit.creditCode === creditCode)) continue;
      if (!circularStandingOn(circular, on)) continue;
      circulars.push({
        id: circular.id,
        // a standing circular was published, and publication numbers it
        number: circular.number as string,
        publishedOn: circular.publishedOn as string,
        validUntil: circular.validUntil as string,
      });
    }
  }
  cases.sort((a, b) => a.includedOn.localeCompare(b.includedOn) || a.caseId.localeCompare(b.caseId));
  circulars.sort((a, b) => b.publishedOn.localeCompare(a.publishedOn) || a.id.localeCompare(b.id));
  return {
    creditCode,
    date: on,
    underSupervision: cases.length > 0,
    level: cases.length ? Math.max(...cases.map((entry) => entry.level)) : null,
    cases,
    namedInStandingCircular: circulars.length > 0,
    circulars,
  };
}

/** The projects a unit takes part in (`UNIT#{code}` items, written at registration). */
export async function projectsOfUnit(creditCode: string): Promise<string[]> {
  const projectIds: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.unitProject(creditCode, '').pk },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) if (typeof item.projectId === 'string') projectIds.push(item.projectId);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return projectIds;
}
