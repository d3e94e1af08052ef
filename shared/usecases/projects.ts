import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { RequestContext } from '../http/api.js';
import { principalId } from '../http/principal.js';
import { newId } from '../ids.js';
import type { RegisterProjectBody } from '../schemas/project.js';
import { keys, listings } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';
import { ConditionFailed, type UnitOfWork } from '../store/unit-of-work.js';
import { contractorsOf, DUPLICATE_NAME, DUPLICATE_PERMIT, directoryItems, guardKeys } from './project-directory.js';

/** A registered project (工程项目) as stored and returned. */
export type Project = RegisterProjectBody & { id: string; registeredAt: string; registeredBy: string };

/**
 * Register a project: the project item, its entries in the project directory (every project, its district, each
 * unit's `UNIT#` item), the guards that keep a second registration of the same project out (SPEC §4: the same
 * permit number, or the same name and general contractor), and its `ProjectRegistered` event, in one unit of
 * work. The guards are conditional puts in the same transaction, so of two registrations racing, one commits.
 */
export function registerProject(uow: UnitOfWork, input: RegisterProjectBody, actor: string, now: Date): Project {
  const project: Project = { id: newId('prj'), ...input, registeredAt: now.toISOString(), registeredBy: actor };
  uow.put(
    {
      ...keys.project(project.id),
      type: 'project',
      gsi1pk: listings.projectShard(project.id),
      gsi1sk: project.id,
      ...project,
    },
    { mustBeNew: true, label: 'project' },
  );
  const { entries, unitItems, guards } = directoryItems(project);
  for (const item of [...entries, ...unitItems]) uow.put(item, { mustBeNew: true });
  for (const { item, label } of guards) uow.put(item, { mustBeNew: true, label });
  uow.emit('ProjectRegistered', project.id, {
    projectId: project.id,
    name: project.name,
    district: project.district,
    category: project.category,
    units: project.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode })),
  });
  return project;
}

/** A second registration of a project already registered: the answer names the existing one. */
export class DuplicateProjectError extends ConflictError {}

/**
 * `POST /v1/projects` (inspector): register the project, or refuse (409) a second registration of one already
 * registered — same permit number, or same name and same general contractor — naming the existing project.
 */
export async function registerNewProject(input: RegisterProjectBody, ctx: RequestContext) {
  const uow = ctx.unitOfWork();
  const project = registerProject(uow, input, principalId(ctx.principal), ctx.now);
  const response = { status: 201, body: project, headers: { location: `/v1/projects/${project.id}` } };
  try {
    await uow.commit(response);
  } catch (error) {
    if (error instanceof ConditionFailed && (error.label === DUPLICATE_PERMIT || error.label === DUPLICATE_NAME)) {
      throw await duplicateOf(input, error.label);
    }
    throw error;
  }
  return response;
}

/** The refusal of a duplicate, naming the project that holds the guard the registration ran into. */
async function duplicateOf(input: RegisterProjectBody, label: string): Promise<DuplicateProjectError> {
  const guards =
    label === DUPLICATE_PERMIT && input.permitNo
      ? [{ key: guardKeys.permit(input.permitNo), contractor: undefined }]
      : contractorsOf(input).map((contractor) => ({
          key: guardKeys.name(contractor.creditCode, input.name),
          contractor,
        }));
  for (const { key, contractor } of guards) {
    const guard = await readItem<{ projectId: string }>(key);
    if (!guard) continue;
    const existing = await readItem<Project>(keys.project(guard.projectId));
    const id = guard.projectId;
    const name = existing?.name ?? input.name;
    if (!contractor) {
      return new DuplicateProjectError(
        {
          zh: `施工许可证编号“${input.permitNo}”已登记为项目“${name}”（${id}），同一项目不能重复登记。请打开该项目继续办理。`,
          en: `Construction permit number "${input.permitNo}" is already registered as project "${name}" (${id}); a project is registered once. Open that project instead.`,
        },
        [{ field: 'permitNo', message: { zh: `已登记为项目 ${id}`, en: `already registered as project ${id}` } }],
        { existingProject: { id, name } },
      );
    }
    return new DuplicateProjectError(
      {
        zh: `施工总承包单位${contractor.name}（${contractor.creditCode}）已有同名项目“${name}”（${id}），同一项目不能重复登记。请打开该项目继续办理；若确为另一项目，请在名称中写明区别（如地块、标段、期次）。`,
        en: `The general contractor ${contractor.name} (${contractor.creditCode}) already has a project named "${name}" (${id}); a project is registered once. Open that project instead, or name what sets this one apart (plot, section, phase).`,
      },
      [
        {
          field: 'name',
          message: {
            zh: `与项目 ${id} 同名且施工总承包单位相同`,
            en: `same name and general contractor as project ${id}`,
          },
        },
      ],
      { existingProject: { id, name } },
    );
  }
  // the guard was there when the transaction ran; it cannot vanish (guards are never deleted)
  throw new Error(`duplicate guard ${label} of a registration not found`);
}

/** The project record, or a 404 naming it. */
export async function loadProject(projectId: string): Promise<Project> {
  const item = await readItem<Project>(keys.project(projectId));
  if (!item) throw new NotFoundError(`There is no project ${projectId}.`);
  return toProject(item);
}

export function toProject(item: Record<string, unknown>): Project {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...project } = item;
  return project as Project;
}
