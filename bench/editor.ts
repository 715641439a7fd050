/**
 * Editor bench (not a test): opens a generated 1,000-node project in the built app in Chromium
 * (through the project menu's file input, as a user would), then drags one node across the
 * canvas while every frame is timed with requestAnimationFrame. Reports frame times and the
 * time from a parameter edit to the next painted frame.
 *
 *   npx tsx bench/editor.ts   (or `npm run bench`; BENCH_PORT=4302, BENCH_DIST=/tmp/dist-editor-bench,
 *                              BENCH_NO_BUILD=1 to reuse a build)
 */
import { spawn, execSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { bigGraph } from './editorGraph';

const port = Number(process.env.BENCH_PORT ?? 4302);
const dist = process.env.BENCH_DIST ?? '/tmp/dist-editor-bench';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function waitForServer(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

async function benchEditor(): Promise<Record<string, number>> {
  if (!process.env.BENCH_NO_BUILD) execSync(`npx vite build --outDir ${dist} --emptyOutDir`, { stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForServer(url);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.getByTestId('canvas').waitFor();
    const doc = bigGraph();
    const nodes = Object.values(doc.models)[0].nodes.length;
    await page.getByTestId('open-file-input').setInputFiles({ name: 'bench.layerflow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.locator('.react-flow__node').nth(nodes - 1).waitFor({ state: 'attached', timeout: 60_000 });
    // Zoomed so every node is on screen (the worst case: nothing is culled).
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await page.waitForTimeout(1500);
    const rendered = await page.locator('.react-flow__node').count();

    const target = page.locator('.react-flow__node').nth(Math.floor(nodes / 2));
    const box = (await target.boundingBox())!;
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__frames = [];
      w.__stop = false;
      const tick = (t: number) => {
        w.__frames.push(t);
        if (!w.__stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const start = { x: box.x + box.width / 2, y: box.y + 4 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const steps = 120;
    const t0 = Date.now();
    for (let i = 1; i <= steps; i++) await page.mouse.move(start.x + i * 3, start.y + Math.sin(i / 10) * 40);
    const dragMs = Date.now() - t0;
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames;
    });
    const deltas = frames.slice(1).map((t, i) => t - frames[i]);

    // A parameter edit: type into the inspector, time until the next frame is painted.
    await target.locator('.lf-node-title').click();
    const field = page.getByTestId('param-units');
    await field.fill('24');
    const editMs = await field.evaluate(
      (el) =>
        new Promise<number>((resolve) => {
          const t = performance.now();
          el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
        }),
    );
    return {
      nodes,
      rendered,
      frames: deltas.length,
      dragSteps: steps,
      dragMs,
      frameMean: deltas.reduce((a, b) => a + b, 0) / deltas.length,
      frameP50: pct(deltas, 50),
      frameP95: pct(deltas, 95),
      frameMax: Math.max(...deltas),
      fps: (1000 * deltas.length) / deltas.reduce((a, b) => a + b, 0),
      editToPaintMs: editMs,
    };
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const r = await benchEditor();
console.log(`editor bench: ${r.nodes} nodes (${r.rendered} rendered), drag of ${r.dragSteps} pointer moves over ${r.dragMs} ms`);
console.log(`  frames while dragging: ${r.frames}, mean ${ms(r.frameMean)}, p50 ${ms(r.frameP50)}, p95 ${ms(r.frameP95)}, max ${ms(r.frameMax)}  (${r.fps.toFixed(1)} fps)`);
console.log(`  param edit → painted frame: ${ms(r.editToPaintMs)}`);
