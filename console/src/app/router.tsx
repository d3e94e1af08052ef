import { createBrowserRouter, type RouteObject } from 'react-router';
import { ConsoleLayout } from './layout/console-layout';
import { RouteError } from './routes/route-error';

/** A route module's `Component`, loaded when the route is first visited (each screen is its own chunk). */
type Lazy = () => Promise<{ Component: React.ComponentType }>;
const screen = (load: Lazy): Pick<RouteObject, 'lazy'> => ({ lazy: load });

/** Every screen of SPEC §7, at a real path under `/console/` (a deep link opens it directly). */
export const routes: RouteObject[] = [
  { path: 'sign-in', ...screen(() => import('./routes/sign-in')) },
  { path: 'auth/callback', ...screen(() => import('./routes/auth-callback')) },
  {
    element: <ConsoleLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, ...screen(() => import('@/features/dashboard/routes/dashboard')) },
      { path: 'projects', ...screen(() => import('@/features/projects/routes/project-list')) },
      { path: 'projects/new', ...screen(() => import('@/features/projects/routes/project-register')) },
      { path: 'projects/:projectId', ...screen(() => import('@/features/projects/routes/project-detail')) },
      {
        path: 'projects/:projectId/inspections/new',
        ...screen(() => import('@/features/inspections/routes/inspection-entry')),
      },
      {
        path: 'inspections/:inspectionId',
        ...screen(() => import('@/features/inspections/routes/inspection-recorded')),
      },
      { path: 'hazards/:hazardId', ...screen(() => import('@/features/hazards/routes/hazard-verification')) },
      { path: 'cases', ...screen(() => import('@/features/cases/routes/case-list')) },
      { path: 'cases/:caseId', ...screen(() => import('@/features/cases/routes/case-detail')) },
      { path: 'evaluations', ...screen(() => import('@/features/evaluations/routes/evaluations')) },
      { path: 'stats', ...screen(() => import('@/features/stats/routes/stats')) },
      { path: 'circulars', ...screen(() => import('@/features/circulars/routes/circular-list')) },
      { path: 'rule-sets', ...screen(() => import('@/features/rule-sets/routes/rule-sets')) },
      { path: '*', ...screen(() => import('./routes/not-found')) },
    ],
  },
];

/** The router (history API under `/console/`: the gateway and CloudFront answer index.html for these paths). */
export function createConsoleRouter() {
  return createBrowserRouter(routes, { basename: '/console' });
}
