/**
 * `GET /v1/projects?q=&district=&creditCode=` as a regulator uses it: a fragment of the name typed any way, a
 * district, a unit's credit code; newest first, page by page; each project with its general contractor and
 * whether it is under supervision. And the bounded sweep behind a name search: a request that reads its budget
 * without filling the page answers what it found and a token to go on.
 */
import { randomUUID } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../shared/domain/project-identity.js';
import { keys, listings } from '../../shared/store/keys.js';
import { listingPage } from '../../shared/store/listing.js';
import { backfillProjectDirectory, guardKeys } from '../../shared/usecases/project-directory.js';
import { api, partitionItems, setClock, table, tokenFor } from './support/api.js';
import { contractorOf, creditCode, failingInspection, projectBody } from './support/fixtures.js';

interface Summary {
  id: string;
  name: string;
  district: string;
  category: string;
  phase: string;
  permitNo: string | null;
  generalContractor: { name: string; creditCode: string } | null;
  unitRole?: string;
  case: { id: string; status: string; level: number } | null;
  underSupervision: boolean;
}
interface Page {
  items: Summary[];
  nextToken: string | null;
}

let inspector: string;
/** a district and a word of this run only, so other files' projects never show up */
const district = `测试${randomUUID().slice(0, 8)}区`;
const tag = `检${randomUUID().slice(0, 6)}`;
const sharedSubcontractor = creditCode();
const projects: Array<{ id: string; body: ReturnType<typeof projectBody> }> = [];

async function register(name: string, withSubcontractor: boolean) {
  const body = projectBody({ name, district });
  if (withSubcontractor) {
    body.units = body.units.map((unit) =>
      unit.role === 'subcontractor' ? { ...unit, creditCode: sharedSubcontractor } : unit,
    );
  }
  const response = await api('/v1/projects', { method: 'POST', token: inspector, body });
  expect(response.status, response.text).toBe(201);
  projects.push({ id: (response.json as { id: string }).id, body });
}

async function search(query: Record<string, string>): Promise<Page> {
  const response = await api(`/v1/projects?${new URLSearchParams(query)}`, { token: inspector });
  expect(response.status, response.text).toBe(200);
  return response.json as Page;
}

/** Every page of a search, followed to the end. */
async function searchAll(query: Record<string, string>): Promise<Summary[]> {
  const all: Summary[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page = await search({ ...query, ...(nextToken ? { nextToken } : {}) });
    all.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

const names = (items: Summary[]) => items.map((item) => item.name);

beforeAll(async () => {
  inspector = await tokenFor('inspector');
  await setClock('2026-09-10T10:00:00+08:00');
  // registered in this order: the newest (last) is listed first
  await register(`通州区运河商务区3号地块办公楼项目（${tag}）`, true);
  await register(`通州区运河商务区5号地块住宅项目（${tag}）`, false);
  await register(`城市副中心站综合交通枢纽工程（${tag}）`, true);
});

afterAll(async () => {
  await setClock(null);
});

describe('searching projects by name', () => {
  it('finds a project by a fragment of its name, typed with full-width digits and spaces', async () => {
    // “３号” (full-width) and “地块” apart: a fragment of one digit alone would also match the run's tag
    const found = await searchAll({ q: `３号　地块 ${tag}` });
    expect(names(found)).toEqual([projects[0]?.body.name]);
  });

  it('needs every fragment, and lists the matches newest first', async () => {
    expect(names(await searchAll({ q: `运河商务区 ${tag}` }))).toEqual([
      projects[1]?.body.name,
      projects[0]?.body.name,
    ]);
    expect(await searchAll({ q: `运河商务区 枢纽 ${tag}` })).toEqual([]);
  });

  it('shows each project with its category, phase, general contractor and no case', async () => {
    const [found] = await searchAll({ q: `枢纽 ${tag}` });
    const body = projects[2]?.body as ReturnType<typeof projectBody>;
    const contractor = body.units.find((unit) => unit.role === 'general_contractor');
    expect(found).toEqual({
      id: projects[2]?.id,
      name: body.name,
      district,
      category: 'building',
      phase: 'structure',
      permitNo: null,
      generalContractor: { name: contractor?.name, creditCode: contractor?.creditCode },
      case: null,
      underSupervision: false,
      registeredAt: expect.stringMatching(/^2026-09-10T10:00:00\+08:00$/),
    });
  });
});

describe('searching projects by district', () => {
  it("lists the district's projects newest first, page by page, each once", async () => {
    const first = await search({ district, limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextToken).toEqual(expect.any(String));
    const all = await searchAll({ district, limit: '1' });
    expect(all.map((item) => item.id)).toEqual([...projects].reverse().map((project) => project.id));
    expect(names(await searchAll({ district: ` ${district} ` }))).toHaveLength(3);
  });

  it("narrows a district's projects by name, and finds nothing in another district", async () => {
    expect(names(await searchAll({ district, q: '住宅' }))).toEqual([projects[1]?.body.name]);
    expect(await searchAll({ district: `${district}外`, q: tag })).toEqual([]);
  });
});

describe("searching projects by a unit's credit code", () => {
  it('finds every project the unit takes part in, with its role there', async () => {
    const found = await searchAll({ creditCode: sharedSubcontractor });
    expect(found.map((item) => item.id)).toEqual([projects[2]?.id, projects[0]?.id]);
    expect(found.every((item) => item.unitRole === 'subcontractor')).toBe(true);
    const contractor = contractorOf(projects[1]?.body as ReturnType<typeof projectBody>);
    const asContractor = await searchAll({ creditCode: contractor.toLowerCase() });
    expect(asContractor.map((item) => [item.id, item.unitRole])).toEqual([[projects[1]?.id, 'general_contractor']]);
  });

  it('narrows them by name and by district', async () => {
    expect(names(await searchAll({ creditCode: sharedSubcontractor, q: '运河' }))).toEqual([projects[0]?.body.name]);
    expect(await searchAll({ creditCode: sharedSubcontractor, district: '朝阳区' })).toEqual([]);
    expect(await searchAll({ creditCode: sharedSubcontractor, district })).toHaveLength(2);
  });
});

describe('whether a found project is under supervision', () => {
  it('shows the proposed case, then the active one', async () => {
    const officer = await tokenFor('officer');
    const project = projects[0] as (typeof projects)[number];
    const inspection = await api(`/v1/projects/${project.id}/inspections`, {
      method: 'POST',
      token: inspector,
      body: failingInspection(project.body),
    });
    const caseId = (inspection.json as { caseId: string }).caseId;
    const [proposed] = await searchAll({ q: `3号地块 ${tag}` });
    expect(proposed).toMatchObject({ case: { id: caseId, status: 'proposed', level: 0 }, underSupervision: false });
    expect((await api(`/v1/cases/${caseId}/confirm`, { method: 'POST', token: officer, body: {} })).status).toBe(200);
    const [active] = await searchAll({ q: `3号地块 ${tag}` });
    expect(active).toMatchObject({ case: { id: caseId, status: 'active', level: 0 }, underSupervision: true });
  });
});

describe('what a search refuses', () => {
  it.each([
    ['a name of punctuation alone', { q: '，。' }, 'q'],
    ['a credit code with a wrong check character', { creditCode: '91110000802100433A' }, 'creditCode'],
    ['a token no listing handed out', { nextToken: 'bm90IGEgdG9rZW4' }, 'nextToken'],
    ['a page of 1,000', { limit: '1000' }, 'limit'],
  ])('refuses %s with a 400 naming the field', async (_what, query, field) => {
    const response = await api(`/v1/projects?${new URLSearchParams(query)}`, { token: inspector });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((response.json as { errors: Array<{ field: string }> }).errors.map((error) => error.field)).toContain(field);
  });
});

describe('the bounded sweep behind a name search', () => {
  it('stops at its budget with what it found and a token that goes on from there', async () => {
    // the oldest of the district's three is the only match: with one entry read a request, it takes three requests
    const filter = {
      expression: 'contains(#nameKey, :term)',
      names: { '#nameKey': 'nameKey' },
      values: { ':term': nameKey('3号地块') },
    };
    const partition = listings.projectDirectoryOfDistrict(nameKey(district));
    const pages: Array<{ items: string[]; nextToken: string | null }> = [];
    let nextToken: string | undefined;
    do {
      const page = await listingPage(
        [partition],
        { limit: 10, nextToken, filter, scan: { pageSize: 1, maxPages: 1 } },
        (item) => String(item.projectId),
      );
      pages.push(page);
      nextToken = page.nextToken ?? undefined;
    } while (nextToken && pages.length < 10);
    expect(pages.map((page) => page.items)).toEqual([[], [], [projects[0]?.id], []].slice(0, pages.length));
    expect(pages.flatMap((page) => page.items)).toEqual([projects[0]?.id]);
    expect(pages.at(-1)?.nextToken).toBeNull();
  });
});

describe('a project registered before the directory existed', () => {
  /** Take away what registration now writes besides the project, as it was before the directory. */
  async function asBeforeTheDirectory(project: { id: string; body: ReturnType<typeof projectBody> }) {
    const send = (command: DeleteCommand | UpdateCommand) => table.client.send(command);
    for (const listing of ['all', 'district', 'register'] as const) {
      await send(new DeleteCommand({ TableName: table.name, Key: keys.projectDirectoryEntry(project.id, listing) }));
    }
    const contractor = contractorOf(project.body);
    await send(new DeleteCommand({ TableName: table.name, Key: guardKeys.name(contractor, project.body.name) }));
    for (const unit of project.body.units) {
      await send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.unitProject(unit.creditCode, project.id),
          UpdateExpression: 'REMOVE gsi1pk, gsi1sk, nameKey, districtKey',
        }),
      );
    }
  }

  it('is found again once backfilled, and a second run writes nothing', async () => {
    const name = `旧项目${randomUUID().slice(0, 6)}`;
    const body = projectBody({ name, district });
    const created = await api('/v1/projects', { method: 'POST', token: inspector, body });
    const project = { id: (created.json as { id: string }).id, body };
    const complete = await partitionItems(`DIRECTORY#${project.id}`);
    // the two search listings and the register the enforcement statistics count from
    expect(complete).toHaveLength(3);
    await asBeforeTheDirectory(project);
    expect(await searchAll({ q: name })).toEqual([]);
    expect(await searchAll({ creditCode: contractorOf(body), district })).toEqual([]);

    const first = await backfillProjectDirectory(project.id);
    expect(first).toMatchObject({ projectId: project.id, duplicateOf: [] });
    expect(first.written).toBe(3 + body.units.length + 1);
    expect((await searchAll({ q: name })).map((item) => item.id)).toEqual([project.id]);
    expect((await searchAll({ creditCode: contractorOf(body), district })).map((item) => item.id)).toEqual([
      project.id,
    ]);
    expect(await partitionItems(`DIRECTORY#${project.id}`)).toEqual(complete);
    expect(await backfillProjectDirectory(project.id)).toEqual({ projectId: project.id, written: 0, duplicateOf: [] });
  });

  it('reports a project registered twice before the rule, and leaves the guard with the other', async () => {
    const body = projectBody({ name: `重复${randomUUID().slice(0, 6)}`, district });
    const older = (await api('/v1/projects', { method: 'POST', token: inspector, body })).json as { id: string };
    await asBeforeTheDirectory({ id: older.id, body });
    // with the older one's guard gone, the same project could be registered again, as it could before the rule
    const twice = projectBody({ name: body.name, district });
    twice.units = twice.units.map((unit) =>
      unit.role === 'general_contractor' ? { ...unit, creditCode: contractorOf(body) } : unit,
    );
    twice.persons = twice.persons.filter((person) => person.role !== 'project_manager');
    const newer = await api('/v1/projects', { method: 'POST', token: inspector, body: twice });
    expect(newer.status, newer.text).toBe(201);
    const outcome = await backfillProjectDirectory(older.id);
    expect(outcome.duplicateOf).toEqual([{ rule: 'duplicate-name', projectId: (newer.json as { id: string }).id }]);
  });
});
