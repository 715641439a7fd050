/**
 * A newcomer's first minutes (issue 15): what a first visit loads, how templates open, and the
 * panels a first run goes through — each step as a user meets it in Chromium at 1440×900.
 */
import { expect, test } from '@playwright/test';
import { TEMPLATES } from '../src/templates';
import { dragBetween, dropKind, openEditor, openTemplate, shortcut, viewStill, trainOneSyntheticEpoch } from './editorHelpers';

test('a first load asks for nothing that is not there: the favicon is served (svg and /favicon.ico)', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await openEditor(page);
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  // Browsers ask for /favicon.ico on their own whatever the page links (headless Chromium does not): it must be there too.
  for (const url of [...icons, '/favicon.ico']) {
    const r = await page.request.get(url);
    expect(r.status(), url).toBe(200);
    expect(r.headers()['content-type'], url).toMatch(/^image\//);
  }
  expect(failed).toEqual([]);
});

test('a status message (a refused connection) clears on the next edit', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 250, 60);
  await dropKind(page, 'Conv2D', 250, 260);
  const out = (await page.locator('[data-testid^="out-input"]').getAttribute('data-testid'))!;
  await dragBetween(page, out, 'in-conv2d-0');
  await expect(page.getByTestId('status')).toContainText('(None, 784)');
  const shown = Date.now();
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByTestId('status')).toHaveText('', { timeout: 2000 });
  // Cleared by the edit, not by the message's own timeout (8 s).
  expect(Date.now() - shown).toBeLessThan(6000);
});

test('after a run the compile/fit settings are still in view, without scrolling past the charts', async ({ page }) => {
  test.setTimeout(240_000);
  await openTemplate(page, 'ticket_classifier');
  await trainOneSyntheticEpoch(page);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('chart-department_loss')).toBeVisible();
  await page.screenshot({ path: 'test-results/newcomer-after-run.png' });
  // Read where things are before any action (an action would scroll its target into view).
  const panel = (await page.locator('.lf-right-body').boundingBox())!;
  expect(await page.locator('.lf-right-body').evaluate((e) => e.scrollTop)).toBe(0);
  for (const id of ['optimizer', 'epochs', 'batch-size']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.y + b.height, id).toBeLessThanOrEqual(panel.y + panel.height);
  }
  // Folding the settings brings the run up, to the top of the panel.
  await page.getByTestId('train-settings').locator('summary').click();
  await expect(page.getByTestId('epochs')).toBeHidden();
  const run = (await page.getByTestId('run-status').boundingBox())!;
  expect(run.y + run.height).toBeLessThanOrEqual(panel.y + 200);
  await page.screenshot({ path: 'test-results/newcomer-after-run-folded.png' });
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

// Every template, as a newcomer opens it at 1440×900: a tall one (toy_resnet) shows its top.
for (const template of Object.keys(TEMPLATES)) test(`${template} opens where its names read: node names at ≥ 11 px, its top row and its full width on screen, no node under the minimap or the controls`, async ({ page }) => {
  await openTemplate(page, template);
  await viewStill(page);
  await page.screenshot({ path: `test-results/newcomer-${template}-open.png` });
  const pane = (await page.getByTestId('canvas').boundingBox())!;
  const overlays = { minimap: (await page.getByTestId('rf__minimap').boundingBox())!, controls: (await page.locator('.react-flow__controls').boundingBox())! };
  // The size names render at: their font size times the view's scale.
  const scale = await page.locator('.react-flow__viewport').evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a);
  const sizes = await page.locator('.react-flow__node .lf-node-title').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(sizes.length).toBeGreaterThan(1);
  for (const size of sizes) expect(size * scale).toBeGreaterThanOrEqual(11);
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: e.querySelector('[data-testid^="node-"]')?.getAttribute('data-testid'), ...(e.getBoundingClientRect().toJSON() as Box) })));
  // The first row (the inputs) whole on screen.
  const top = Math.min(...boxes.map((b) => b.y));
  for (const box of boxes.filter((b) => b.y === top)) expect(inside(box, pane), box.id!).toBe(true);
  for (const box of boxes) {
    if (box.y > pane.y + pane.height || box.y + box.height < pane.y) continue; // below the fold: a tall graph shows its top
    expect(box.x, box.id!).toBeGreaterThanOrEqual(pane.x);
    expect(box.x + box.width, box.id!).toBeLessThanOrEqual(pane.x + pane.width);
    for (const [name, overlay] of Object.entries(overlays)) expect(overlaps(box, overlay), `${box.id} under the ${name}`).toBe(false);
  }
});

test('Fit keeps every node clear of the minimap, and the minimap folds away and back', async ({ page }) => {
  await openTemplate(page, 'ticket_classifier');
  await page.getByRole('button', { name: /^Fit$/ }).click();
  await viewStill(page);
  await page.screenshot({ path: 'test-results/newcomer-ticket-fit.png' });
  const minimap = (await page.getByTestId('rf__minimap').boundingBox())!;
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as Box));
  expect(boxes).toHaveLength(10);
  for (const box of boxes) expect(overlaps(box, minimap), JSON.stringify(box)).toBe(false);
  await page.getByTestId('minimap-toggle').click();
  await expect(page.getByTestId('rf__minimap')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-settled', 'true');
  await expect(page.getByTestId('rf__minimap')).toHaveCount(0);
  await page.getByTestId('minimap-toggle').click();
  await expect(page.getByTestId('rf__minimap')).toBeVisible();
});

test('the Summary tab shows a multi-input model\'s Keras text whole: the "Connected to" column is on screen, no line cut', async ({ page }) => {
  await openTemplate(page, 'ticket_classifier');
  await page.getByTestId('tab-summary').click();
  const pre = page.getByTestId('summary');
  await expect(pre).toContainText("'tags[0][0]'");
  await page.screenshot({ path: 'test-results/newcomer-summary.png' });
  // Every line's text ends inside the box's visible area (no horizontal scroll needed), and the box is on screen.
  const fit = await pre.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const right = box.left + el.clientLeft + el.clientWidth - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    return { lines: rects.length, cut: rects.filter((r) => r.right > right + 0.5).length, scroll: el.scrollWidth - el.clientWidth, boxRight: box.right, viewport: innerWidth };
  });
  expect(fit.lines).toBeGreaterThan(20);
  expect(fit).toMatchObject({ cut: 0, scroll: 0 });
  expect(fit.boxRight).toBeLessThanOrEqual(fit.viewport);
  // The canvas keeps room to work in.
  expect((await page.getByTestId('canvas').boundingBox())!.width).toBeGreaterThan(450);
  // Back on another tab the panel returns to its own width.
  const wide = (await page.locator('.lf-right').boundingBox())!.width;
  await page.getByTestId('tab-inspector').click();
  await expect.poll(async () => (await page.locator('.lf-right').boundingBox())!.width).toBeLessThan(wide);
});

test('inputs dropped on the canvas are named as Keras 3 names them: input_layer, input_layer_1', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 200, 60);
  await dropKind(page, 'InputLayer', 480, 60);
  await expect(page.getByTestId('node-input_layer')).toBeVisible();
  await expect(page.getByTestId('node-input_layer_1')).toBeVisible();
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary')).toContainText('input_layer (InputLayer)');
  await expect(page.getByTestId('summary')).toContainText('input_layer_1 (InputLayer)');
});

test('auto-layout reads like the code: the ticket classifier\'s inputs stand in declaration order, edges into concatenate do not cross', async ({ page }) => {
  await openTemplate(page, 'ticket_classifier');
  await viewStill(page);
  const x = async (name: string) => (await page.getByTestId(`node-${name}`).boundingBox())!.x;
  // keras.Model(inputs=[title_input, body_input, tags_input], …)
  expect(await x('title')).toBeLessThan(await x('body'));
  // Into concatenate (inputs title → lstm, body → lstm_1, tags): its sources stand left to right in port order.
  const sources = await Promise.all(['lstm', 'lstm_1', 'tags'].map(async (n) => (await page.getByTestId(`out-${n}-0`).boundingBox())!.x));
  expect([...sources].sort((a, b) => a - b)).toEqual(sources);
  await page.screenshot({ path: 'test-results/newcomer-ticket-layout.png' });
});
