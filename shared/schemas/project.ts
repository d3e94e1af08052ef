import * as z from 'zod';
import {
  PERSON_ROLES,
  PROJECT_CATEGORIES,
  PROJECT_PHASES,
  REQUIRED_UNIT_ROLES,
  UNIT_ROLES,
} from '../domain/vocabulary.js';
import { creditCode, recordId, text, timestamp } from './common.js';

export const unitInput = z.object({
  role: z.enum(UNIT_ROLES),
  name: text(200),
  creditCode,
  groupCompany: text(200).optional().meta({ description: 'the group company (集团公司) the unit belongs to, if any' }),
});

export const personInput = z.object({
  role: z.enum(PERSON_ROLES),
  name: text(50),
  unitCreditCode: creditCode,
  registrationNo: text(50).optional(),
});

const projectFields = z.object({
  name: text(200),
  district: text(50),
  address: text(300),
  category: z.enum(PROJECT_CATEGORIES),
  phase: z.enum(PROJECT_PHASES),
  units: z.array(unitInput).min(3).max(50),
  persons: z.array(personInput).max(20).default([]),
});

/** `POST /v1/projects` */
export const registerProjectBody = projectFields
  .superRefine((project, ctx) => {
    for (const role of REQUIRED_UNIT_ROLES) {
      if (!project.units.some((unit) => unit.role === role)) {
        ctx.addIssue({ code: 'custom', path: ['units'], message: `a project needs a unit with role "${role}"` });
      }
    }
    const seen = new Set<string>();
    project.units.forEach((unit, index) => {
      if (seen.has(unit.creditCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', index, 'creditCode'],
          message: 'this credit code is already listed for another unit of the project',
        });
      }
      seen.add(unit.creditCode);
    });
    project.persons.forEach((person, index) => {
      if (!seen.has(person.unitCreditCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['persons', index, 'unitCreditCode'],
          message: 'a key person must belong to one of the units of the project',
        });
      }
    });
    for (const role of ['project_manager', 'chief_supervising_engineer'] as const) {
      if (project.persons.filter((person) => person.role === role).length > 1) {
        ctx.addIssue({ code: 'custom', path: ['persons'], message: `at most one person with role "${role}"` });
      }
    }
  })
  .meta({ id: 'RegisterProject' });
export type RegisterProjectBody = z.output<typeof registerProjectBody>;

export const projectIdParams = z.object({ projectId: recordId('prj') });

export const project = projectFields
  .extend({ id: recordId('prj'), registeredAt: timestamp, registeredBy: z.string() })
  .meta({ id: 'Project' });
