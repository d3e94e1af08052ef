import * as z from 'zod';
import { permitKey } from '../domain/project-identity.js';
import {
  CASE_STATUSES,
  PERSON_ROLES,
  PROJECT_CATEGORIES,
  PROJECT_PHASES,
  REQUIRED_UNIT_ROLES,
  UNIT_ROLES,
} from '../domain/vocabulary.js';
import { creditCode, page, paginationQuery, recordId, text, timestamp } from './common.js';

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
  permitNo: text(50)
    .refine((value) => permitKey(value).length > 0, '施工许可证编号应包含文字或数字')
    .optional()
    .meta({
      description:
        'the construction permit number (施工许可证编号); a second project with the same number is refused (409)',
      example: '110112202609010101',
    }),
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

/** `GET /v1/projects`: search by name, district or a unit's credit code (SPEC §4 "More agency routes"). */
export const listProjectsQuery = paginationQuery.extend({
  q: text(100)
    .optional()
    .meta({
      description:
        'fragments of the project name, separated by spaces (运河 办公楼): every fragment must occur; full-width ' +
        'and half-width forms, spaces and punctuation do not matter',
      example: '运河商务区',
    }),
  district: text(50).optional().meta({ example: '通州区' }),
  creditCode: creditCode.optional().meta({ description: 'projects this unit takes part in, in any role' }),
});

/** A project as a search lists it. */
export const projectSummary = z
  .object({
    id: recordId('prj'),
    name: z.string(),
    district: z.string(),
    category: z.enum(PROJECT_CATEGORIES),
    phase: z.enum(PROJECT_PHASES),
    permitNo: z.string().nullable(),
    generalContractor: z.object({ name: z.string(), creditCode: z.string() }).nullable(),
    unitRole: z
      .enum(UNIT_ROLES)
      .optional()
      .meta({ description: 'the role of the unit searched for (creditCode) in this project' }),
    case: z
      .object({ id: recordId('cas'), status: z.enum(CASE_STATUSES), level: z.number().int().min(0).max(3) })
      .nullable()
      .meta({ description: 'the open case (proposed or active), if any' }),
    underSupervision: z.boolean().meta({ description: 'under differentiated supervision now (an active case)' }),
    registeredAt: timestamp,
  })
  .meta({ id: 'ProjectSummary' });

export const projectPage = page(projectSummary).meta({ id: 'ProjectPage' });
