import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProvider } from './app/provider';
import { createConsoleRouter } from './app/router';
import { signInFromFragment } from './lib/auth/sign-in';
import { loadConfig } from './lib/config';

/**
 * Read the deployment's settings, honour `#as=officer|inspector` (local only), then render. The router is made
 * first: it starts fetching the screen's chunk at once, while the settings and the token are on their way.
 */
async function start() {
  const router = createConsoleRouter();
  await loadConfig();
  await signInFromFragment().catch((error: unknown) => console.error(error));
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
}

void start();
