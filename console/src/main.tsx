import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider, queryClient } from './app/provider';
import { createConsoleRouter } from './app/router';
import { prefetchDashboard } from './features/dashboard/api/dashboard-data';
import { currentSession } from './lib/auth/session';
import { signInFromFragment } from './lib/auth/sign-in';
import { loadConfig } from './lib/config';

/**
 * Read the deployment's settings, honour `#as=officer|inspector` (local only), then render. The router is made
 * first: it starts fetching the screen's chunk at once, while the settings and the token are on their way; on the
 * dashboard, its data requests start before the first render too.
 */
async function start() {
  const router = createConsoleRouter();
  await loadConfig();
  await signInFromFragment().catch((error: unknown) => console.error(error));
  // the dashboard's requests leave now, while its code arrives and renders
  const session = currentSession();
  if (session && /^\/console\/?$/.test(window.location.pathname)) {
    prefetchDashboard(queryClient, { officer: session.role === 'officer' });
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}

void start();
