/**
 * The "Done when": a case whose units meet every obligation for a cycle and whose hazards are all verified
 * is released with a numbered release notice (附件2 差别化监管解除告知单). Built the way the users do it, through the
 * API on the local twin, walking the local clock day by day through the first cycle (2026-09-16 … 2026-09-30).
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/dates.js';
import { scheduledRunId } from '../../shared/usecases/evaluation-run.js';
import { api, documentsRendered, eventually, partitionItems, scanItems, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

type Item = Record<string, unknown>;

interface Run {
  runId: string;
  month: string;
  status: 'running' | 'succeeded' | 'failed';
  evaluated: number;
  escalated: number;
  released: number;
  continued: number;
  proposed: number;
  progress: { casesDue: number | null; done: number };
  error: string | null;
}

interface Notice {
  id: string;
  type: 'inclusion' | 'release';
  number: string;
  issuedOn: string;
  receiptDueOn: string;
  documentSha256: string | null;
}

interface CaseView {
  id: string;
  status: string;
  level: number;
  notices: Notice[];
  cycles: Array<{ index: number; start: string; end: string; verdict: string | null; levelAfter: number | null }>;
  timeline: Array<{ seq: number; action: string; hash: string }>;
  timelineIntact: boolean;
}

interface Due {
  key: string;
  docType: string;
  reportDate?: string;
  dueAt: string;
  status: string;
}

interface UploadContext {
  today: string;
  unit: { role: string; creditCode: string };
  due: Due[];
  missing: Due[];
}

const MONTH = '2026-09';
const INSPECTED_ON = '2026-09-14';
const INCLUDED_ON = '2026-09-16';
const CYCLE_END = '2026-09-30';
const VERIFIED_ON = '2026-09-18';
/** The agency's own duty in the cycle (≥ 4 inspections, ≥ 1 joint): inspections without findings. */
const AGENCY_VISITS: Record<string, 'joint' | 'routine' | 'follow_up'> = {
  '2026-09-17': 'joint',
  '2026-09-22': 'routine',
  '2026-09-24': 'follow_up',
  '2026-09-29': 'routine',
};

const noon = (day: string) => `${day}T12:00:00+08:00`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A small well-formed PDF, different for every document (two patrols of a day are two documents). */
function pdf(text: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

let inspector: string;
let officer: string;

const project = projectBody();
const creditCodeOf = (role: string) => project.units.find((unit) => unit.role === role)?.creditCode as string;
let projectId: string;
let caseId: string;
let hazardIds: string[];
/** upload tokens by unit role */
const links = new Map<string, string>();

async function caseView(): Promise<CaseView> {
  const response = await api(`/v1/cases/${caseId}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as CaseView;
}

async function uploadContext(token: string): Promise<UploadContext> {
  const response = await api('/v1/uploads/context', { token });
  expect(response.status, response.text).toBe(200);
  return response.json as UploadContext;
}

/** Declare, POST the bytes to the presigned form as a browser would, then wait for the verifier's decision. */
async function upload(token: string, item: Due, label: string): Promise<void> {
  const bytes = pdf(label);
  const declared = await api('/v1/uploads', {
    method: 'POST',
    token,
    body: {
      docType: item.docType,
      fileName: `${item.docType}.pdf`,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha256(bytes),
      ...(item.reportDate ? { reportDate: item.reportDate } : {}),
    },
  });
  expect(declared.status, `declaring ${item.key}: ${declared.text}`).toBe(201);
  const { documentId, upload: form } = declared.json as {
    documentId: string;
    upload: { url: string; fields: Record<string, string> };
  };
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  data.append('file', new Blob([bytes], { type: 'application/pdf' }));
  const posted = await fetch(form.url, { method: 'POST', body: data });
  expect(posted.status, `uploading ${item.key}`).toBeLessThan(300);
  const verified = await eventually(
    async () => (await api(`/v1/uploads/${documentId}`, { token })).json as { status: string; reason: string | null },
    (document) => document.status !== 'pending',
    { what: `the verification of ${item.key}`, timeoutMs: 60_000 },
  );
  expect(verified, item.key).toMatchObject({ status: 'accepted', reason: null });
}

/** Poll a run until it has finished. */
function finished(runId: string): Promise<Run> {
  return eventually(
    async () => (await api(`/v1/evaluations/${runId}`, { token: officer })).json as Run,
    (run) => run.status !== 'running',
    { timeoutMs: 180_000, intervalMs: 250, what: `evaluation run ${runId}` },
  );
}

async function requestRun(): Promise<Run> {
  const started = await api('/v1/evaluations', { method: 'POST', token: officer, body: { month: MONTH } });
  expect(started.status, started.text).toBe(202);
  const { runId } = started.json as { runId: string };
  expect(started.headers.get('location')).toBe(`/v1/evaluations/${runId}`);
  return finished(runId);
}

/** The outbox items (events as committed, before relaying) about the case: exact, with no waiting. */
async function committedEventsOfCase(): Promise<Item[]> {
  const found = await scanItems(
    '#type = :outbox AND #detail.#data.caseId = :caseId',
    { '#type': 'type', '#detail': 'detail', '#data': 'data' },
    { ':outbox': 'outbox', ':caseId': caseId },
  );
  return found;
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

afterAll(async () => {
  await setClock(null);
});

describe('a case whose units meet every obligation of a cycle and whose hazards are all verified', () => {
  it('is included on 2026-09-16 with a first cycle to the end of September', async () => {
    await setClock(noon(INSPECTED_ON));
    const registered = await api('/v1/projects', { method: 'POST', token: inspector, body: project });
    expect(registered.status, registered.text).toBe(201);
    projectId = (registered.json as { id: string }).id;

    const inspection = await api(`/v1/projects/${projectId}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(project, INSPECTED_ON),
    });
    expect(inspection.status, inspection.text).toBe(201);
    const recorded = inspection.json as { caseId: string; hazardIds: string[] };
    caseId = recorded.caseId;
    hazardIds = recorded.hazardIds;
    expect(caseId).toMatch(/^cas_/);
    expect(hazardIds).toHaveLength(4);

    await setClock(`${INCLUDED_ON}T10:00:00+08:00`);
    const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
    expect(confirmed.status, confirmed.text).toBe(200);
    const included = confirmed.json as CaseView;
    expect(included).toMatchObject({ status: 'active', level: 0 });
    // 15 days remain in September counting the inclusion day: the first cycle keeps the month
    expect(included.cycles).toEqual([
      expect.objectContaining({ index: 1, start: INCLUDED_ON, end: CYCLE_END, verdict: null }),
    ]);
    expect(included.notices.map((notice) => notice.type)).toEqual(['inclusion']);

    for (const role of ['developer', 'general_contractor', 'supervisor', 'subcontractor']) {
      const link = await api(`/v1/cases/${caseId}/upload-links`, {
        method: 'POST',
        token: inspector,
        body: { unitCreditCode: creditCodeOf(role), validDays: 20 },
      });
      expect(link.status, link.text).toBe(201);
      links.set(role, (link.json as { token: string }).token);
    }
  });

  it('gets, day after day, everything each unit owes, and the hazards verified before their deadline', async () => {
    const delivered = new Map<string, number>();
    for (let day = INCLUDED_ON; day <= CYCLE_END; day = addDays(day, 1)) {
      await setClock(noon(day));
      const uploads: Array<Promise<void>> = [];
      for (const [role, token] of links) {
        const context = await uploadContext(token);
        expect(context.today).toBe(day);
        expect(context.missing, `${role} on ${day} has missed something`).toEqual([]);
        for (const item of context.due) {
          // the receipt is owed once, by any unit: the general contractor returns it, signed and stamped
          if (item.docType === 'notice_receipt' && role !== 'general_contractor') continue;
          delivered.set(item.docType, (delivered.get(item.docType) ?? 0) + 1);
          uploads.push(upload(token, item, `${role} ${item.key}`));
        }
      }
      if (AGENCY_VISITS[day]) {
        const visit = await api(`/v1/projects/${projectId}/inspections`, {
          method: 'POST',
          token: inspector,
          body: {
            ...failingInspection(project, day),
            kind: AGENCY_VISITS[day],
            findings: [],
            summary: '复查隐患整改及安全管理情况，未发现新问题',
          },
        });
        expect(visit.status, visit.text).toBe(201);
      }
      if (day === VERIFIED_ON) {
        for (const hazardId of hazardIds) {
          const verified = await api(`/v1/hazards/${hazardId}/verifications`, {
            method: 'POST',
            token: inspector,
            body: { result: 'accepted', date: day, note: '逐项复查，整改到位' },
          });
          expect(verified.status, verified.text).toBe(201);
        }
      }
      await Promise.all(uploads);
    }

    // what the context asked for, read from the calendar rather than hard-coded: 15 daily reports from the
    // inclusion day; patrols and follow-ups from the day after; the Fridays' weekly reports (09-25 is Mid-Autumn)
    expect(Object.fromEntries(delivered)).toMatchObject({
      notice_receipt: 1,
      daily_report: 15,
      patrol_record: 28,
      follow_up_report: 13,
      self_inspection: 2,
    });
    expect(delivered.get('weekly_report')).toBeGreaterThanOrEqual(2);

    await documentsRendered(projectId); // the notice's PDF, rendered after the commit by the document renderer
    const view = await caseView();
    expect(view.notices[0]?.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.timelineIntact).toBe(true);
    const items = await partitionItems(`PROJECT#${projectId}`, { skPrefix: 'HAZARD#' });
    expect(items.map((item) => item.status)).toEqual(hazardIds.map(() => 'accepted'));
  }, 300_000);

  let released: CaseView;
  let releaseNotice: Notice;
  let firstRun: Run;

  it('is released by the October evaluation with a numbered release notice', async () => {
    // Before 02:30: the scheduled run of the 1st has not fired yet, so the officer's run is the one that judges.
    await setClock('2026-10-01T02:00:00+08:00');
    firstRun = await requestRun();
    expect(firstRun.error).toBeNull();
    expect(firstRun).toMatchObject({ month: MONTH, status: 'succeeded' });
    expect(firstRun.evaluated).toBeGreaterThanOrEqual(1);
    expect(firstRun.released).toBeGreaterThanOrEqual(1);
    expect(firstRun.progress.done).toBe(firstRun.progress.casesDue);

    const [cycle] = await partitionItems(`PROJECT#${projectId}`, { skPrefix: `CASE#${caseId}#CYCLE#001` });
    expect(cycle, 'the cycle record of cycle 1').toBeDefined();
    expect(
      cycle?.verdict,
      `verdict of cycle 1; reasons: ${JSON.stringify(cycle?.reasons)}; hazards: ${JSON.stringify(cycle?.hazards)}; ` +
        `compliance: ${JSON.stringify((cycle?.compliance as { overall?: unknown } | undefined)?.overall)}`,
    ).toBe('release');
    expect(cycle).toMatchObject({
      index: 1,
      start: INCLUDED_ON,
      end: CYCLE_END,
      levelBefore: 0,
      levelAfter: 0,
      runId: firstRun.runId,
      evaluatedOn: '2026-10-01',
      hazards: { open: 0, overdue: 0 },
      compliance: { overall: { ratio: 1, missing: 0, late: 0 } },
      inspections: [{ month: MONTH, total: 4, joint: 1, agencyShortfall: false }],
    });

    // the release notice's PDF is the document renderer's, after the evaluation's commit
    await documentsRendered(projectId);
    released = await caseView();
    expect(released).toMatchObject({ status: 'released', level: 0, timelineIntact: true });
    // the case view shows the judged cycle (SPEC §4: cycle {index, start, end, verdict, levelAfter, evaluatedAt})
    expect(released.cycles).toEqual([
      expect.objectContaining({ index: 1, start: INCLUDED_ON, end: CYCLE_END, verdict: 'release', levelAfter: 0 }),
    ]);
    expect(released.notices.map((notice) => notice.type)).toEqual(['inclusion', 'release']);
    releaseNotice = released.notices[1] as Notice;
    expect(releaseNotice.number).toMatch(/^通住建差监解〔2026〕\d+号$/);
    expect(releaseNotice.issuedOn).toBe('2026-10-01');
    expect(releaseNotice.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(released.timeline.slice(-2).map((entry) => entry.action)).toEqual(['cycle_evaluated', 'notice_issued']);

    const document = await api(`/v1/notices/${releaseNotice.id}/document`, { token: inspector });
    expect(document.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(document.headers.get('location') as string)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(releaseNotice.documentSha256);
    const file = join(mkdtempSync(join(tmpdir(), 'release-notice-')), 'notice.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('差别化监管解除告知单');
    expect(text).toContain(releaseNotice.number);
    expect(text).toContain(project.name);

    const caseJournal = await eventually(
      () => partitionItems(`JOURNAL#${caseId}`),
      (entries) => entries.some((entry) => entry.eventType === 'CaseReleased'),
      { what: `CaseReleased in the journal of ${caseId}` },
    );
    expect(caseJournal.find((entry) => entry.eventType === 'CaseReleased')?.data).toMatchObject({
      caseId,
      noticeId: releaseNotice.id,
      releasedOn: '2026-10-01',
    });
    expect(caseJournal.find((entry) => entry.eventType === 'CycleEvaluated')?.data).toMatchObject({
      verdict: 'release',
      levelAfter: 0,
    });
    // NoticeIssued is about the notice: it lands in the notice's journal
    const noticeJournal = await eventually(
      () => partitionItems(`JOURNAL#${releaseNotice.id}`),
      (entries) => entries.some((entry) => entry.eventType === 'NoticeIssued'),
      { what: `NoticeIssued in the journal of ${releaseNotice.id}` },
    );
    expect(noticeJournal.find((entry) => entry.eventType === 'NoticeIssued')?.data).toMatchObject({
      caseId,
      type: 'release',
      number: releaseNotice.number,
    });

    const stats = await api(`/v1/stats?month=${MONTH}`, { token: officer });
    expect(stats.status, stats.text).toBe(200);
    const figures = stats.json as {
      casesByLevel: Record<string, number>;
      agencyInspections: {
        target: { perMonth: number; joint: number };
        perCase: Array<{ caseId: string; inspections: number; joint: number; meetsTarget: boolean }>;
      };
    };
    expect(Object.keys(figures.casesByLevel).sort()).toEqual(['0', '1', '2', '3']);
    expect(figures.casesByLevel['0']).toBeGreaterThanOrEqual(1);
    expect(figures.agencyInspections.target).toEqual({ perMonth: 4, joint: 1 });
    // the month counts every inspection of September: the failing one of 09-14 and the four of the cycle
    expect(figures.agencyInspections.perCase.find((entry) => entry.caseId === caseId)).toMatchObject({
      inspections: 5,
      joint: 1,
      meetsTarget: true,
    });
  }, 240_000);

  it('is left alone by the scheduled run of 02:30 and by a second run of the month', async () => {
    const partitionBefore = await partitionItems(`PROJECT#${projectId}`);
    const eventsBefore = await committedEventsOfCase();

    // 03:00: the schedule fired on the way (02:30 on the 1st); wait for its run, which has nothing left to do. The
    // run of an occurrence has an id derived from it (a retried occurrence continues it): another suite that moved
    // the clock past the same occurrence may have run it already
    await setClock('2026-10-01T03:00:00+08:00');
    const scheduled = scheduledRunId(MONTH, new Date('2026-10-01T02:30:00+08:00'));
    await eventually(
      async () => (await api(`/v1/evaluations/${scheduled}`, { token: officer })).json as { status?: string },
      (run) => run.status === 'succeeded',
      { timeoutMs: 180_000, intervalMs: 250, what: 'the scheduled run of 2026-10-01 02:30' },
    );

    const again = await requestRun();
    expect(again).toMatchObject({ status: 'succeeded', evaluated: 0, released: 0, escalated: 0, continued: 0 });
    expect(again.runId).not.toBe(firstRun.runId);

    const view = await caseView();
    expect(view.notices.map((notice) => notice.number)).toEqual(released.notices.map((notice) => notice.number));
    expect(view.timeline).toEqual(released.timeline);
    expect(await partitionItems(`PROJECT#${projectId}`)).toEqual(partitionBefore);
    expect(await committedEventsOfCase()).toEqual(eventsBefore);
  }, 300_000);
});
