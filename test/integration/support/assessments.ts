/**
 * What the assessment tests share: the scheme as the API serves it, a form listing every table (as SPEC §6.2
 * requires) with chosen deductions, an assessment link, and a project whose key persons are registered.
 */
import { api, tokenFor } from './api.js';
import { projectBody } from './fixtures.js';

export interface SchemeData {
  id: string;
  tables: Array<{ id: string; items: Array<{ id: string; kind: 'guaranteed' | 'general'; maximum: number }> }>;
}

let scheme: Promise<SchemeData> | undefined;

/** The default scheme, read once through `GET /v1/assessment-schemes/jgj59-2011`. */
export function defaultScheme(): Promise<SchemeData> {
  scheme ??= api('/v1/assessment-schemes/jgj59-2011').then((response) => {
    if (response.status !== 200) throw new Error(`GET the scheme: ${response.status} ${response.text}`);
    return response.json as SchemeData;
  });
  return scheme;
}

/** Scaffold types other than 扣件式: not used on the test sites. */
export const UNUSED_SCAFFOLDS = ['B.4', 'B.5', 'B.6', 'B.7', 'B.8', 'B.9', 'B.10'];

/**
 * Every table of the scheme: `deductions` by item id; a table in `tablesNotApplicable`, an item in `notApplicable`
 * marked 不涉及.
 */
export function form(
  data: SchemeData,
  deductions: Record<string, number>,
  options: { tablesNotApplicable?: string[]; notApplicable?: string[] } = {},
) {
  const off = new Set(options.tablesNotApplicable ?? []);
  const itemsOff = new Set(options.notApplicable ?? []);
  return data.tables.map((table) => ({
    tableId: table.id,
    notApplicable: off.has(table.id),
    items: off.has(table.id)
      ? []
      : table.items.map((item) => ({
          itemId: item.id,
          deduction: deductions[item.id] ?? 0,
          ...(itemsOff.has(item.id) ? { notApplicable: true } : {}),
        })),
  }));
}

/**
 * Deductions of `points` from every table in use: general items first, each in full, then what remains from the
 * first guaranteed items (never all of one), so that no table is zeroed and each scores 100 − points.
 */
export function deductEverywhere(data: SchemeData, points: number, tablesNotApplicable: string[]) {
  const deductions: Record<string, number> = {};
  for (const table of data.tables) {
    if (tablesNotApplicable.includes(table.id)) continue;
    let remaining = points;
    const ordered = [
      ...table.items.filter((item) => item.kind === 'general'),
      ...table.items.filter((item) => item.kind === 'guaranteed'),
    ];
    for (const item of ordered) {
      if (remaining <= 0) break;
      const partial = item.kind === 'guaranteed' ? Math.min(remaining, item.maximum - 1) : item.maximum;
      const take = Math.min(remaining, partial);
      deductions[item.id] = take;
      remaining -= take;
    }
  }
  return deductions;
}

/** A project whose project manager and chief supervising engineer are registered (注册人员). */
export function registeredPersonsProject(suffix: string) {
  const body = projectBody();
  const unit = (role: string) => body.units.find((candidate) => candidate.role === role)?.creditCode as string;
  return {
    ...body,
    persons: [
      {
        role: 'project_manager',
        name: '张建国',
        unitCreditCode: unit('general_contractor'),
        registrationNo: `京111${suffix}`,
      },
      {
        role: 'chief_supervising_engineer',
        name: '李监理',
        unitCreditCode: unit('supervisor'),
        registrationNo: `京211${suffix}`,
      },
    ],
  };
}

export type AssessedProject = ReturnType<typeof registeredPersonsProject>;

/** The credit code of the project's unit in a role. */
export function unitOf(project: { units: Array<{ role: string; creditCode: string }> }, role: string): string {
  return project.units.find((unit) => unit.role === role)?.creditCode as string;
}

/** An assessment link of a project for one unit: the API's answer (url, token, expiresAt, linkId). */
export async function assessmentLink(projectId: string, unitCreditCode: string, validDays = 93) {
  const response = await api(`/v1/projects/${projectId}/assessment-links`, {
    method: 'POST',
    token: await tokenFor('inspector'),
    body: { unitCreditCode, validDays },
  });
  if (response.status !== 201) throw new Error(`create an assessment link: ${response.status} ${response.text}`);
  return response.json as { url: string; token: string; expiresAt: string; linkId: string };
}

/** An inspection without findings (双人执法), on which a government assessment can be made: its id. */
export async function assessmentInspection(projectId: string, date: string): Promise<string> {
  const response = await api(`/v1/projects/${projectId}/inspections`, {
    token: await tokenFor('inspector'),
    body: {
      date,
      kind: 'routine',
      inspectors: ['王五', '赵六'],
      keyPersonnelPresent: { projectManager: true, chiefSupervisingEngineer: true },
      findings: [],
      summary: '安全状况评估检查',
    },
  });
  if (response.status !== 201) throw new Error(`record an inspection: ${response.status} ${response.text}`);
  return (response.json as { inspectionId: string }).inspectionId;
}

/** `POST /v1/assessments` through a link with the default scheme; `tables` is a `form(...)`. */
export function submitThroughLink(
  token: string,
  fields: { tier: string; period: string; tables: unknown; signedBy: { name: string; registrationNo?: string } },
) {
  return api('/v1/assessments', { token, body: { schemeId: 'jgj59-2011', ...fields } });
}
