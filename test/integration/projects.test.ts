import { beforeAll, describe, expect, it } from 'vitest';
import { api, countItems, journalOf, tokenFor } from './support/api.js';
import { contractorOf, projectBody } from './support/fixtures.js';

let inspector: string;
let officer: string;

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  officer = await tokenFor('officer');
});

describe('POST /v1/projects and GET /v1/projects/{id}', () => {
  it('registers a project and reads it back with no hazards and no case', async () => {
    const body = projectBody();
    const created = await api('/v1/projects', { method: 'POST', token: inspector, body });
    expect(created.status).toBe(201);
    const project = created.json as { id: string };
    expect(project.id).toMatch(/^prj_[0-9A-Z]{26}$/);
    expect(created.headers.get('location')).toBe(`/v1/projects/${project.id}`);

    const read = await api(`/v1/projects/${project.id}`, { token: officer });
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ ...body, id: project.id, openHazards: [], case: null, inspections: [] });
  });

  it('lists the inspections of the project, newest first, with their inspectors and findings', async () => {
    const body = projectBody();
    const created = await api('/v1/projects', { method: 'POST', token: inspector, body });
    const project = created.json as { id: string };
    const contractor = contractorOf(body);
    const record = (date: string, findings: unknown[]) =>
      api(`/v1/projects/${project.id}/inspections`, {
        method: 'POST',
        token: inspector,
        body: {
          date,
          kind: 'routine',
          inspectors: ['王检查', '李检查'],
          keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
          findings,
          summary: '例行检查',
        },
      });
    const earlier = await record('2026-09-01', []);
    const later = await record('2026-09-10', [
      {
        kind: 'hazard',
        category: 'scaffolding',
        severity: 'general',
        unitCreditCode: contractor,
        description: '脚手架剪刀撑缺失',
        deadline: '2026-09-17',
      },
    ]);
    expect([earlier.status, later.status]).toEqual([201, 201]);
    const read = await api(`/v1/projects/${project.id}`, { token: inspector });
    expect((read.json as { inspections: unknown[] }).inspections).toEqual([
      {
        id: (later.json as { inspectionId: string }).inspectionId,
        date: '2026-09-10',
        kind: 'routine',
        inspectors: ['王检查', '李检查'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: 1,
        measures: [],
      },
      {
        id: (earlier.json as { inspectionId: string }).inspectionId,
        date: '2026-09-01',
        kind: 'routine',
        inspectors: ['王检查', '李检查'],
        keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
        findings: 0,
        measures: [],
      },
    ]);
  });

  it('announces ProjectRegistered through the outbox, the stream relay and the bus to the journal', async () => {
    const created = await api('/v1/projects', { method: 'POST', token: inspector, body: projectBody() });
    const { id } = created.json as { id: string };
    const journal = await journalOf(id, { atLeast: 1 });
    expect(journal.map((entry) => entry.eventType)).toEqual(['ProjectRegistered']);
    expect(journal[0]?.data).toMatchObject({ projectId: id });
  });

  it('answers 401 without a token and 401 with a forged one', async () => {
    const none = await api('/v1/projects', { method: 'POST', body: projectBody() });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const forged = await api('/v1/projects', {
      method: 'POST',
      token: `${inspector.slice(0, -4)}AAAA`,
      body: projectBody(),
    });
    expect(forged.status).toBe(401);
  });

  it('answers 403 problem+json when the role is not enough', async () => {
    const response = await api('/v1/evaluations', { method: 'POST', token: inspector, body: { month: '2026-10' } });
    expect(response.status).toBe(403);
    expect((response.json as { detail: string }).detail).toContain('officer');
  });

  it.each([
    [
      'a wrong check character',
      (b: ReturnType<typeof projectBody>) => ({
        ...b,
        units: b.units.map((u, i) =>
          i === 1 ? { ...u, creditCode: `${u.creditCode.slice(0, 17)}${u.creditCode.endsWith('0') ? '1' : '0'}` } : u,
        ),
      }),
      'units[1].creditCode',
    ],
    [
      'no supervising firm',
      (b: ReturnType<typeof projectBody>) => ({ ...b, units: b.units.filter((u) => u.role !== 'supervisor') }),
      'units',
    ],
    ['an unknown category', (b: ReturnType<typeof projectBody>) => ({ ...b, category: 'bridge' }), 'category'],
    ['a missing name', (b: ReturnType<typeof projectBody>) => ({ ...b, name: undefined }), 'name'],
    [
      'a key person of no unit',
      (b: ReturnType<typeof projectBody>) => ({
        ...b,
        persons: [{ role: 'project_manager', name: '张三', unitCreditCode: '91110000802100433B' }],
      }),
      'persons[0].unitCreditCode',
    ],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_name, mutate, field) => {
    const before = await countItems('project');
    const response = await api('/v1/projects', { method: 'POST', token: inspector, body: mutate(projectBody()) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = response.json as {
      type: string;
      title: string;
      detail: string;
      errors: Array<{ field: string; message: string }>;
    };
    expect(problem.errors.map((error) => error.field)).toContain(field);
    expect(problem.detail).toContain(field);
    expect(await countItems('project')).toBe(before);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await api('/v1/projects', {
      method: 'POST',
      token: inspector,
      rawBody: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect((response.json as { title: string }).title).toMatch(/JSON/);
  });

  it('replays a retried registration with the same Idempotency-Key and registers once', async () => {
    const body = projectBody();
    const headers = { 'idempotency-key': `register-${body.units[0]?.creditCode}` };
    const [first, second] = await Promise.all([
      api('/v1/projects', { method: 'POST', token: inspector, body, headers }),
      api('/v1/projects', { method: 'POST', token: inspector, body, headers }),
    ]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect((second.json as { id: string }).id).toBe((first.json as { id: string }).id);
    const third = await api('/v1/projects', { method: 'POST', token: inspector, body, headers });
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((third.json as { id: string }).id).toBe((first.json as { id: string }).id);
  });

  it('answers 404 problem+json for a project that does not exist and 400 for a malformed id', async () => {
    expect((await api('/v1/projects/prj_01JD5Z3X8K9Q2W4E6R7T8Y9V0P', { token: inspector })).status).toBe(404);
    expect((await api('/v1/projects/not-an-id', { token: inspector })).status).toBe(400);
  });
});
