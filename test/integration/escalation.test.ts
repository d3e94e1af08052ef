import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/escalation-measures/handler.js';
import { setClock as setWorkerClock } from '../../shared/clock.js';
import { addWorkingDays } from '../../shared/domain/calendar.js';
import { findPersonalData } from '../../shared/domain/masking.js';
import { measuresAdded } from '../../shared/domain/verdict.js';
import type { EventDetail } from '../../shared/events.js';
import { newId } from '../../shared/ids.js';
import type { CaseEscalatedData } from '../../shared/usecases/escalation.js';
import { api, documentsRendered, eventually, partitionItems, scanItems, setClock, tokenFor } from './support/api.js';
import { failingInspection, projectBody } from './support/fixtures.js';

type Item = Record<string, unknown>;

let inspector: string;
let officer: string;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
  await setClock('2026-09-10T10:00:00+08:00');
});

afterAll(async () => {
  await setClock(null);
  setWorkerClock(null);
});

/** The fixture project, with group companies: developer and contractor in one group, the supervisor in another. */
function projectWithGroups() {
  const body = projectBody();
  body.units = body.units.map((unit) => {
    if (unit.role === 'developer' || unit.role === 'general_contractor') {
      return { ...unit, groupCompany: '北京城建集团有限责任公司' };
    }
    // a subcontractor is not one of the three main units (参建三方): its group gets no order
    return { ...unit, groupCompany: unit.role === 'supervisor' ? '北京某监理集团有限公司' : '某劳务集团有限公司' };
  });
  return body;
}

/** A project with an active case, through the API as an inspector and an officer would do it. */
async function activeCase() {
  const body = projectWithGroups();
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(registered.status).toBe(201);
  const projectId = (registered.json as { id: string }).id;
  const inspection = await api(`/v1/projects/${projectId}/inspections`, {
    method: 'POST',
    token: inspector,
    body: failingInspection(body),
  });
  expect(inspection.status).toBe(201);
  const caseId = (inspection.json as { caseId: string }).caseId;
  const confirmed = await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} });
  expect(confirmed.status).toBe(200);
  return { body, projectId, caseId };
}

/** `CaseEscalated` as EventBridge delivers it to the rule's target. */
function escalated(
  ids: { projectId: string; caseId: string },
  step: { level: number; levelBefore: number; cycleIndex: number; month: string; evaluatedOn: string },
): EventBridgeEvent<'CaseEscalated', EventDetail<CaseEscalatedData>> {
  const eventId = newId('evt');
  return {
    id: crypto.randomUUID(),
    version: '0',
    account: '000000000000',
    time: `${step.evaluatedOn}T02:30:00+08:00`,
    region: 'cn-north-1',
    resources: [],
    source: 'supervision',
    'detail-type': 'CaseEscalated',
    detail: {
      eventId,
      occurredAt: `${step.evaluatedOn}T02:30:00+08:00`,
      subjectId: ids.caseId,
      data: {
        caseId: ids.caseId,
        projectId: ids.projectId,
        ...step,
        conditionsMet: ['C1', 'C4'],
        reasons: [
          '周期内仍具备差别化监管条件（1）：检查发现安全管理机构不健全，项目经理张三未到岗（电话13912345678）',
          '1项隐患逾期未整改闭合',
        ],
        measures: measuresAdded(step.levelBefore, step.level),
      },
    },
  };
}

/** The outbox items of one event type about a case (exact: what was committed, not yet what was relayed). */
async function outboxOf(detailType: string, caseId: string): Promise<Item[]> {
  const found = await scanItems(
    '#type = :outbox AND detailType = :detailType AND #detail.#data.caseId = :caseId',
    { '#type': 'type', '#detail': 'detail', '#data': 'data' },
    { ':outbox': 'outbox', ':detailType': detailType, ':caseId': caseId },
  );
  return found;
}

describe('the escalation ladder (escalation-measures)', () => {
  it('records each level once under duplicate and out-of-order delivery, and drafts one masked circular', async () => {
    const ids = await activeCase();
    const level1 = escalated(ids, {
      level: 1,
      levelBefore: 0,
      cycleIndex: 1,
      month: '2026-09',
      evaluatedOn: '2026-10-01',
    });
    const level2 = escalated(ids, {
      level: 2,
      levelBefore: 1,
      cycleIndex: 2,
      month: '2026-10',
      evaluatedOn: '2026-11-01',
    });
    const level3 = escalated(ids, {
      level: 3,
      levelBefore: 2,
      cycleIndex: 3,
      month: '2026-11',
      evaluatedOn: '2026-12-01',
    });

    // level 1, delivered twice, then the same level through another event id
    setWorkerClock(new Date('2026-10-01T02:31:00+08:00'));
    expect(await handler(level1)).toMatchObject({
      outcome: 'recorded',
      measures: [{ level: 1, code: 'resident_supervision' }],
    });
    expect(await handler(level1)).toMatchObject({ outcome: 'duplicate-event', measures: [] });
    const other1 = escalated(ids, {
      level: 1,
      levelBefore: 0,
      cycleIndex: 1,
      month: '2026-09',
      evaluatedOn: '2026-10-01',
    });
    expect(await handler(other1)).toMatchObject({ outcome: 'already-recorded' });

    // level 3 overtakes level 2, and its two deliveries race each other
    setWorkerClock(new Date('2026-12-01T02:31:00+08:00'));
    const raced = await Promise.all([handler(level3), handler(level3)]);
    expect(raced.map((result) => result.outcome).sort()).toEqual(['duplicate-event', 'recorded']);
    const drafted = raced.find((result) => result.outcome === 'recorded')?.circular;
    expect(drafted?.number).toBeNull(); // numbered when published (SPEC §2.2)
    expect(await handler(level3)).toMatchObject({ outcome: 'duplicate-event' });

    // level 2 arrives late, twice
    setWorkerClock(new Date('2026-12-01T03:05:00+08:00'));
    expect(await handler(level2)).toMatchObject({ outcome: 'recorded', groupOrders: 2, circular: null });
    expect(await handler(level2)).toMatchObject({ outcome: 'duplicate-event' });

    // a further failed cycle at level 3 keeps level 3: nothing new (the documents issued so far rendered first)
    const before = await documentsRendered(ids.projectId);
    const again3 = escalated(ids, {
      level: 3,
      levelBefore: 3,
      cycleIndex: 4,
      month: '2026-12',
      evaluatedOn: '2027-01-01',
    });
    expect(await handler(again3)).toMatchObject({ outcome: 'no-new-measures' });
    expect(await handler(level1)).toMatchObject({ outcome: 'duplicate-event' });
    expect(await partitionItems(`PROJECT#${ids.projectId}`)).toEqual(before);

    const items = before;
    const ofType = (type: string) => items.filter((item) => item.type === type && item.caseId === ids.caseId);
    const measures = ofType('measure');
    const codesAt = (level: number) =>
      measures
        .filter((m) => m.level === level)
        .map((m) => m.code)
        .sort();
    expect(codesAt(1)).toEqual(['resident_supervision']);
    expect(codesAt(2)).toEqual(
      measuresAdded(1, 2)
        .map((m) => m.code)
        .sort(),
    );
    expect(codesAt(3)).toEqual(
      measuresAdded(2, 3)
        .map((m) => m.code)
        .sort(),
    );
    expect(measures).toHaveLength(8);
    const resident = measures.find((m) => m.code === 'resident_supervision');
    expect(resident).toMatchObject({
      type: 'measure',
      caseId: ids.caseId,
      projectId: ids.projectId,
      level: 1,
      name: '驻场监督',
      startedOn: '2026-10-01',
      eventId: level1.detail.eventId,
    });
    expect(measures.find((m) => m.code === 'heavy_penalty')).toMatchObject({
      recommended: true,
      conditionsMet: ['C1', 'C4'],
    });
    expect(measures.find((m) => m.code === 'group_report')).toMatchObject({
      groupReportDueOn: addWorkingDays('2026-11-01', 10).dueOn,
    });

    // one order per group company of the three main units, naming its units by name and credit code
    const orders = ofType('group-order');
    expect(orders.map((order) => order.groupCompany).sort()).toEqual([
      '北京城建集团有限责任公司',
      '北京某监理集团有限公司',
    ]);
    const cityGroup = orders.find((order) => order.groupCompany === '北京城建集团有限责任公司');
    const unit = (role: string) => ids.body.units.find((u) => u.role === role);
    expect(cityGroup?.units).toEqual(
      ['developer', 'general_contractor'].map((role) => ({
        role,
        name: unit(role)?.name,
        creditCode: unit(role)?.creditCode,
      })),
    );

    // exactly one circular: a draft (no number until published), masked
    const circulars = ofType('circular');
    expect(circulars).toHaveLength(1);
    const circular = circulars[0] as Item;
    expect(circular).toMatchObject({
      id: drafted?.id,
      number: null,
      sequence: null,
      status: 'draft',
      title: `关于对${ids.body.name}安全生产管理问题的通报`,
      conditionsMet: ['C1', 'C4'],
      draftedOn: '2026-12-01',
      statementWindowEndsOn: addWorkingDays('2026-12-01', 5).dueOn,
      statements: [],
      publishedOn: null,
      validUntil: null,
      gsi1pk: 'CIRCULARS#draft',
    });
    expect(String(circular.gsi1sk)).toBe(`${circular.draftedAt}#${circular.id}`);
    expect(circular.units).toEqual(
      ids.body.units.map((u) => ({ role: u.role, name: u.name, creditCode: u.creditCode })),
    );
    const published = JSON.stringify(circular);
    for (const name of ['张三', '李四', '王五', '赵六', '13912345678']) expect(published).not.toContain(name);
    expect(findPersonalData(String(circular.body))).toEqual([]);
    expect(circular.body).toContain('项目经理：张*；总监理工程师：李*');
    expect(circular.body).toContain('项目经理张*未到岗');
    expect(circular.measures).toContainEqual({
      level: 1,
      code: 'resident_supervision',
      name: '驻场监督',
      startedOn: '2026-10-01',
    });
    const reference = await partitionItems(`REF#${circular.id}`);
    expect(reference).toMatchObject([{ projectId: ids.projectId, caseId: ids.caseId, recordType: 'circular' }]);

    // the events: committed once each, and relayed to the journal
    expect(await outboxOf('CircularDrafted', ids.caseId)).toHaveLength(1);
    expect(await outboxOf('MunicipalReportRequested', ids.caseId)).toHaveLength(1);
    const circularJournal = await eventually(
      () => partitionItems(`JOURNAL#${circular.id}`),
      (entries) => entries.some((entry) => entry.eventType === 'CircularDrafted'),
      { what: 'CircularDrafted in the journal' },
    );
    expect(circularJournal.filter((entry) => entry.eventType === 'CircularDrafted')).toHaveLength(1);
    const caseJournal = await eventually(
      () => partitionItems(`JOURNAL#${ids.caseId}`),
      (entries) => entries.some((entry) => entry.eventType === 'MunicipalReportRequested'),
      { what: 'MunicipalReportRequested in the journal' },
    );
    const reports = caseJournal.filter((entry) => entry.eventType === 'MunicipalReportRequested');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.data).toMatchObject({
      caseId: ids.caseId,
      projectId: ids.projectId,
      recipient: '北京市住房和城乡建设委员会',
      conditionsMet: ['C1', 'C4'],
      circularId: circular.id,
      circularNumber: null,
    });
    expect(JSON.stringify(reports[0]?.data)).not.toContain('张三');

    // the timeline: one entry per measure and one for the group orders, the chain intact
    const view = await api(`/v1/cases/${ids.caseId}`, { token: inspector });
    expect(view.status).toBe(200);
    const caseView = view.json as { timelineIntact: boolean; timeline: Array<{ action: string; actor: string }> };
    expect(caseView.timelineIntact).toBe(true);
    const ours = caseView.timeline.filter((entry) => entry.actor === 'system:escalation-measures');
    expect(ours.filter((entry) => entry.action === 'measure_started')).toHaveLength(8);
    expect(ours.filter((entry) => entry.action === 'group_orders_issued')).toHaveLength(1);
  }, 180_000); // after the fuller suites the bus carries their backlog: this test waits on several consumers

  it('drafts a circular for each of two cases escalated to level 3 at once, neither numbered yet', async () => {
    const [a, b] = [await activeCase(), await activeCase()];
    // a year of its own: no other test publishes in 2039, so its counter must stay untouched by drafts
    setWorkerClock(new Date('2039-12-01T02:40:00+08:00'));
    const results = await Promise.all(
      [a, b].map((ids) =>
        handler(
          escalated(ids, { level: 3, levelBefore: 2, cycleIndex: 3, month: '2039-11', evaluatedOn: '2039-12-01' }),
        ),
      ),
    );
    expect(results.map((result) => result.outcome)).toEqual(['recorded', 'recorded']);
    // SPEC §2.2: a circular takes its number when it is published, so an abandoned draft leaves no gap
    expect(results.map((result) => result.circular?.number)).toEqual([null, null]);
    expect(await partitionItems('COUNTER#notice#circular#2039')).toEqual([]);
  });

  it('refuses an escalation of a case that was never included (it goes to the DLQ)', async () => {
    const body = projectWithGroups();
    const projectId = ((await api('/v1/projects', { method: 'POST', token: inspector, body })).json as { id: string })
      .id;
    const { caseId } = (
      await api(`/v1/projects/${projectId}/inspections`, {
        method: 'POST',
        token: inspector,
        body: failingInspection(body),
      })
    ).json as { caseId: string };
    const event = escalated(
      { projectId, caseId },
      { level: 1, levelBefore: 0, cycleIndex: 1, month: '2026-09', evaluatedOn: '2026-10-01' },
    );
    await expect(handler(event)).rejects.toThrow(/never included/);
    expect((await partitionItems(`PROJECT#${projectId}`)).filter((item) => item.type === 'measure')).toEqual([]);
  });
});
