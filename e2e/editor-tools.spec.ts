/**
 * The editor's tools in Chromium, driven as a user drives them: the palette (every kind by
 * category, search, double-click to add), the inspector's validation, clipboard / duplicate /
 * delete / select all, fit view, the minimap, and every shortcut the help dialog lists.
 * Screenshots of the states go to test-results/editor-tools-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { KINDS } from '../src/nodes';
import { editor } from '../src/app/i18n/messages/editor';
import { clickNode, expectTotal, openEditor, openTemplate, setField, shortcut, templateNodes, wire } from './editorHelpers';

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('failure.png') });
});

/** A category's heading in the palette, from the English catalogue. */
const categoryTitle = (category: string) => (editor.en as Record<string, string>)[`editor.category.${category}`];

const items = (page: Page) => page.locator('.lf-palette-item');
const selectedNodes = (page: Page) => page.locator('.lf-node.selected');
const canvasBox = async (page: Page) => (await page.getByTestId('canvas').boundingBox())!;
const viewport = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);

/** Whether every node of the model is drawn, and drawn inside the canvas. */
async function allInView(page: Page, count: number) {
  const c = await canvasBox(page);
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  return boxes.length === count && boxes.every((b) => b.left >= c.x - 1 && b.top >= c.y - 1 && b.right <= c.x + c.width + 1 && b.bottom <= c.y + c.height + 1);
}

/** Drag the empty pane by (dx, dy): React Flow pans the view. */
async function panBy(page: Page, dx: number, dy: number) {
  const c = await canvasBox(page);
  const from = { x: c.x + 30, y: c.y + 30 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx / 2, from.y + dy / 2, { steps: 4 });
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 4 });
  await page.mouse.up();
}

test('the palette lists every layer kind under its category, and search narrows it', async ({ page }) => {
  await openEditor(page);
  const kinds = Object.values(KINDS);
  await expect(items(page)).toHaveCount(kinds.length);
  const headings = await page.locator('.lf-palette-group h3').allTextContents();
  expect(new Set(headings).size, 'one section per category').toBe(headings.length);
  for (const k of kinds) {
    // Each kind sits in the section headed by its category's title.
    const group = page.locator('.lf-palette-group').filter({ has: page.getByTestId(`palette-${k.kind}`) });
    await expect(group.locator('h3'), k.kind).toHaveText(categoryTitle(k.category));
  }

  const search = page.getByTestId('palette-search');
  await search.fill('maxpool');
  const maxPools = kinds.filter((k) => k.kind.toLowerCase().includes('maxpool')).map((k) => k.kind).sort();
  expect(maxPools.length).toBeGreaterThanOrEqual(4);
  await expect(items(page)).toHaveText(maxPools);
  await expect(page.locator('.lf-palette-group h3')).toHaveText(['Pooling']);
  await page.screenshot({ path: 'test-results/editor-tools-palette-search.png' });

  // Case does not matter; a kind is found by its description too.
  await search.fill('LSTM');
  await expect(page.getByTestId('palette-LSTM')).toBeVisible();
  await expect(page.getByTestId('palette-ConvLSTM2D')).toBeVisible();
  await expect(page.getByTestId('palette-Dense')).toHaveCount(0);
  await search.fill('deconvolution');
  await expect(items(page)).toHaveText(['Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose']);
  await search.fill('nothing like this');
  await expect(items(page)).toHaveCount(0);
  await expect(page.getByTestId('palette')).toContainText('No layer matches "nothing like this"');
  await search.fill('');
  await expect(items(page)).toHaveCount(kinds.length);
  // A found kind is added like any other.
  await search.fill('dense');
  await page.getByTestId('palette-Dense').dblclick();
  await expect(page.getByTestId('node-dense')).toBeVisible();
});

test('double-clicking a kind adds it at the centre of the view, the next ones below it, never on top', async ({ page }) => {
  await openEditor(page);
  const centreOf = async (testId: string) => {
    const b = (await page.getByTestId(testId).boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const c = await canvasBox(page);
  const mid = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
  // An empty model has its two problems (no Input, no output).
  await expect(page.getByTestId('problem')).toHaveCount(2);
  await page.getByTestId('palette-Dense').dblclick();
  const first = await centreOf('node-dense');
  expect(Math.abs(first.x - mid.x)).toBeLessThan(40);
  expect(Math.abs(first.y - mid.y)).toBeLessThan(40);
  await expect(page.getByTestId('inspector')).toContainText('dense');

  // The next ones do not hide the first: they go below it, clear of its handles, as a chain.
  await page.getByTestId('palette-Dense').dblclick();
  await page.getByTestId('palette-Dropout').dblclick();
  const boxes = await Promise.all(['node-dense', 'node-dense_1', 'node-dropout'].map(async (id) => (await page.getByTestId(id).boundingBox())!));
  for (let k = 1; k < boxes.length; k++) {
    expect(Math.abs(boxes[k].x - boxes[0].x)).toBeLessThan(2);
    expect(boxes[k].y).toBeGreaterThan(boxes[k - 1].y + boxes[k - 1].height);
  }
  await page.screenshot({ path: 'test-results/editor-tools-dblclick.png' });
  // Problems came (nodes with nothing connected): the canvas kept its size, nothing jumped.
  await expect.poll(() => page.getByTestId('problem').count()).toBeGreaterThan(5);
  expect(await canvasBox(page)).toEqual(c);

  // After panning, the centre of the view is elsewhere in the graph, and the new node follows it.
  await panBy(page, -300, -200);
  await page.getByTestId('palette-Flatten').dblclick();
  const moved = await centreOf('node-flatten');
  expect(Math.abs(moved.x - mid.x)).toBeLessThan(40);
  expect(Math.abs(moved.y - mid.y)).toBeLessThan(40);
});

test('double-clicking into a full view finds room beside the graph, inside the view', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  const boxOf = async (id: string) => (await page.getByTestId(id).boundingBox())!;
  const before = await Promise.all(['input_1', 'dense', 'dense_1', 'dense_2'].map((n) => boxOf(`node-${n}`)));
  await page.getByTestId('palette-Dense').dblclick();
  const added = await boxOf('node-dense_3');
  const c = await canvasBox(page);
  const apart = (a: typeof added, b: typeof added) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  for (const b of before) expect(apart(added, b)).toBe(true);
  expect(added.x).toBeGreaterThanOrEqual(c.x);
  expect(added.y).toBeGreaterThanOrEqual(c.y);
  expect(added.x + added.width).toBeLessThanOrEqual(c.x + c.width);
  expect(added.y + added.height).toBeLessThanOrEqual(c.y + c.height);
  // Its handles are free: it connects at once.
  await wire(page, 'dense_2', 'dense_3');
  await expect(page.getByTestId('node-dense_3').getByTestId('node-shape')).toHaveText('(None, 32)');
});

test('the inspector shows Keras names and defaults, and refuses invalid values with a message naming them', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await clickNode(page, 'dense');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.locator('h2')).toHaveText('dense Dense');
  // Keras parameter names, in Keras order, with the default as placeholder; changed ones marked.
  const labels = await inspector.locator('.lf-form .lf-field-label').allTextContents();
  expect(labels.slice(0, 4)).toEqual(['name', 'trainable', 'units', 'activation']);
  expect(labels).toEqual(expect.arrayContaining(['use_bias', 'kernel_initializer', 'bias_initializer']));
  const units = page.getByTestId('param-units');
  await expect(units).toHaveValue('64');
  await expect(units).toHaveAttribute('placeholder', '32');
  await expect(inspector.locator('label[for="param-units"]')).toHaveClass(/changed/);
  await expect(inspector.locator('label[for="param-use_bias"]')).not.toHaveClass(/changed/);
  await expect(page.getByTestId('param-use_bias')).toBeChecked();
  await expect(page.getByTestId('param-kernel_initializer')).toHaveValue('glorot_uniform');
  // A None-by-default option is an empty, valid field; call text sets it, emptying it gives None back.
  await expect(inspector.locator('.lf-field-error')).toHaveCount(0);
  await expect(page.getByTestId('param-kernel_regularizer')).toHaveAttribute('placeholder', 'None');
  await setField(page, 'kernel_regularizer', 'L2(l2=0.01)');
  await expect(inspector.locator('label[for="param-kernel_regularizer"]')).toHaveClass(/changed/);
  await setField(page, 'kernel_regularizer', '');
  await expect(inspector.locator('label[for="param-kernel_regularizer"]')).not.toHaveClass(/changed/);
  await expect(inspector.locator('.lf-field-error')).toHaveCount(0);

  // Out of range: the message names the value; Enter does not apply it.
  await setField(page, 'units', '-3');
  await expect(page.getByTestId('param-units-error')).toHaveText('units must be ≥ 1, got -3 — not applied');
  await expect(units).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 64)');
  await page.screenshot({ path: 'test-results/editor-tools-invalid.png' });
  await expectTotal(page, '55,050');
  // Back on the form, the field shows the document's value again.
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('param-units')).toHaveValue('64');

  // Not a number: the message quotes the text as typed; leaving the field does not apply it either.
  await page.getByTestId('param-units').fill('abc');
  await expect(page.getByTestId('param-units-error')).toHaveText('units must be an integer, got "abc" — not applied');
  await page.getByTestId('layer-name').click();
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 64)');
  // Escape gives back the document's value.
  await page.getByTestId('param-units').press('Escape');
  await expect(page.getByTestId('param-units')).toHaveValue('64');
  await expect(page.getByTestId('param-units-error')).toHaveCount(0);

  // A tuple with a non-number is named too (Input shape).
  await clickNode(page, 'input_1');
  await setField(page, 'shape', '28, x');
  await expect(page.getByTestId('param-shape-error')).toContainText('got (28, "x")');
  await expect(page.getByTestId('node-input_1').getByTestId('node-shape')).toHaveText('(None, 784)');

  // A name taken by another layer is refused with the name in the message.
  await clickNode(page, 'dense');
  await page.getByTestId('layer-name').fill('dense_1');
  await page.getByTestId('layer-name').press('Enter');
  await expect(inspector.locator('.lf-field-error')).toContainText('dense_1');
  await expect(page.getByTestId('node-dense')).toBeVisible();

  // Every Keras name is shown whole, the longest too (moving_variance_initializer).
  for (const kind of ['LSTM', 'SeparableConv2D', 'Embedding', 'BatchNormalization']) {
    await page.getByTestId(`palette-${kind}`).dblclick();
    await expect(inspector.locator('h2 .lf-kind')).toHaveText(kind);
    const clipped = await inspector.locator('.lf-form .lf-field-label').evaluateAll((els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight).map((e) => e.textContent),
    );
    expect(clipped, kind).toEqual([]);
  }
  await expect(inspector.locator('label[for="param-moving_variance_initializer"]')).toHaveText('moving_variance_initializer');
  await page.screenshot({ path: 'test-results/editor-tools-long-names.png' });
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  // A valid value is applied: the node, the summary and the total follow.
  await clickNode(page, 'dense');
  await setField(page, 'units', '100');
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 100)');
  // 784·100+100 + 100·64+64 + 64·10+10
  await expectTotal(page, '85,614');
});

test('select all, copy and paste, duplicate and delete, by toolbar buttons and by keys', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  await shortcut(page, 'Control+a');
  await expect(selectedNodes(page)).toHaveCount(4);
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('4 nodes selected');
  await shortcut(page, 'Escape');
  await expect(selectedNodes(page)).toHaveCount(0);

  // Copy two connected layers: the paste brings both, the edge between them, new names, new weights.
  await clickNode(page, 'dense');
  await clickNode(page, 'dense_1', ['Shift']);
  await expect(selectedNodes(page)).toHaveCount(2);
  await shortcut(page, 'Control+c');
  await shortcut(page, 'Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('node-dense_3')).toBeVisible();
  await expect(page.getByTestId('node-dense_4')).toBeVisible();
  // The pasted copies are the selection, and they are not called again (not shared).
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('2 nodes selected');
  await expect(page.getByTestId('node-dense_3')).toHaveClass(/selected/);
  await expect(page.getByTestId('shared-badge')).toHaveCount(0);
  // The copies sit beside the originals, covering no node (and so no handle).
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-id'), ...e.getBoundingClientRect().toJSON() })));
  const overlap = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  for (const a of boxes) for (const b of boxes) if (a.id !== b.id) expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
  await page.screenshot({ path: 'test-results/editor-tools-paste.png' });
  // Pasting twice gives two more.
  await shortcut(page, 'Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  // They land further right, past the edge of the view: the view pans to show them.
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const onCanvas = async (name: string) => {
    const b = (await page.getByTestId(`node-${name}`).boundingBox())!;
    return b.x >= canvas.x && b.y >= canvas.y && b.x + b.width <= canvas.x + canvas.width && b.y + b.height <= canvas.y + canvas.height;
  };
  await expect.poll(async () => (await onCanvas('dense_5')) && (await onCanvas('dense_6'))).toBe(true);
  await shortcut(page, 'Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);

  // Duplicate from the multi-selection panel; delete from the same panel.
  await clickNode(page, 'dense_3');
  await clickNode(page, 'dense_4', ['Shift']);
  await page.getByTestId('inspector').getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await page.getByTestId('inspector').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(6);

  // Ctrl+D duplicates the one selected node; Backspace deletes it.
  await clickNode(page, 'dense_2');
  await shortcut(page, 'Control+d');
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('dense_5 Dense');
  await expect(page.getByTestId('param-units')).toHaveValue('10');
  await shortcut(page, 'Backspace');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);

  // Deleting a connected node takes its edges; the model's totals follow.
  await clickNode(page, 'dense_4');
  await page.getByTestId('delete-node').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await clickNode(page, 'dense_1');
  await shortcut(page, 'Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await expect(page.getByTestId('node-dense_2').getByTestId('node-issue')).toContainText('dense_2 has nothing connected to input 0');
  // Undo brings the node and both its edges back, and the seed's total.
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expectTotal(page, '55,050');
});

test('fit view brings every node into view, from the toolbar and with F', async ({ page }) => {
  // toy_resnet opens at a readable zoom, taller than the canvas.
  await openTemplate(page, 'toy_resnet');
  const total = templateNodes('toy_resnet');
  await expect(page.locator('.react-flow__minimap-node')).toHaveCount(total);
  expect(await allInView(page, total)).toBe(false);
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect.poll(() => allInView(page, total)).toBe(true);
  await page.screenshot({ path: 'test-results/editor-tools-fit.png' });

  // Pan until nothing is left on screen (the canvas draws only what is in view): F fits again.
  await panBy(page, 700, 0);
  await panBy(page, 700, 0);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await shortcut(page, 'f');
  await expect.poll(() => allInView(page, total)).toBe(true);

  // Zoomed right in on one corner: F fits again.
  const c = await canvasBox(page);
  await page.mouse.move(c.x + 100, c.y + 100);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
  await expect.poll(() => allInView(page, total)).toBe(false);
  await shortcut(page, 'f');
  await expect.poll(() => allInView(page, total)).toBe(true);
});

test('the minimap shows every node, dragging in it pans the view and a click centres it', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();
  await expect(page.locator('.react-flow__minimap-node')).toHaveCount(4);
  // It sits inside the canvas and leaves the nodes clear of it.
  const m = (await minimap.boundingBox())!;
  const c = await canvasBox(page);
  expect(m.x + m.width).toBeLessThanOrEqual(c.x + c.width);
  expect(m.y + m.height).toBeLessThanOrEqual(c.y + c.height);

  const before = await viewport(page);
  const parse = (t: string) => t.match(/translate\(([-\d.]+)px, ([-\d.]+)px\)/)!.slice(1).map(Number);
  const [x0, y0] = parse(before);
  // Drag inside the minimap to the right and down: the view moves the other way (the graph goes left and up).
  const from = { x: m.x + m.width / 2, y: m.y + m.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 15, { steps: 5 });
  await page.mouse.move(from.x + 40, from.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => viewport(page)).not.toBe(before);
  const [x1, y1] = parse(await viewport(page));
  expect(x1).toBeLessThan(x0 - 20);
  expect(y1).toBeLessThan(y0 - 20);
  // Still four nodes in the document: the minimap does not edit.
  await expect(page.locator('.react-flow__minimap-node')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/editor-tools-minimap.png' });

  // A click on a node's rect (input_1, the topmost) centres the view on that node.
  const rects = await page.locator('.react-flow__minimap-node').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  const top = rects.reduce((a, b) => (b.y < a.y ? b : a));
  const moved = await viewport(page);
  await page.mouse.click(top.x + top.width / 2, top.y + top.height / 2);
  await expect.poll(() => viewport(page)).not.toBe(moved);
  await expect.poll(async () => {
    const n = (await page.getByTestId('node-input_1').boundingBox())!;
    const mid = { x: c.x + c.width / 2, y: c.y + c.height / 2 };
    return n.x < mid.x && mid.x < n.x + n.width && n.y < mid.y && mid.y < n.y + n.height;
  }).toBe(true);
});

test('the summary follows every edit and Copy puts its text on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openTemplate(page, 'mnist_model');
  await clickNode(page, 'dense_1');
  await setField(page, 'units', '32');
  await page.getByTestId('tab-summary').click();
  const summary = page.getByTestId('summary');
  // dense_1 64→32: 64·32+32 = 2,080 and dense_2 32·10+10 = 330.
  await expect(summary).toContainText('dense_1 (Dense)             (None, 32)                2080');
  await expect(summary).toContainText('Total params: 52,650');
  await page.getByRole('button', { name: 'Copy' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await summary.textContent());
  // Renaming the model renames the summary's title.
  await page.getByTestId('tab-inspector').click();
  await shortcut(page, 'Escape');
  await page.getByTestId('model-name').fill('mlp');
  await page.getByTestId('model-name').press('Enter');
  await page.getByTestId('tab-summary').click();
  await expect(summary).toContainText('Model: "mlp"');
});
