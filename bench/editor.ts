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
import { chromium, type Page } from '@playwright/test';
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

interface Frames {
  rendered: number;
  moves: number;
  dragMs: number;
  frames: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
  fps: number;
}

/** Drag node `index` (of those rendered) along a wavy path, one pointer move at a time, timing every frame. */
async function dragFrames(page: Page, index: number, moves = 120): Promise<Frames> {
  const rendered = await page.locator('.react-flow__node').count();
  const box = (await page.locator('.react-flow__node').nth(index).boundingBox())!;
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    const tick = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const start = { x: box.x + Math.min(12, box.width / 4), y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 1; i <= moves; i++) await page.mouse.move(start.x + i * 2, start.y + Math.sin(i / 10) * 40);
  const dragMs = Date.now() - t0;
  await page.mouse.up();
  const frames = (await page.evaluate('(() => { window.__stop = true; return window.__frames; })()')) as number[];
  const d = frames.slice(1).map((t, i) => t - frames[i]);
  const sum = d.reduce((a, b) => a + b, 0);
  return { rendered, moves, dragMs, frames: d.length, mean: sum / d.length, p50: pct(d, 50), p95: pct(d, 95), max: Math.max(...d), fps: (1000 * d.length) / sum };
}

async function benchEditor() {
  if (!process.env.BENCH_NO_BUILD) execSync(`npx vite build --outDir ${dist} --emptyOutDir`, { stdio: 'ignore' });
  const server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitForServer(url);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.locator('html[data-projects-ready=true]').waitFor();
    const doc = bigGraph();
    const nodes = Object.values(doc.models)[0].nodes.length;
    await page.getByTestId('open-file-input').setInputFiles({ name: 'bench.layerflow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const t0Open = Date.now();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=canvas][data-settled=true]').waitFor({ timeout: 120_000 });
    const openMs = Date.now() - t0Open;
    // As opened: the view shows the top of the graph at a readable zoom (off-screen nodes are culled).
    const working = await dragFrames(page, 0);
    // Zoomed out so every node is on screen: the worst case, nothing is culled.
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    for (let i = 0; i < 100 && (await page.locator('.react-flow__node').count()) < nodes; i++) await page.waitForTimeout(200);
    await page.waitForTimeout(500);
    const all = await dragFrames(page, Math.floor(nodes / 2));
    const target = page.locator('.react-flow__node').nth(Math.floor(nodes / 2));

    // A parameter edit: type into the inspector, time until the next frame is painted.
    await target.locator('.lf-node-title').click();
    const field = page.getByTestId('param-units');
    await field.fill('24');
    await field.focus();
    const editMs = (await page.evaluate(`new Promise((resolve) => {
      const t = performance.now();
      document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
    })`)) as number;
    return { nodes, openMs, working, all, editToPaintMs: editMs };
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const r = await benchEditor();
const line = (name: string, f: Frames) =>
  console.log(`  ${name}: ${f.rendered} nodes rendered, ${f.moves} pointer moves in ${f.dragMs} ms; frames mean ${ms(f.mean)}, p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)} (${f.fps.toFixed(1)} fps)`);
console.log(`editor bench: ${r.nodes} nodes; open + elk layout + settled view ${r.openMs} ms`);
line('drag, working view', r.working);
line('drag, all nodes on screen', r.all);
console.log(`  param edit → painted frame: ${ms(r.editToPaintMs)}`);
