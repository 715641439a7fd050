/**
 * Training bench (not a test): samples/s of the app's worker training (custom loop) against a
 * plain tfjs `model.fit` script of the same model (the seed's MNIST MLP, batch 64, validation
 * split 0.2, RMSprop) in the same Chromium and on the same backend. One epoch each, one run.
 *
 *   npx tsx bench/training.ts   (BENCH_PORT=4313, BENCH_DIST=/tmp/dist-training-bench,
 *                                BENCH_BACKEND=wasm|cpu|webgl, BENCH_NO_BUILD=1 to reuse a build)
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const port = Number(process.env.BENCH_PORT ?? 4313);
const dist = process.env.BENCH_DIST ?? '/tmp/dist-training-bench';
const backend = process.env.BENCH_BACKEND ?? 'wasm';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function waitForServer(url: string) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

async function benchTraining() {
  if (!process.env.BENCH_NO_BUILD)
    await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, rollupOptions: { input: { main: 'index.html', bench: 'bench/training.html' } } } });
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await waitForServer(`http://127.0.0.1:${port}/`);
    // The app: MNIST template, Train tab, one epoch on the chosen backend.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?template=mnist_model`);
    await page.locator('html[data-projects-ready="true"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-train').click();
    await page.getByTestId('epochs').fill('1');
    await page.getByTestId('backend').selectOption(backend);
    await page.getByTestId('train-button').click();
    const epoch = page.getByTestId('epoch-logs').locator('li').first();
    await epoch.waitFor({ timeout: 600_000 });
    const app = { samplesPerSec: Number(await epoch.getAttribute('data-samples-per-sec')), seconds: Number(await epoch.getAttribute('data-seconds')) };
    const ranOn = (await page.getByTestId('backend-info').textContent()) ?? backend;
    await page.close();
    // The reference: plain model.fit in a worker of the same browser.
    const ref = await browser.newPage();
    await ref.goto(`http://127.0.0.1:${port}/bench/training.html?backend=${backend}`);
    await ref.waitForFunction(() => (window as unknown as { __fit?: unknown }).__fit, undefined, { timeout: 600_000 });
    const fit = (await ref.evaluate(() => (window as unknown as { __fit: { samplesPerSec: number; seconds: number; backend: string } }).__fit));
    console.log(`MNIST MLP (55,050 params), batch 64, 48,000 training samples, one epoch, Chromium, backend ${ranOn}`);
    console.log('| run | s/epoch (train) | samples/s |');
    console.log('|---|---|---|');
    console.log(`| app worker (custom loop) | ${app.seconds.toFixed(2)} | ${Math.round(app.samplesPerSec)} |`);
    console.log(`| plain tfjs model.fit (${fit.backend}) | ${fit.seconds.toFixed(2)} | ${Math.round(fit.samplesPerSec)} |`);
    console.log(`time ratio app/model.fit = ${(app.seconds / fit.seconds).toFixed(2)} (≤ 1.0: the app is not slower); speed-up ${(app.samplesPerSec / fit.samplesPerSec).toFixed(2)}×`);
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!);
    } catch {
      /* already gone */
    }
  }
}

await benchTraining();
