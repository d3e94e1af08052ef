import { createBrowserRouter, type RouteObject } from 'react-router';
import { ConsoleLayout } from './layout/console-layout';
import { RouteError } from './routes/route-error';

/** A route module's `Component`, loaded when the route is first visited (each screen is its own chunk). */
type Lazy = () => Promise<{ Component: React.ComponentType }>;

/** A screen in plain markup (the dashboard): its chunk alone. */
const plain = (load: Lazy): Pick<RouteObject, 'lazy'> => ({ lazy: load });

/**
 * A screen built with Ant Design: its chunk and antd's (app/antd-scope.tsx: the components' code, their stylesheet
 * and the zh_CN locale) load together, and the screen renders inside antd's providers.
 */
const screen = (load: Lazy): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => {
    const [{ Component: Screen }, { AntdScope }] = await Promise.all([load(), import('./antd-scope')]);
    return {
      Component: () => (
        <AntdScope>
          <Screen />
        </AntdScope>
      ),
    };
  },
});

/** Every screen of SPEC §7, at a real path under `/console/` (a deep link opens it directly). */
export const routes: RouteObject[] = [
  { path: 'sign-in', ...screen(() => import('./routes/sign-in')) },
  { path: 'auth/callback', ...screen(() => import('./routes/auth-callback')) },
  {
    element: <ConsoleLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...plain(() => import('@/features/dashboard/routes/dashboard')) },
      { path: 'projects', ...screen(() => import('@/features/projects/routes/project-list')) },
      { path: 'projects/new', ...screen(() => import('@/features/projects/routes/project-register')) },
      { path: 'projects/:projectId', ...screen(() => import('@/features/projects/routes/project-detail')) },
      {
        path: 'projects/:projectId/inspections/new',
        ...screen(() => import('@/features/inspections/routes/inspection-entry')),
      },
      {
        path: 'projects/:projectId/assessments',
        ...screen(() => import('@/features/assessments/routes/project-assessments')),
      },
      {
        path: 'projects/:projectId/assessments/new',
        ...screen(() => import('@/features/assessments/routes/government-assessment-entry')),
      },
      { path: 'assessments/:assessmentId', ...screen(() => import('@/features/assessments/routes/assessment-detail')) },
      {
        path: 'inspections/:inspectionId',
        ...screen(() => import('@/features/inspections/routes/inspection-recorded')),
      },
      { path: 'hazards/:hazardId', ...screen(() => import('@/features/hazards/routes/hazard-verification')) },
      { path: 'cases', ...screen(() => import('@/features/cases/routes/case-list')) },
      { path: 'cases/:caseId', ...screen(() => import('@/features/cases/routes/case-detail')) },
      { path: 'overdue', ...screen(() => import('@/features/overdue/routes/overdue')) },
      {
        path: 'enterprise-cases',
        ...screen(() => import('@/features/enterprise-cases/routes/enterprise-case-list')),
      },
      {
        path: 'enterprise-cases/:enterpriseCaseId',
        ...screen(() => import('@/features/enterprise-cases/routes/enterprise-case-detail')),
      },
      { path: 'evaluations', ...screen(() => import('@/features/evaluations/routes/evaluations')) },
      { path: 'stats', ...screen(() => import('@/features/stats/routes/stats')) },
      { path: 'stats/enforcement', ...screen(() => import('@/features/stats/routes/enforcement-stats')) },
      { path: 'circulars', ...screen(() => import('@/features/circulars/routes/circular-list')) },
      { path: 'penalty-points', ...screen(() => import('@/features/penalty-points/routes/penalty-points')) },
      { path: 'rankings', ...screen(() => import('@/features/rankings/routes/ranking-quarters')) },
      { path: 'rankings/:quarter', ...screen(() => import('@/features/rankings/routes/ranking-quarter')) },
      { path: 'rule-sets', ...screen(() => import('@/features/rule-sets/routes/rule-sets')) },
      { path: '*', ...screen(() => import('./routes/not-found')) },
    ],
  },
];

/** The router (history API under `/console/`: the gateway and CloudFront answer index.html for these paths). */
export function createConsoleRouter() {
  return createBrowserRouter(routes, { basename: '/console' });
}
