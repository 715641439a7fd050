/**
 * Training bench (not a test): samples/s of the app's worker training (custom loop) against a
 * plain tfjs `model.fit` script of the same model (the seed's MNIST MLP, batch 64, validation
 * split 0.2, RMSprop) in the same Chromium and on the same backend. One epoch each, one run.
 * On WASM both with threads and single-thread SIMD, side by side (the load average shows how
 * busy the shared machine was).
 *
 *   npx tsx bench/training.ts   (BENCH_PORT=4313, BENCH_DIST=/tmp/dist-training-bench,
 *                                BENCH_BACKEND=wasm|cpu|webgl, BENCH_THREADS=off,on (wasm),
 *                                BENCH_MODEL=mlp|conv (conv: a small conv net, the app only),
 *                                BENCH_REPEAT=n epochs per mode, alternating,
 *                                BENCH_NO_BUILD=1 to reuse a build)
 */
import os from 'node:os';
import { build } from 'vite';
import { zipSync } from 'fflate';
import { ProjectBuilder } from '../src/engine/build';
import { mnistPngs } from '../src/engine/train/data/mnistPngs';
import { loadMnistFromDisk } from '../src/engine/train/nodeEnv';
import { launchChromium, startPreview } from './preview';

const port = Number(process.env.BENCH_PORT ?? 4313);
const dist = process.env.BENCH_DIST ?? '/tmp/dist-training-bench';
const backend = process.env.BENCH_BACKEND ?? 'wasm';
/** mlp: the seed's MNIST model on MNIST, against plain model.fit; conv: a small conv net on a zip of 6000 MNIST PNGs, app only. */
const modelKind = process.env.BENCH_MODEL ?? 'mlp';
/** Epochs per mode, alternating modes (the machine is shared: one run each is noise). */
const repeat = Number(process.env.BENCH_REPEAT ?? 1);
const CONV_IMAGES = 6000;
let zip: Buffer | null = null;

/** Input 28×28×1 → Conv2D(16, 3) → MaxPool → Conv2D(32, 3) → MaxPool → Flatten → Dense(10) logits (12,810 params). */
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
interface Run {
  seconds: number;
  samplesPerSec: number;
  ranOn: string;
}
const load = () => os.loadavg()[0].toFixed(2);

/** The app: MNIST template, Train tab, one epoch on the backend, WASM threads on or off. */
async function appEpoch(browser: Browser, threads: 'on' | 'off'): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/${modelKind === 'conv' ? '' : '?template=mnist_model'}`);
  await page.locator('html[data-projects-ready="true"]').waitFor({ timeout: 60_000 });
  if (modelKind === 'conv') {
    await page.getByTestId('project-menu').click();
    await page.getByTestId('open-file-input').setInputFiles({ name: 'mnist_conv.json', mimeType: 'application/json', buffer: Buffer.from(convProject()) });
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('tab-train').click();
  if (modelKind === 'conv') {
    zip ??= Buffer.from(zipSync(mnistPngs(loadMnistFromDisk(), CONV_IMAGES)));
    await page.getByTestId('data-form').locator('label', { has: page.getByTestId('data-images') }).click();
    await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: zip });
  }
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('backend').selectOption(backend);
  await page.getByTestId('wasm-threads').selectOption(threads);
  await page.getByTestId('train-button').click();
  const epoch = page.getByTestId('epoch-logs').locator('li').first();
  await epoch.waitFor({ timeout: 600_000 });
  const run = { samplesPerSec: Number(await epoch.getAttribute('data-samples-per-sec')), seconds: Number(await epoch.getAttribute('data-seconds')), ranOn: (await page.getByTestId('backend-info').textContent()) ?? backend };
  await page.close();
  return run;
}

/** The reference: plain model.fit in a worker of the same browser. */
async function fitEpoch(browser: Browser, threads: 'on' | 'off'): Promise<Run> {
  const ref = await browser.newPage();
  await ref.goto(`http://127.0.0.1:${port}/bench/training.html?backend=${backend}&threads=${threads}`);
  await ref.waitForFunction(() => (window as unknown as { __fit?: unknown }).__fit, undefined, { timeout: 600_000 });
  const fit = await ref.evaluate(() => (window as unknown as { __fit: { samplesPerSec: number; seconds: number; backend: string } }).__fit);
  await ref.close();
  return { ...fit, ranOn: fit.backend };
}

async function benchTraining() {
  if (!process.env.BENCH_NO_BUILD)
    await build({ logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, rollupOptions: { input: { main: 'index.html', bench: 'bench/training.html' } } } });
  const { stop } = await startPreview(dist, port);
  const browser = await launchChromium().catch((e: unknown) => {
    stop();
    throw e;
  });
  try {
    // WASM: single-thread SIMD and threads side by side, in the same run (other backends: one row pair).
    const modes = backend === 'wasm' ? ((process.env.BENCH_THREADS?.split(',') ?? ['off', 'on']) as ('on' | 'off')[]) : (['off'] as const);
    const rows: string[] = [];
    const apps: Record<string, number[]> = {};
    for (let r = 0; r < repeat; r++)
      for (const mode of modes) {
        const before = load();
        const app = await appEpoch(browser, mode);
        (apps[mode] ??= []).push(app.seconds);
        rows.push(`| app worker (custom loop), ${app.ranOn} | ${app.seconds.toFixed(2)} | ${Math.round(app.samplesPerSec)} | ${before} → ${load()} |`);
        if (modelKind === 'conv' || r > 0) continue;
        const fit = await fitEpoch(browser, mode);
        rows.push(`| plain tfjs model.fit, ${fit.ranOn} | ${fit.seconds.toFixed(2)} | ${Math.round(fit.samplesPerSec)} | |`);
        rows.push(`| ratio app/model.fit | ${(app.seconds / fit.seconds).toFixed(2)} | | |`);
      }
    const what = modelKind === 'conv' ? `conv net (12,810 params) on ${CONV_IMAGES} MNIST PNGs (${CONV_IMAGES * 0.8 * 0.8} training samples)` : 'MNIST MLP (55,050 params), 48,000 training samples';
    console.log(`${what}, batch 64, one epoch per row, Chromium, ${os.cpus().length} cores`);
    console.log('| run | s/epoch (train) | samples/s | load average (1 min) |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(r);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    if (apps.on && apps.off) console.log(`app, median of ${repeat}: threads ${median(apps.on).toFixed(2)} s/epoch vs single-thread SIMD ${median(apps.off).toFixed(2)} s/epoch (threads/single = ${(median(apps.on) / median(apps.off)).toFixed(2)})`);
  } finally {
    await browser.close();
    stop();
  }
}

await benchTraining();
