import path from 'node:path';
import { defineConfig } from 'vite';

/** The staff console: built into dist/console and served by the API at /console (api/plugins/console.ts). */
export default defineConfig({
  root: path.resolve(__dirname),
  base: '/console/',
  // JSX by Vite's own transform (no plugin): React's automatic runtime.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(__dirname, '../dist/console'),
    emptyOutDir: true,
    // no inline scripts or module-preload polyfill: the CSP allows only the console's own files
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Query marks its hooks "use client" for server components; a single-page app has none
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/console/config.json': 'http://127.0.0.1:3000' } },
});
