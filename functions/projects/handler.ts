import { evaluateConditions, lookbackStart } from '../../shared/domain/conditions.js';
import { shanghaiDate } from '../../shared/domain/dates.js';
import { apiHandler } from '../../shared/http/api.js';
import { projectsRoutes } from '../../shared/routes/projects.js';
import { readProjectWindow } from '../../shared/store/project-window.js';
import { factsOf, readSnapshot } from '../../shared/store/snapshot.js';
import { hazardDetail } from '../../shared/usecases/hazard-detail.js';
import {
  changeHazardStatus,
  hazardView,
  inspectionSummaries,
  recordCriticism,
  recordIncident,
  recordInspection,
} from '../../shared/usecases/intake.js';
import { searchProjects } from '../../shared/usecases/project-search.js';
import { registerNewProject } from '../../shared/usecases/projects.js';
import { recordNotFound } from '../../shared/usecases/record-not-found.js';

/**
 * Intake: projects (search, registration refusing a duplicate), inspections, incidents, criticisms, hazards (read,
 * verification, refusal); the six conditions.
 */
export const handler = apiHandler(projectsRoutes, {
  listProjects: async ({ query }) => ({ status: 200, body: await searchProjects(query) }),

  registerProject: async ({ body }, ctx) => registerNewProject(body, ctx),

  getProject: async ({ params }, ctx) => {
    const snapshot = await readSnapshot(params.projectId);
    if (!snapshot) throw recordNotFound('project', params.projectId);
    const today = shanghaiDate(ctx.now);
    const openCase = snapshot.openCase ?? snapshot.cases.at(-1);
    return {
      status: 200,
      body: {
        ...snapshot.project,
        openHazards: snapshot.findings.filter((f) => f.status !== 'accepted').map((f) => hazardView(f, today)),
        case: openCase ? { id: openCase.id, status: openCase.status, level: openCase.level } : null,
        inspections: inspectionSummaries(snapshot.inspections),
      },
    };
  },

  getProjectConditions: async ({ params, query }, ctx) => {
    const asOf = query.asOf ?? shanghaiDate(ctx.now);
    // recomputed with the rule-set version in force on that date (SPEC §2.1), which the result names
    const ruleSet = await ctx.ruleSets.inForce(asOf);
    // the project as far as that look-back window reaches, what was still open, every case (project-window.ts)
    const from = lookbackStart(asOf, ruleSet.thresholds.lookbackDays);
    const snapshot = await readProjectWindow(params.projectId, { from, now: ctx.now });
    if (!snapshot) throw recordNotFound('project', params.projectId);
    const evaluation = evaluateConditions(factsOf(snapshot), { asOf, ruleSet });
    return { status: 200, body: { projectId: params.projectId, ...evaluation } };
  },

  recordInspection: async ({ params, body }, ctx) => ({
    status: 201,
    body: await recordInspection(params.projectId, body, ctx),
  }),

  recordIncident: async ({ params, body }, ctx) => ({
    status: 201,
    body: await recordIncident(params.projectId, body, ctx),
  }),

  recordCriticism: async ({ params, body }, ctx) => ({
    status: 201,
    body: await recordCriticism(params.projectId, body, ctx),
  }),

  getHazard: async ({ params }, ctx) => ({ status: 200, body: await hazardDetail(params.hazardId, ctx) }),

  verifyHazard: async ({ params, body }, ctx) => ({
    status: 201,
    body: await changeHazardStatus(
      params.hazardId,
      { status: body.result, on: body.date, ...(body.note ? { note: body.note } : {}) },
      ctx,
    ),
  }),

  refuseHazard: async ({ params, body }, ctx) => ({
    status: 201,
    body: await changeHazardStatus(
      params.hazardId,
      { status: 'refused', on: body.date ?? shanghaiDate(ctx.now), ...(body.note ? { note: body.note } : {}) },
      ctx,
    ),
  }),
});
