/**
 * Editor bench (not a test): opens a generated 1,000-node project in the built app in Chromium
 * (through the project menu's file input, as a user would), then drags one node across the
 * canvas while every frame is timed with requestAnimationFrame and the renderer's main-thread
 * script time is read from the DevTools protocol. Reports frame times, script ms per frame, the
 * time from a parameter edit to the next painted frame, and analyze() on the same graph in Node.
 * The machine is shared: the load average is printed with the figures.
 *
 *   npx tsx bench/editor.ts   (or `npm run bench`; BENCH_PORT=4302, BENCH_DIST=/tmp/dist-editor-bench,
 *                              BENCH_NO_BUILD=1 to reuse a build, BENCH_PROFILE=<dir> to write a
 *                              .cpuprofile of each drag and of the edit, for Chrome DevTools)
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { analyze } from '../src/engine/analyze';
import type { ProjectDoc } from '../src/engine/doc';
import { bigGraph } from './editorGraph';
import { launchChromium, startPreview } from './preview';

const port = Number(process.env.BENCH_PORT ?? 4302);
const dist = process.env.BENCH_DIST ?? '/tmp/dist-editor-bench';
const profileDir = process.env.BENCH_PROFILE;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

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
  /** Renderer main thread during the drag, per frame: JavaScript, and style + layout. */
  scriptPerFrame: number;
  layoutPerFrame: number;
  load: string;
}

/** Cumulative main-thread durations (seconds) from the Performance domain. */
async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(m.map((x) => [x.name, x.value]));
}

/**
 * Drag the rendered node nearest the canvas centre along a wavy path, one pointer move at a time,
 * timing every frame. (Near the canvas border React Flow would pan the view as well.)
 */
async function dragFrames(page: Page, cdp: CDPSession, label: string, moves = 120): Promise<Frames> {
  const rendered = await page.locator('.react-flow__node').count();
  const index = (await page.evaluate(`(() => {
    const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
    const d = (r) => Math.hypot(r.x + r.width / 2 - c.x - c.width / 2, r.y + r.height / 2 - c.y - c.height / 2);
    const rs = [...document.querySelectorAll('.react-flow__node')].map((n) => d(n.getBoundingClientRect()));
    return rs.indexOf(Math.min(...rs));
  })()`)) as number;
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
  if (profileDir) await cdp.send('Profiler.start');
  const m0 = await metrics(cdp);
  await page.mouse.down();
  const t0 = Date.now();
  for (let i = 1; i <= moves; i++) await page.mouse.move(start.x + i * 2, start.y + Math.sin(i / 10) * 40);
  const dragMs = Date.now() - t0;
  await page.mouse.up();
  const frames = (await page.evaluate('(() => { window.__stop = true; return window.__frames; })()')) as number[];
  const m1 = await metrics(cdp);
  if (profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `drag-${label}.cpuprofile`), JSON.stringify(profile));
  }
  const d = frames.slice(1).map((t, i) => t - frames[i]);
  const sum = d.reduce((a, b) => a + b, 0);
  const per = (k: string) => ((m1[k] - m0[k]) * 1000) / d.length;
  return {
    rendered, moves, dragMs, frames: d.length, mean: sum / d.length, p50: pct(d, 50), p95: pct(d, 95), max: Math.max(...d), fps: (1000 * d.length) / sum,
    scriptPerFrame: per('ScriptDuration'), layoutPerFrame: per('LayoutDuration') + per('RecalcStyleDuration'), load: load(),
  };
}

async function benchEditor(doc: ProjectDoc) {
  if (!process.env.BENCH_NO_BUILD) execSync(`npx vite build --outDir ${dist} --emptyOutDir`, { stdio: 'ignore' });
  const { url, stop } = await startPreview(dist, port);
  const browser = await launchChromium().catch((e: unknown) => {
    stop();
    throw e;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    if (profileDir) await cdp.send('Profiler.enable');
    await page.goto(url);
    await page.locator('html[data-projects-ready=true]').waitFor();
    const nodes = Object.values(doc.models)[0].nodes.length;
    await page.getByTestId('open-file-input').setInputFiles({ name: 'bench.layerflow.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    const t0Open = Date.now();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=canvas][data-settled=true]').waitFor({ timeout: 120_000 });
    const openMs = Date.now() - t0Open;
    const openLoad = load();
    // As opened: the view shows the top of the graph at a readable zoom (off-screen nodes are culled).
    const working = await dragFrames(page, cdp, 'working');
    // Zoomed out so every node is on screen: the worst case, nothing is culled.
    await page.getByTestId('canvas').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    for (let i = 0; i < 100 && (await page.locator('.react-flow__node').count()) < nodes; i++) await page.waitForTimeout(200);
    await page.waitForTimeout(500);
    const all = await dragFrames(page, cdp, 'all');

    // A parameter edit on the dragged (so selected) Dense layer: type into the inspector, time until the next frame is painted.
    const field = page.getByTestId('param-units');
    await field.fill('24');
    await field.focus();
    if (profileDir) await cdp.send('Profiler.start');
    const editMs = (await page.evaluate(`new Promise((resolve) => {
      const t = performance.now();
      document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t)));
    })`)) as number;
    if (profileDir) writeFileSync(join(profileDir, 'edit.cpuprofile'), JSON.stringify((await cdp.send('Profiler.stop')).profile));
    return { nodes, openMs, openLoad, working, all, editToPaintMs: editMs, editLoad: load() };
  } finally {
    await browser.close();
    stop();
  }
}

/**
 * analyze() on the bench graph in Node, 15 runs each: a fresh document (nothing memoised) and
 * after one units edit. Median wall and CPU ms (CPU includes V8's helper threads: GC,
 * compilation) and the fastest run, the best estimate of the cost on an idle machine.
 */
function benchAnalyze(doc: ProjectDoc) {
  const time = (f: () => void) => {
    const c = process.cpuUsage();
    const t = performance.now();
    f();
    const wall = performance.now() - t;
    const u = process.cpuUsage(c);
    return { wall, cpu: (u.user + u.system) / 1000 };
  };
  const median = (xs: { wall: number; cpu: number }[], k: 'wall' | 'cpu') => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const full: { wall: number; cpu: number }[] = [];
  const edit: { wall: number; cpu: number }[] = [];
  let d = doc;
  for (let r = 0; r < 15; r++) {
    d = structuredClone(doc); // new objects: nothing memoised
    full.push(time(() => analyze(d)));
  }
  const dense = Object.values(d.layers).filter((l) => l.kind === 'Dense');
  for (let r = 0; r < 15; r++) {
    const l = dense[(r * 37) % dense.length];
    d = { ...d, layers: { ...d.layers, [l.id]: { ...l, params: { ...l.params, units: r % 2 ? 16 : 24 } } } };
    edit.push(time(() => analyze(d)));
  }
  const least = (xs: { wall: number }[]) => Math.min(...xs.map((x) => x.wall));
  return { full: median(full, 'wall'), fullCpu: median(full, 'cpu'), fullMin: least(full), edit: median(edit, 'wall'), editCpu: median(edit, 'cpu'), editMin: least(edit), load: load() };
}

const doc = bigGraph();
const a = benchAnalyze(doc);
const r = await benchEditor(doc);
const line = (name: string, f: Frames) =>
  console.log(
    `  ${name.padEnd(26)} ${String(f.rendered).padStart(4)} nodes rendered | ${f.fps.toFixed(1).padStart(5)} fps | frame p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)} | ` +
      `script ${ms(f.scriptPerFrame)}/frame, style+layout ${ms(f.layoutPerFrame)}/frame | ${f.moves} moves in ${f.dragMs} ms | load ${f.load}`,
  );
console.log(`editor bench: ${r.nodes} nodes`);
console.log(`  analyze (Node)             full ${ms(a.full)} wall, ${ms(a.fullCpu)} CPU, fastest ${ms(a.fullMin)} (budget 20); after a units edit ${ms(a.edit)} wall, ${ms(a.editCpu)} CPU, fastest ${ms(a.editMin)} (budget 5) | load ${a.load}`);
console.log(`  open + elk layout + view   ${r.openMs} ms | load ${r.openLoad}`);
line('drag, working view', r.working);
line('drag, all on screen', r.all);
console.log(`  param edit → painted frame ${ms(r.editToPaintMs)} | load ${r.editLoad}`);
