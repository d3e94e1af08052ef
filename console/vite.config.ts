import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { antdCssForTheConsole } from './scripts/antd-css.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
  plugins: [react(), antdCssForTheConsole()],
  resolve: { alias: { '@': here('src') } },
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
  },
});
