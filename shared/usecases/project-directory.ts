/**
 * What makes a project findable and registered once (docs/architecture.md, "Finding a project" and "Registering a
 * project once"): its entries in the project directory, the directory fields on each unit's `UNIT#` item, and the
 * guards against a second registration. Registration writes them all in its transaction
 * (shared/usecases/projects.ts); `backfillProjectDirectory` writes what a project registered before the directory
 * existed lacks.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { nameKey, permitKey } from '../domain/project-identity.js';
import { dynamo, TABLE_NAME } from '../store/client.js';
import { type Key, keys, listings } from '../store/keys.js';
import { readItem } from '../store/project-collection.js';
import type { Project } from './projects.js';

type Item = Key & Record<string, unknown>;

/** Labels of the registration guards: a second project with this permit number, or this name and contractor. */
export const DUPLICATE_PERMIT = 'duplicate-permit';
export const DUPLICATE_NAME = 'duplicate-name';

/** The general contractors (施工总承包单位) of a project: a joint venture may have more than one. */
export const contractorsOf = (project: Pick<Project, 'units'>) =>
  project.units.filter((unit) => unit.role === 'general_contractor');

/** The guard of one rule (a permit number; a name under one general contractor), by its normalised value. */
export const guardKeys = {
  permit: (permitNo: string) => keys.projectPermitGuard(permitKey(permitNo)),
  name: (contractorCreditCode: string, name: string) =>
    keys.projectNameGuard(contractorCreditCode, createHash('sha256').update(nameKey(name)).digest('hex')),
};

/**
 * What the directory holds of a project: what a search shows and filters on, with the name and district in their
 * normalised forms (shared/domain/project-identity.ts).
 */
function directoryFields(project: Project) {
  const contractor = contractorsOf(project)[0];
  return {
    projectId: project.id,
    name: project.name,
    nameKey: nameKey(project.name),
    district: project.district,
    districtKey: nameKey(project.district),
    category: project.category,
    phase: project.phase,
    permitNo: project.permitNo ?? null,
    generalContractor: contractor ? { name: contractor.name, creditCode: contractor.creditCode } : null,
    registeredAt: project.registeredAt,
  };
}

/** The items a registered project has besides its own: directory entries, unit items, guards (with their labels). */
export function directoryItems(project: Project): {
  entries: Item[];
  unitItems: Item[];
  guards: Array<{ item: Item; label: string }>;
} {
  const fields = directoryFields(project);
  const entry = (listing: 'all' | 'district', gsi1pk: string): Item => ({
    ...keys.projectDirectoryEntry(project.id, listing),
    type: 'project-directory',
    gsi1pk,
    gsi1sk: project.id,
    ...fields,
  });
  return {
    entries: [
      entry('all', listings.projectDirectory),
      entry('district', listings.projectDirectoryOfDistrict(fields.districtKey)),
      // the register the enforcement statistics count projects under construction from (SPEC §6.7): slim on purpose
      {
        ...keys.projectDirectoryEntry(project.id, 'register'),
        type: 'project-register',
        gsi1pk: listings.projectRegister(project.id),
        gsi1sk: project.id,
        projectId: project.id,
        district: project.district,
        phase: project.phase,
        registeredAt: project.registeredAt,
      },
    ],
    unitItems: project.units.map((unit) => ({
      ...keys.unitProject(unit.creditCode, project.id),
      type: 'unit-project',
      gsi1pk: listings.projectDirectoryOfUnit(unit.creditCode),
      gsi1sk: project.id,
      ...fields,
      creditCode: unit.creditCode,
      projectId: project.id,
      role: unit.role,
    })),
    guards: [
      ...(project.permitNo
        ? [
            {
              item: {
                ...guardKeys.permit(project.permitNo),
                type: 'project-guard',
                projectId: project.id,
                permitNo: project.permitNo,
              },
              label: DUPLICATE_PERMIT,
            },
          ]
        : []),
      ...contractorsOf(project).map((contractor) => ({
        item: {
          ...guardKeys.name(contractor.creditCode, project.name),
          type: 'project-guard',
          projectId: project.id,
          name: project.name,
          contractorCreditCode: contractor.creditCode,
        },
        label: DUPLICATE_NAME,
      })),
    ],
  };
}

/** What the backfill did for one project. */
export interface BackfillOutcome {
  projectId: string;
  /** items written (none when the project had them all) */
  written: number;
  /** guards another project holds: two registrations of one project from before the rule, for a person to merge */
  duplicateOf: Array<{ rule: string; projectId: string }>;
}

/**
 * Give a project registered before the directory existed its entries, unit fields and guards; idempotent (an item
 * already there is left as it is). A guard held by another project is reported, not taken: the two were registered
 * twice before the rule, and a person decides which stays.
 */
export async function backfillProjectDirectory(projectId: string): Promise<BackfillOutcome> {
  const item = await readItem<Project>(keys.project(projectId));
  if (!item) throw new Error(`There is no project ${projectId}.`);
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...project } = item;
  const { entries, unitItems, guards } = directoryItems(project as unknown as Project);
  const outcome: BackfillOutcome = { projectId, written: 0, duplicateOf: [] };
  const putIfAbsent = async (put: Item) => {
    try {
      await dynamo.send(
        new PutCommand({ TableName: TABLE_NAME, Item: put, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      outcome.written += 1;
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };
  for (const entry of entries) await putIfAbsent(entry);
  for (const unitItem of unitItems) {
    if (await putIfAbsent(unitItem)) continue;
    // the unit's item exists (the public status reads it): add the directory fields and its listing key
    const { pk, sk, ...fields } = unitItem;
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':none': null };
    const assignments = Object.entries(fields).map(([field, value], index) => {
      names[`#f${index}`] = field;
      values[`:v${index}`] = value;
      return `#f${index} = :v${index}`;
    });
    names['#listed'] = 'gsi1pk';
    try {
      await dynamo.send(
        new UpdateCommand({
          TableName: TABLE_NAME,
          Key: { pk, sk },
          UpdateExpression: `SET ${assignments.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#listed) OR #listed = :none',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      outcome.written += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  for (const { item: guard, label } of guards) {
    if (await putIfAbsent(guard)) continue;
    const holder = await readItem<{ projectId: string }>({ pk: guard.pk, sk: guard.sk });
    if (holder && holder.projectId !== projectId)
      outcome.duplicateOf.push({ rule: label, projectId: holder.projectId });
  }
  return outcome;
}
