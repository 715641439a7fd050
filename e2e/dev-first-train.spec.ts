/**
 * `npm run dev` on a fresh clone: the first Train must not reload the page. This spec starts its
 * own Vite dev server (not the config's preview server) with an empty dependency cache, as a
 * fresh clone has, and trains on the first click.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { trainOneSyntheticEpoch } from './editorHelpers';
import { createServer, type ViteDevServer } from 'vite';

let server: ViteDevServer;
let cacheDir: string;

test.beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'layerflow-vite-cache-'));
  server = await createServer({
    configFile: join(import.meta.dirname, '../vite.config.ts'),
    cacheDir,
    logLevel: 'warn',
    server: { port: Number(process.env.E2E_DEV_PORT ?? 4195), strictPort: false, host: '127.0.0.1' },
  });
  await server.listen();
});

test.afterAll(async () => {
  await server?.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

test('dev server with an empty Vite cache: the first Train runs to the end, no page reload', async ({ page }) => {
  test.setTimeout(600_000);
  const url = server.resolvedUrls!.local[0];
  await page.goto(`${url}?template=ticket_classifier`);
  await expect(page.locator('html')).toHaveAttribute('data-projects-ready', 'true', { timeout: 300_000 });
  // From here on, any navigation of the page is a reload that would discard the run.
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  await trainOneSyntheticEpoch(page);
  const state = async () => (navigations ? 'reloaded' : await page.getByTestId('run-view').getAttribute('data-status'));
  await expect.poll(state, { timeout: 400_000, intervals: [500] }).toMatch(/^(completed|reloaded)$/);
  expect(navigations).toBe(0);
  await expect(page.getByTestId('epoch-logs').locator('li')).toHaveCount(1);
});
