import * as z from 'zod/mini';
import { permitKey } from '../domain/project-identity.js';
import {
  CASE_STATUSES,
  PERSON_ROLE_NAMES,
  PERSON_ROLES,
  PROJECT_CATEGORIES,
  PROJECT_PHASES,
  REQUIRED_UNIT_ROLES,
  UNIT_ROLE_NAMES,
  UNIT_ROLES,
} from '../domain/vocabulary.js';
import { creditCode, page, paginationQuery, recordId, text, timestamp } from './common.js';
import { described } from './described.js';
import { issueMessage, message } from './messages.js';

export const unitInput = z.object({
  role: z.enum(UNIT_ROLES),
  name: text(200),
  creditCode,
  groupCompany: described(z.optional(text(200)), {
    description: 'the group company (集团公司) the unit belongs to, if any',
  }),
});

export const personInput = z.object({
  role: z.enum(PERSON_ROLES),
  name: text(50),
  unitCreditCode: creditCode,
  registrationNo: z.optional(text(50)),
});

const projectFields = z.object({
  name: text(200),
  district: text(50),
  address: text(300),
  category: z.enum(PROJECT_CATEGORIES),
  phase: z.enum(PROJECT_PHASES),
  units: z.array(unitInput).check(z.minLength(3), z.maxLength(50)),
  persons: z._default(z.array(personInput).check(z.maxLength(20)), []),
  permitNo: described(
    z.optional(
      text(50).check(
        z.refine(
          (value) => permitKey(value).length > 0,
          message({
            zh: '施工许可证编号应包含文字或数字',
            en: 'a construction permit number has letters or digits',
          }),
        ),
      ),
    ),
    {
      description:
        'the construction permit number (施工许可证编号); a second project with the same number is refused (409)',
      example: '110112202609010101',
    },
  ),
});

/** `POST /v1/projects` */
export const registerProjectBody = described(
  projectFields.check(
    z.superRefine((project, ctx) => {
      for (const role of REQUIRED_UNIT_ROLES) {
        if (!project.units.some((unit) => unit.role === role)) {
          ctx.addIssue({
            code: 'custom',
            path: ['units'],
            ...issueMessage({
              zh: `项目须有${UNIT_ROLE_NAMES[role]}（role 为 "${role}"），请补充`,
              en: `a project needs a unit with role "${role}"`,
            }),
          });
        }
      }
      const seen = new Set<string>();
      project.units.forEach((unit, index) => {
        if (seen.has(unit.creditCode)) {
          ctx.addIssue({
            code: 'custom',
            path: ['units', index, 'creditCode'],
            ...issueMessage({
              zh: '该统一社会信用代码已用于本项目的另一家参建单位，一家单位只填一次',
              en: 'this credit code is already listed for another unit of the project',
            }),
          });
        }
        seen.add(unit.creditCode);
      });
      project.persons.forEach((person, index) => {
        if (!seen.has(person.unitCreditCode)) {
          ctx.addIssue({
            code: 'custom',
            path: ['persons', index, 'unitCreditCode'],
            ...issueMessage({
              zh: '关键岗位人员须属于本项目的参建单位：请填写本项目某一参建单位的统一社会信用代码',
              en: 'a key person must belong to one of the units of the project',
            }),
          });
        }
      });
      for (const role of ['project_manager', 'chief_supervising_engineer'] as const) {
        if (project.persons.filter((person) => person.role === role).length > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['persons'],
            ...issueMessage({
              zh: `${PERSON_ROLE_NAMES[role]}只能填写一人`,
              en: `at most one person with role "${role}"`,
            }),
          });
        }
      }
    }),
  ),
  { id: 'RegisterProject' },
);
export type RegisterProjectBody = z.output<typeof registerProjectBody>;

export const projectIdParams = z.object({ projectId: recordId('prj') });

export const project = described(
  z.extend(projectFields, { id: recordId('prj'), registeredAt: timestamp, registeredBy: z.string() }),
  { id: 'Project' },
);

/** `GET /v1/projects`: search by name, district or a unit's credit code (SPEC §4 "More agency routes"). */
export const listProjectsQuery = z.extend(paginationQuery, {
  q: described(z.optional(text(100)), {
    description:
      'fragments of the project name, separated by spaces (运河 办公楼): every fragment must occur; full-width ' +
      'and half-width forms, spaces and punctuation do not matter',
    example: '运河商务区',
  }),
  district: described(z.optional(text(50)), { example: '通州区' }),
  creditCode: described(z.optional(creditCode), { description: 'projects this unit takes part in, in any role' }),
});

/** A project as a search lists it. */
export const projectSummary = described(
  z.object({
    id: recordId('prj'),
    name: z.string(),
    district: z.string(),
    category: z.enum(PROJECT_CATEGORIES),
    phase: z.enum(PROJECT_PHASES),
    permitNo: z.nullable(z.string()),
    generalContractor: z.nullable(z.object({ name: z.string(), creditCode: z.string() })),
    unitRole: described(z.optional(z.enum(UNIT_ROLES)), {
      description: 'the role of the unit searched for (creditCode) in this project',
    }),
    case: described(
      z.nullable(
        z.object({
          id: recordId('cas'),
          status: z.enum(CASE_STATUSES),
          level: z.number().check(z.int(), z.gte(0), z.lte(3)),
        }),
      ),
      { description: 'the open case (proposed or active), if any' },
    ),
    underSupervision: described(z.boolean(), { description: 'under differentiated supervision now (an active case)' }),
    registeredAt: timestamp,
  }),
  { id: 'ProjectSummary' },
);

export const projectPage = described(page(projectSummary), { id: 'ProjectPage' });
