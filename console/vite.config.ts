import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { antdCssForTheConsole } from './scripts/antd-css.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The first screen's chunk (the dashboard) and the chunks it imports, preloaded from index.html: the browser fetches
 * them with the entry instead of after the entry has run and the router has asked for the screen.
 */
function preloadFirstScreen(): Plugin {
  return {
    name: 'console-preload-first-screen',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const bundle = context.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const screen = chunks.find((chunk) =>
          chunk.facadeModuleId?.endsWith('/features/dashboard/routes/dashboard.tsx'),
        );
        if (!screen) return html;
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName) || html.includes(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(screen.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/console/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * The agency console: a single-page app under `/console/`. Routes are lazy chunks; assets get content hashes (the
 * gateway and CloudFront cache them for a year); `index.html` is never cached. No inline script or style: antd
 * runs in zero-runtime mode with its static stylesheet (see src/app/provider.tsx), so the pages work under a CSP
 * without 'unsafe-inline'.
 */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: here('public'),
  plugins: [react(), antdCssForTheConsole(), preloadFirstScreen()],
  resolve: { alias: { '@': here('src'), '@shared': here('../shared') } },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? here('../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // no inline <script> for the module preload polyfill: every script is a file
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    sourcemap: process.env.CONSOLE_SOURCEMAP === '1',
    rolldownOptions: {
      output: {
        /**
         * Two chunks instead of some twenty: the framework every screen runs on (React, the router, the data cache)
         * and the console's own data layer (the API client, the screens' queries, dates and names). The first
         * screen was twenty-odd files of 1–6 KB; over HTTP/1.1 (the local gateway) and on a slow network each
         * costs a round trip, so they are fetched as two. antd stays with the screens that use it, the Cognito sign-in
         * (oidc-client-ts) with the deployments that use it.
         */
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](react-query|query-core))[\\/]/,
            },
            {
              name: 'data',
              test: /console[\\/]src[\\/](lib[\\/](?!api[\\/]form-problems|auth[\\/]cognito)|features[\\/][^\\/]+[\\/]api[\\/])/,
            },
          ],
        },
      },
    },
  },
});
