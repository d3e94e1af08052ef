/**
 * What the ranking tests share: a project assessed by the government in a quarter with a chosen score (every table
 * in use deducted alike, so the total is exactly 100 − the deduction), and waiting for a ranking run to finish.
 */
import { api, eventually, tokenFor } from './api.js';
import {
  assessmentInspection,
  deductEverywhere,
  defaultScheme,
  form,
  registeredPersonsProject,
  UNUSED_SCAFFOLDS,
} from './assessments.js';

/** Tables a structure-phase site does not use besides the unused scaffold types (as in the assessment tests). */
const OFF = [...UNUSED_SCAFFOLDS, 'B.15'];

let serial = 0;

export interface RankedProject {
  projectId: string;
  body: ReturnType<typeof registeredPersonsProject>;
}

/**
 * Register a project (registered persons, the given district, category and phase; units replaced where given) and,
 * when `score` is given, record an inspection on `inspectedOn` and a government assessment of `quarter` scoring it.
 */
export async function assessedProject(options: {
  district: string;
  category?: string;
  phase?: string;
  score?: number;
  quarter: string;
  inspectedOn: string;
  units?: Partial<Record<'developer' | 'general_contractor' | 'supervisor', { name: string; creditCode: string }>>;
  name?: string;
}): Promise<RankedProject> {
  serial += 1;
  const inspector = await tokenFor('inspector');
  const base = registeredPersonsProject(`${Date.now() % 100000}${serial}`.padStart(8, '0'));
  const units = base.units.map((unit) => {
    const replaced = options.units?.[unit.role as 'developer'];
    return replaced ? { ...unit, ...replaced } : unit;
  });
  const persons = base.persons.map((person) => {
    const unit = person.role === 'project_manager' ? 'general_contractor' : 'supervisor';
    return { ...person, unitCreditCode: units.find((candidate) => candidate.role === unit)?.creditCode as string };
  });
  const body = {
    ...base,
    name: options.name ?? `${options.district}排名测试项目 ${serial} 号`,
    district: options.district,
    category: options.category ?? 'building',
    phase: options.phase ?? 'structure',
    units,
    persons,
  };
  const registered = await api('/v1/projects', { method: 'POST', token: inspector, body });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${registered.text}`);
  const projectId = (registered.json as { id: string }).id;
  if (options.score !== undefined) {
    const scheme = await defaultScheme();
    const inspectionId = await assessmentInspection(projectId, options.inspectedOn);
    const government = await api(`/v1/projects/${projectId}/assessments`, {
      token: inspector,
      body: {
        tier: 'government',
        period: options.quarter,
        schemeId: 'jgj59-2011',
        tables: form(scheme, deductEverywhere(scheme, 100 - options.score, OFF), { tablesNotApplicable: OFF }),
        signedBy: { name: '王五' },
        inspectionId,
        inspectors: ['王五', '赵六'],
      },
    });
    if (government.status !== 201) throw new Error(`assess: ${government.status} ${government.text}`);
    const scored = (government.json as { score: number }).score;
    if (scored !== options.score) throw new Error(`expected a score of ${options.score}, got ${scored}`);
  }
  return { projectId, body };
}

/** Wait for a ranking run to finish; its view. */
export async function finishedRun(runId: string) {
  const officer = await tokenFor('officer');
  const response = await eventually(
    () => api(`/v1/rankings/runs/${runId}`, { token: officer }),
    (r) => r.status === 200 && (r.json as { status: string }).status !== 'running',
    { timeoutMs: 90_000, intervalMs: 250, what: `ranking run ${runId} to finish` },
  );
  return response.json as {
    runId: string;
    status: string;
    revision: number;
    pointsCharged: number;
    projectsAssessed: number;
    progress: { batches: number; batchesDone: number; projects: number; projectsDone: number };
    ranked: Record<string, number>;
    error: string | null;
  };
}
