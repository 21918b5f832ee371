import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The example server's portal. Build: `pnpm --filter @aurora-rca/example-express-server run build:portal`
 * (= `vite build --config portal/vite.config.ts`); the server serves `portal/dist`.
 * Workspace packages are bundled from source (the `@aurora-rca/source` condition), so no
 * package build is needed first.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  resolve: {
    conditions: ['@aurora-rca/source', ...defaultClientConditions],
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `vite --config portal/vite.config.ts` during development: the API runs on the example server.
    proxy: { '/api': { target: process.env.AURORA_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
