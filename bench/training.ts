/**
 * Training speed (a bench, not a test), one table: the app's worker training vs a plain tfjs
 * `model.fit` script (same Chromium, same backend, same kernels) vs PyTorch CPU on 1 thread, for
 * - the seed's MNIST MLP (784-64-64-10, batch 64, RMSprop, 48,000 training samples): s/epoch;
 * - one training step at batch 64 (RMSprop, as the app's default) of the MNIST conv net and of
 *   the seed's toy ResNet: ms/step, both the median of an epoch's steps after the first (the app
 *   reports it with each epoch; the first step carries the warm-up); model.fit runs as many steps.
 * PyTorch runs bench/torchReference.py with /usr/bin/python3 (bench/setup.sh installs torch);
 * without torch the table says so and shows the rest. The machine may be shared: the load
 * average is printed before and after, and PyTorch's CPU time next to its wall time.
 *
 *   npx tsx bench/training.ts   (BENCH_PORT=4313, BENCH_DIST=/tmp/dist-training-bench,
 *                                BENCH_BACKEND=wasm|webgl|webgpu|cpu (GPU ones launch Chromium
 *                                with its GPU), BENCH_THREADS=off|on (wasm), BENCH_NO_BUILD=1,
 *                                BENCH_ROUNDS=3: app and model.fit in turns, the fastest kept)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { build } from 'vite';
import { zipSync } from 'fflate';
import { ProjectBuilder } from '../src/engine/build';
import { mnistPngs } from '../src/engine/train/data/mnistPngs';
import { loadMnistFromDisk, mnistDir } from '../src/engine/train/nodeEnv';
import { launchChromium, startPreview } from './preview';

const port = Number(process.env.BENCH_PORT ?? 4313);
const dist = process.env.BENCH_DIST ?? '/tmp/dist-training-bench';
const backend = process.env.BENCH_BACKEND ?? 'wasm';
const threads = (process.env.BENCH_THREADS ?? 'off') as 'on' | 'off';
const PYTHON = '/usr/bin/python3';
const CONV_IMAGES = 6000;
const RESNET_SAMPLES = 1280;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Input 28×28×1 → Conv2D(16, 3) → MaxPool → Conv2D(32, 3) → MaxPool → Flatten → Dense(10) logits. */
function convProject(): string {
  const b = new ProjectBuilder('mnist_conv');
  const inp = b.input([28, 28, 1], { name: 'img' });
  let x = b.layer('Conv2D', { filters: 16, kernel_size: 3, activation: 'relu' }).call(inp);
  x = b.layer('MaxPooling2D', { pool_size: 2 }).call(x);
  x = b.layer('Conv2D', { filters: 32, kernel_size: 3, activation: 'relu' }).call(x);
  x = b.layer('MaxPooling2D', { pool_size: 2 }).call(x);
  x = b.layer('Flatten').call(x);
  b.model('mnist_conv', [inp], [b.layer('Dense', { units: 10 }, 'digit').call(x)]);
  return JSON.stringify(b.build());
}

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Workload = 'mlp' | 'mnist_conv' | 'toy_resnet';

interface AppRun { seconds: number; stepMs: number; steps: number; ranOn: string }

/** The app: open the model, Train tab, one epoch; returns seconds, steps and the backend it reported. */
async function appEpoch(browser: Browser, w: Workload): Promise<AppRun> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/${w === 'mnist_conv' ? '' : `?template=${w === 'mlp' ? 'mnist_model' : 'toy_resnet'}`}`);
  await page.locator('html[data-projects-ready="true"]').waitFor({ timeout: 60_000 });
  if (w === 'mnist_conv') {
    await page.getByTestId('project-menu').click();
    await page.getByTestId('open-file-input').setInputFiles({ name: 'mnist_conv.json', mimeType: 'application/json', buffer: Buffer.from(convProject()) });
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('tab-train').click();
  const form = page.getByTestId('data-form');
  if (w === 'mnist_conv') {
    const zip = Buffer.from(zipSync(mnistPngs(loadMnistFromDisk(), CONV_IMAGES)));
    await form.locator('label', { has: page.getByTestId('data-images') }).click();
    await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: zip });
  }
  if (w === 'toy_resnet') {
    await form.locator('label', { has: page.getByTestId('data-synthetic') }).click();
    await page.getByTestId('synthetic-count').fill(String(RESNET_SAMPLES));
  }
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('batch-size').fill('64');
  await page.getByTestId('validation-split').fill('0.2');
  await page.getByTestId('backend').selectOption(backend);
  await page.getByTestId('wasm-threads').selectOption(threads);
  await page.getByTestId('train-button').click();
  const epoch = page.getByTestId('epoch-logs').locator('li').first();
  await epoch.waitFor({ timeout: 900_000 });
  const seconds = Number(await epoch.getAttribute('data-seconds'));
  const perSec = Number(await epoch.getAttribute('data-samples-per-sec'));
  const stepMs = Number(await epoch.getAttribute('data-step-ms'));
  const ranOn = (await page.getByTestId('backend-info').textContent()) ?? backend;
  await page.close();
  return { seconds, stepMs, steps: Math.ceil((seconds * perSec) / 64 - 1e-6), ranOn };
}

interface FitResult { backend: string; mlpSeconds: number; mnistConvMs: number; toyResnetMs: number; error?: string }

async function fitReference(browser: Browser, steps: { conv: number; resnet: number }): Promise<FitResult> {
  const ref = await browser.newPage();
  await ref.goto(`http://127.0.0.1:${port}/bench/training.html?backend=${backend}&threads=${threads}&convSteps=${steps.conv}&resnetSteps=${steps.resnet}`);
  await ref.waitForFunction(() => (window as unknown as { __fit?: unknown }).__fit, undefined, { timeout: 900_000 });
  const fit = await ref.evaluate(() => (window as unknown as { __fit: FitResult }).__fit);
  await ref.close();
  if (fit.error) throw new Error(`model.fit reference: ${fit.error}`);
  return fit;
}

type Torch = Record<'mlp_epoch' | 'mnist_conv_step' | 'toy_resnet_step', [number, number]> & { torch: string };

/** PyTorch's rows, or why there are none. */
function torchReference(): Torch | string {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0) return `${PYTHON} has no torch (run bench/setup.sh: python3-torch, libopenblas0-pthread)`;
  const r = spawnSync(PYTHON, [join(import.meta.dirname, 'torchReference.py'), join(mnistDir(), 'train-images-idx3-ubyte')], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  if (r.status !== 0) return `PyTorch failed: ${r.stderr.slice(-300)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Torch;
}

async function main() {
  const loadBefore = load();
  const torch = torchReference();
  if (!process.env.BENCH_NO_BUILD)
    await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, rollupOptions: { input: { main: 'index.html', bench: 'bench/training.html' } } } });
  const { stop } = await startPreview(dist, port);
  const browser = await launchChromium({ gpu: backend === 'webgl' || backend === 'webgpu' }).catch((e: unknown) => {
    stop();
    throw e;
  });
  try {
    // app and model.fit in turns, the fastest of each kept: on a shared machine a burst of
    // other work during one measurement would otherwise decide the ratio
    const runs: { mlp: AppRun; conv: AppRun; resnet: AppRun; fit: FitResult }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const [mlp, conv, resnet] = [await appEpoch(browser, 'mlp'), await appEpoch(browser, 'mnist_conv'), await appEpoch(browser, 'toy_resnet')];
      runs.push({ mlp, conv, resnet, fit: await fitReference(browser, { conv: conv.steps, resnet: resnet.steps }) });
    }
    const fastest = (xs: AppRun[]): AppRun => ({ ...xs[0], seconds: Math.min(...xs.map((x) => x.seconds)), stepMs: Math.min(...xs.map((x) => x.stepMs)) });
    const [mlp, conv, resnet] = [fastest(runs.map((x) => x.mlp)), fastest(runs.map((x) => x.conv)), fastest(runs.map((x) => x.resnet))];
    const fit: FitResult = { ...runs[0].fit, mlpSeconds: Math.min(...runs.map((x) => x.fit.mlpSeconds)), mnistConvMs: Math.min(...runs.map((x) => x.fit.mnistConvMs)), toyResnetMs: Math.min(...runs.map((x) => x.fit.toyResnetMs)) };
    const rows: [string, string, number, number, [number, number] | undefined, number][] = [
      ['MNIST MLP epoch', 's', mlp.seconds, fit.mlpSeconds, typeof torch === 'string' ? undefined : torch.mlp_epoch, 1],
      ['MNIST conv step', 'ms', conv.stepMs, fit.mnistConvMs, typeof torch === 'string' ? undefined : torch.mnist_conv_step, 1000],
      ['toy ResNet step', 'ms', resnet.stepMs, fit.toyResnetMs, typeof torch === 'string' ? undefined : torch.toy_resnet_step, 1000],
    ];
    const f = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
    const x = (a: number, b?: number) => (b ? `${(a / b).toFixed(2)}×` : '—');
    console.log(`Training speed, batch 64, Chromium; app: ${mlp.ranOn}; model.fit: ${fit.backend}; ` +
      `PyTorch ${typeof torch === 'string' ? 'missing' : `${torch.torch} CPU, 1 thread`}; ${os.cpus().length} cores`);
    console.log('| workload | app | model.fit | PyTorch wall (cpu) | app / PyTorch | model.fit / PyTorch | app / model.fit |');
    console.log('|---|---|---|---|---|---|---|');
    for (const [what, unit, app, ref, pt, scale] of rows) {
      const ptWall = pt && pt[0] * scale;
      console.log(`| ${what} (${unit}) | ${f(app)} | ${f(ref)} | ${pt ? `${f(ptWall!)} (${f(pt[1] * scale)})` : '—'} | ${x(app, ptWall)} | ${x(ref, ptWall)} | ${x(app, ref)} |`);
    }
    if (typeof torch === 'string') console.log(`PyTorch: ${torch}`);
    console.log(`fastest of ${ROUNDS} rounds (app, then model.fit, in turns); app steps per epoch: MLP ${mlp.steps}, MNIST conv ${conv.steps} (${CONV_IMAGES} PNGs), toy ResNet ${resnet.steps} (synthetic); load average (1/5/15 min): ${loadBefore} before → ${load()} after`);
  } finally {
    await browser.close();
    stop();
  }
}

await main();
