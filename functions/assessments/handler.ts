import { apiHandler } from '../../shared/http/api.js';
import { assessmentsRoutes } from '../../shared/routes/assessments.js';
import { createAssessmentLink, revokeAssessmentLink } from '../../shared/usecases/assessment-links.js';
import {
  assessmentContext,
  decideFalsification,
  getAssessment,
  getScheme,
  makeFalsificationStatement,
  projectAssessments,
  submitGovernmentAssessment,
  submitUnitAssessment,
} from '../../shared/usecases/assessments.js';
import { penaltyLedger, recordPenaltyPoints, revokePenaltyPoints } from '../../shared/usecases/penalty-points.js';

/** The status assessment (SPEC §6.1–6.2) and the penalty points (SPEC §6.3). */
export const handler = apiHandler(assessmentsRoutes, {
  getAssessmentScheme: async ({ params }) => ({ status: 200, body: getScheme(params.schemeId) }),
  createAssessmentLink: async ({ params, body }, ctx) => createAssessmentLink(params.projectId, body, ctx),
  revokeAssessmentLink: async ({ params }, ctx) => revokeAssessmentLink(params.projectId, params.linkId, ctx),
  getAssessmentContext: async (_input, ctx) => ({ status: 200, body: await assessmentContext(ctx) }),
  submitAssessment: async ({ body }, ctx) => submitUnitAssessment(body, ctx),
  submitGovernmentAssessment: async ({ params, body }, ctx) => submitGovernmentAssessment(params.projectId, body, ctx),
  listProjectAssessments: async ({ params, query }, ctx) => ({
    status: 200,
    body: await projectAssessments(params.projectId, query.period, ctx),
  }),
  getAssessment: async ({ params }) => ({ status: 200, body: await getAssessment(params.assessmentId) }),
  makeFalsificationStatement: async ({ params, body }, ctx) =>
    makeFalsificationStatement(params.assessmentId, body.statement, ctx),
  decideFalsification: async ({ params, body }, ctx) => decideFalsification(params.assessmentId, body, ctx),
  getPenaltyPoints: async ({ query }, ctx) => ({ status: 200, body: await penaltyLedger(query, ctx) }),
  recordPenaltyPoints: async ({ body }, ctx) => recordPenaltyPoints(body, ctx),
  revokePenaltyPoints: async ({ params, body }, ctx) => revokePenaltyPoints(params.entryId, body.reason, ctx),
});
