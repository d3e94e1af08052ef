/**
 * Cheap records of the quarterly ranking and of enterprise-level supervision (SPEC §6.4–6.5), for the suites that
 * need a real id of every route (fuzzing, retries): a ranking run of an ended quarter (no project need be assessed:
 * the run reads the registered ones), its publication, and an enterprise case proposed by penalty points reaching 16
 * (six entries; no project, no ranking).
 */
import { api, eventually, partitionItems, tokenFor } from './api.js';
import { creditCode } from './fixtures.js';
import { finishedRun } from './rankings.js';

/** Run the ranking of `quarter` (it must have ended on the clock's day) and wait for the run: its id. */
export async function rankedQuarter(quarter: string, options: { publish?: boolean } = {}): Promise<{ runId: string }> {
  const officer = await tokenFor('officer');
  const started = await api('/v1/rankings', { token: officer, body: { quarter } });
  if (started.status !== 202) throw new Error(`rank ${quarter}: ${started.status} ${started.text}`);
  const { runId } = started.json as { runId: string };
  const run = await finishedRun(runId);
  if (run.status !== 'succeeded') throw new Error(`ranking run ${runId}: ${run.status} ${run.error}`);
  if (options.publish) {
    const published = await api(`/v1/rankings/${quarter}/publish`, { token: officer, body: {} });
    if (published.status !== 200) throw new Error(`publish ${quarter}: ${published.status} ${published.text}`);
    await publicationDone(quarter, (published.json as { revision: number }).revision);
  }
  return { runId };
}

/**
 * Wait until what a published revision set in motion (SPEC §6.5: proposals, reviews and releases of enterprise
 * cases) is done, so that it writes nothing into the records a test makes afterwards.
 */
export async function publicationDone(quarter: string, revision: number): Promise<void> {
  const sk = `SUPERVISION#${String(revision).padStart(4, '0')}`;
  await eventually(
    () => partitionItems(`RANKING#${quarter}`),
    (items) => items.some((item) => item.sk === sk),
    { timeoutMs: 90_000, intervalMs: 250, what: `the supervision of ${quarter} revision ${revision}` },
  );
}

/**
 * An enterprise (a fresh credit code) whose penalty points reach 16 in window: its proposed enterprise case, once
 * the points' event has proposed it; `confirm` makes it active.
 */
export async function enterpriseCase(
  options: { confirm?: boolean } = {},
): Promise<{ enterpriseCaseId: string; creditCode: string }> {
  const officer = await tokenFor('officer');
  const code = creditCode();
  for (const [index, points] of [3, 3, 3, 3, 3, 1].entries()) {
    const recorded = await api('/v1/penalty-points', {
      token: officer,
      body: {
        subject: { kind: 'enterprise', id: code, name: '北京某记分施工有限公司' },
        points,
        reason: '施工现场安全管理不到位，责令改正',
        documentNo: `京建罚〔2026〕${100 + index}号`,
      },
    });
    if (recorded.status !== 201) throw new Error(`penalty points: ${recorded.status} ${recorded.text}`);
  }
  const listed = await eventually(
    () => api('/v1/enterprise-cases?status=proposed&limit=100', { token: officer }),
    (r) =>
      (r.json as { items?: Array<{ creditCode: string }> }).items?.some((item) => item.creditCode === code) ?? false,
    { what: `a proposed enterprise case of ${code}` },
  );
  const enterpriseCaseId = (listed.json as { items: Array<{ id: string; creditCode: string }> }).items.find(
    (item) => item.creditCode === code,
  )?.id as string;
  if (options.confirm) {
    const confirmed = await api(`/v1/enterprise-cases/${enterpriseCaseId}/confirm`, { token: officer, body: {} });
    if (confirmed.status !== 200) throw new Error(`confirm ${enterpriseCaseId}: ${confirmed.status} ${confirmed.text}`);
  }
  return { enterpriseCaseId, creditCode: code };
}
