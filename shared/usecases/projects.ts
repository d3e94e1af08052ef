import { NotFoundError } from '../domain/errors.js';
import { newId } from '../ids.js';
import type { RegisterProjectBody } from '../schemas/project.js';
import { keys, listings } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';
import type { UnitOfWork } from '../store/unit-of-work.js';

/** A registered project (工程项目) as stored and returned. */
export type Project = RegisterProjectBody & { id: string; registeredAt: string; registeredBy: string };

/** Register a project: the project item and its `ProjectRegistered` event, in one unit of work. */
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
  for (const unit of project.units) {
    uow.put(
      {
        ...keys.unitProject(unit.creditCode, project.id),
        type: 'unit-project',
        creditCode: unit.creditCode,
        projectId: project.id,
        role: unit.role,
      },
      { mustBeNew: true },
    );
  }
  uow.emit('ProjectRegistered', project.id, {
    projectId: project.id,
    name: project.name,
    district: project.district,
    category: project.category,
    units: project.units.map((unit) => ({ role: unit.role, name: unit.name, creditCode: unit.creditCode })),
  });
  return project;
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
