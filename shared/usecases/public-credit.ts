/**
 * `GET /public/credit?creditCode=&date=` (SPEC §6.6, 两场联动): an enterprise's credit record as it stood on a date,
 * for tender platforms — its latest published ranks per role, its penalty points in window and the thresholds they
 * reached, its enterprise-level case, the projects it takes part in that were under differentiated supervision that
 * day (their names masked of any person's name), and the circulars naming it that stood. Public: an enterprise's
 * record only, never a person's.
 *
 * The same pieces make each line of the signed bulk export (shared/usecases/credit-export.ts), so a tender platform
 * reads the same record from the lookup and from the file.
 */
import { publicText } from '../domain/circular-text.js';
import { CREDIT_CODE_PROBLEM_TEXTS, creditCodeProblem } from '../domain/credit-code.js';
import { type CreditRecord, orderedRecord } from '../domain/credit-record.js';
import { shanghaiDate } from '../domain/dates.js';
import { InvalidInputError, NotFoundError } from '../domain/errors.js';
import { ledgerStanding } from '../domain/penalty-points.js';
import { keys } from '../store/keys.js';
import { readPartition } from '../store/project-collection.js';
import { type ProjectSnapshot, readSnapshot } from '../store/snapshot.js';
import { assessmentRulesOn } from './assessment-rules.js';
import { circularStandingOn } from './circulars.js';
import { creditSources } from './credit-sources.js';
import { levelOnDate, projectsOfUnit, supervisedOn } from './public-status.js';

/** What one project tells its units' credit records on a date. */
export interface ProjectCreditFacts {
  /** its units, with the name each was registered under and when */
  units: Array<{ creditCode: string; name: string; registeredAt: string }>;
  /** the project as a supervised project of the record, when a case of it was under supervision that day */
  supervised: CreditRecord['supervisedProjects'][number] | null;
  /** its circulars that stood that day, with the units each named */
  circulars: Array<CreditRecord['circulars'][number] & { id: string; creditCodes: string[] }>;
}

/**
 * What a project contributes to the credit records of its units on `date`: under supervision or not (the highest
 * level of its cases supervised that day), the circulars standing, and its units' names. Project names are published
 * only with every key person's name masked (张*).
 */
export function projectCreditFacts(snapshot: ProjectSnapshot, date: string): ProjectCreditFacts {
  const { project } = snapshot;
  const personNames = (project.persons ?? []).map((person) => person.name);
  const supervised = snapshot.cases.filter((record) => supervisedOn(record, date));
  return {
    units: project.units.map((unit) => ({
      creditCode: unit.creditCode,
      name: unit.name,
      registeredAt: project.registeredAt,
    })),
    supervised: supervised.length
      ? {
          projectId: project.id,
          name: publicText(project.name, personNames),
          level: Math.max(...supervised.map((record) => levelOnDate(snapshot, record.id, date))),
        }
      : null,
    circulars: snapshot.circulars
      .filter((circular) => circularStandingOn(circular, date))
      .map((circular) => ({
        id: circular.id,
        // numbered at its publication (gap-free numbers), and only a published circular stands
        number: circular.number as string,
        publishedOn: circular.publishedOn as string,
        validUntil: circular.validUntil as string,
        creditCodes: circular.units.map((unit) => unit.creditCode),
      })),
  };
}

/** An enterprise's penalty points in window on `date` and the thresholds they reached (SPEC §6.3). */
export async function enterprisePointsOn(
  creditCode: string,
  date: string,
): Promise<{
  subjectName: string | null;
  points: CreditRecord['points'];
}> {
  const items = await readPartition(keys.penaltyPartition('enterprise', creditCode));
  const head = items.find((item) => item.type === 'penalty-ledger');
  const entries = items
    .filter((item) => item.type === 'penalty-entry' && String(item.on) <= date)
    .map((item) => ({
      id: String(item.id),
      points: Number(item.points),
      on: String(item.on),
      revokedOn: (item.revocation as { on?: string } | null)?.on ?? null,
    }));
  const rules = await assessmentRulesOn(date);
  return {
    subjectName: (head?.subject as { name?: string } | undefined)?.name ?? null,
    points: ledgerStanding(entries, date, rules.thresholds),
  };
}

/**
 * The credit record of `creditCodeInput` on `date` (SPEC §6.6). A malformed credit code or a date after today is
 * refused (400) with a message a person can act on; a code nothing is known of (no project, no points) is 404.
 */
export async function publicCredit(
  creditCodeInput: string,
  date: string | undefined,
  now: Date,
): Promise<CreditRecord> {
  const creditCode = creditCodeInput.trim().toUpperCase();
  const problem = creditCodeProblem(creditCode);
  if (problem) {
    throw new InvalidInputError(
      {
        zh: `${creditCodeInput} 不是有效的统一社会信用代码`,
        en: `${creditCodeInput} is not a unified social credit code.`,
      },
      [{ field: 'creditCode', message: CREDIT_CODE_PROBLEM_TEXTS[problem] }],
    );
  }
  const today = shanghaiDate(now);
  const on = date ?? today;
  if (on > today) {
    throw new InvalidInputError(
      {
        zh: `${on} 的信用记录尚不可知，请查询今天（${today}）或以前的日期`,
        en: `The record on ${on} is not known yet: ask for a date up to today (${today}).`,
      },
      [{ field: 'date', message: { zh: `不能晚于 ${today}`, en: `must not be after ${today}` } }],
    );
  }

  const [snapshots, ledger, ranks, enterpriseCase] = await Promise.all([
    projectsOfUnit(creditCode).then((ids) => Promise.all(ids.map((id) => readSnapshot(id)))),
    enterprisePointsOn(creditCode, on),
    creditSources.ranksOn(creditCode, on),
    creditSources.enterpriseCaseOn(creditCode, on),
  ]);
  const facts = snapshots.filter((snapshot) => snapshot !== undefined).map((s) => projectCreditFacts(s, on));
  // the name it was registered under most recently
  const registered = facts
    .flatMap((fact) => fact.units.filter((unit) => unit.creditCode === creditCode))
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt))
    .at(-1);
  const name = registered?.name ?? ledger.subjectName;
  if (!name) {
    throw new NotFoundError({
      zh: `没有统一社会信用代码为 ${creditCode} 的企业的记录`,
      en: `There is no record of an enterprise with the credit code ${creditCode}.`,
    });
  }
  const circulars = new Map<string, CreditRecord['circulars'][number]>();
  for (const fact of facts) {
    for (const circular of fact.circulars) {
      if (!circular.creditCodes.includes(creditCode)) continue;
      circulars.set(circular.id, {
        number: circular.number,
        publishedOn: circular.publishedOn,
        validUntil: circular.validUntil,
      });
    }
  }
  return orderedRecord({
    creditCode,
    name,
    date: on,
    ranks,
    points: ledger.points,
    enterpriseCase,
    supervisedProjects: facts.flatMap((fact) => (fact.supervised ? [fact.supervised] : [])),
    circulars: [...circulars.values()],
  });
}
