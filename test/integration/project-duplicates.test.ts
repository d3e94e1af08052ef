/**
 * A project is registered once (SPEC §4): a second registration with the same construction permit number
 * (施工许可证编号), or with the same name and the same general contractor, is refused with a 409 naming the
 * existing project — however the number or the name is spelled — and writes nothing. Two registrations racing
 * cannot both win: the guards are conditional writes in the registration's own transaction.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, api, countItems, tokenFor } from './support/api.js';
import { contractorOf, projectBody } from './support/fixtures.js';

let inspector: string;

/** A permit number of this run only, in the national 18-digit form. */
const permitNo = () => `1101122026${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** What a registration writes (the whole table also holds the journal, which the event relay fills later). */
async function registrationItems(): Promise<number[]> {
  return Promise.all(['project', 'project-directory', 'unit-project', 'project-guard'].map((type) => countItems(type)));
}

function register(body: unknown, headers: Record<string, string> = {}) {
  return api('/v1/projects', { method: 'POST', token: inspector, body, headers });
}

interface Conflict {
  status: number;
  title: string;
  detail: string;
  existingProject: { id: string; name: string };
  errors: Array<{ field: string; message: string }>;
}

function expectRefusalNaming(response: ApiResponse, existing: { id: string; name: string }, field: string) {
  expect(response.status, response.text).toBe(409);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = response.json as Conflict;
  expect(problem.existingProject).toEqual(existing);
  expect(problem.detail).toContain(existing.id);
  expect(problem.detail).toMatch(/不能重复登记/);
  expect(problem.errors.map((error) => error.field)).toEqual([field]);
}

beforeAll(async () => {
  inspector = await tokenFor('inspector');
});

describe('a project registered twice', () => {
  it('is refused by its permit number, however it is spelled, naming the first; nothing is written', async () => {
    const number = permitNo();
    const first = projectBody({ permitNo: number });
    const created = await register(first);
    expect(created.status, created.text).toBe(201);
    const existing = { id: (created.json as { id: string }).id, name: first.name };
    expect((await api(`/v1/projects/${existing.id}`, { token: inspector })).json).toMatchObject({ permitNo: number });

    const before = await registrationItems();
    // another name, other units: only the permit number is the same, written with spaces and full-width digits
    const spelled = `${number.slice(0, 6)} ${number.slice(6).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
    const again = await register(projectBody({ permitNo: spelled }));
    expectRefusalNaming(again, existing, 'permitNo');
    expect(await registrationItems()).toEqual(before);
  });

  it('is refused by its name and general contractor, however the name is spaced; nothing is written', async () => {
    const first = projectBody();
    const created = await register(first);
    expect(created.status, created.text).toBe(201);
    const existing = { id: (created.json as { id: string }).id, name: first.name };

    const before = await registrationItems();
    const second = sameNameAndContractor(first);
    second.name = ` ${first.name.replace(/ /g, '')}  `;
    expectRefusalNaming(await register(second), existing, 'name');
    expect(await registrationItems()).toEqual(before);
  });

  it('is not refused for the same name under another general contractor, nor another name of the same one', async () => {
    const first = projectBody();
    expect((await register(first)).status).toBe(201);
    expect((await register(projectBody({ name: first.name }))).status).toBe(201);
    const sameContractor = projectBody({ name: `${first.name}（二期）` });
    sameContractor.units = sameContractor.units.map((unit) =>
      unit.role === 'general_contractor' ? { ...unit, creditCode: contractorOf(first) } : unit,
    );
    sameContractor.persons = sameContractor.persons.filter((person) => person.role !== 'project_manager');
    expect((await register(sameContractor)).status).toBe(201);
  });

  it('replays a retry with the same Idempotency-Key instead of refusing it', async () => {
    const body = projectBody({ permitNo: permitNo() });
    const headers = { 'idempotency-key': randomUUID() };
    const first = await register(body, headers);
    expect(first.status).toBe(201);
    const retry = await register(body, headers);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    // without the key it is a second registration of the same project
    expect((await register(body)).status).toBe(409);
  });

  it('refuses a permit number of punctuation alone, naming the field', async () => {
    const response = await register(projectBody({ permitNo: '——' }));
    expect(response.status).toBe(400);
    expect((response.json as Conflict).errors.map((error) => error.field)).toContain('permitNo');
  });
});

/** A second project, other than `first` in every unit but its general contractor, with the same name. */
function sameNameAndContractor(first: ReturnType<typeof projectBody>) {
  const other = projectBody({ name: first.name });
  const contractor = contractorOf(first);
  other.units = other.units.map((unit) =>
    unit.role === 'general_contractor' ? { ...unit, creditCode: contractor } : unit,
  );
  other.persons = other.persons.map((person) =>
    person.role === 'project_manager' ? { ...person, unitCreditCode: contractor } : person,
  );
  return other;
}

describe('two registrations of one project at once', () => {
  it.each([
    [
      'the same permit number',
      () => {
        const number = permitNo();
        return [projectBody({ permitNo: number }), projectBody({ permitNo: number })];
      },
    ],
    [
      'the same name and general contractor',
      () => {
        const first = projectBody();
        return [first, sameNameAndContractor(first)];
      },
    ],
  ])('by %s: one is registered, the other refused naming it', async (_what, pair) => {
    for (let round = 0; round < 5; round++) {
      const before = await countItems('project');
      const answers = await Promise.all(pair().map((body) => register(body)));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, answers.map((answer) => answer.text).join('\n')).toEqual([201, 409]);
      const winner = answers.find((answer) => answer.status === 201) as ApiResponse;
      const loser = answers.find((answer) => answer.status === 409) as ApiResponse;
      expect((loser.json as Conflict).existingProject.id).toBe((winner.json as { id: string }).id);
      expect(await countItems('project')).toBe(before + 1);
    }
  });
});
