/**
 * The canvas editor in Chromium: build the seed's MNIST model from the palette, templates and
 * their seed totals, refused connections, undo/redo, make-model, shared calls, screenshots.
 */
import { expect, test } from '@playwright/test';
import { centre, clickNode, dragBetween, dropKind, expectTotal, openEditor, openTemplate, setField, shortcut, wire } from './editorHelpers';

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('failure.png') });
});

test('build the MNIST model from the palette and read Total params: 55,050', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 300, 60);
  await expect(page.getByTestId('node-input_layer')).toBeVisible();
  await expect(page.getByTestId('param-shape')).toHaveValue('784');
  await dropKind(page, 'Dense', 300, 200);
  await setField(page, 'units', '64');
  await page.getByTestId('param-activation').selectOption('relu');
  await dropKind(page, 'Dense', 300, 340);
  await setField(page, 'units', '64');
  await page.getByTestId('param-activation').selectOption('relu');
  await dropKind(page, 'Dense', 300, 480);
  await setField(page, 'units', '10');
  await wire(page, 'input_layer', 'dense');
  await wire(page, 'dense', 'dense_1');
  await wire(page, 'dense_1', 'dense_2');
  await expect(page.locator('.lf-edge-label')).toHaveText(['(None, 784)', '(None, 64)', '(None, 64)']);
  await clickNode(page, 'dense_2');
  await page.getByTestId('mark-output-0').click();
  await expect(page.getByTestId('node-dense_2').getByTestId('node-shape')).toHaveText('(None, 10)');
  await expectTotal(page, '55,050');
  await expect(page.getByTestId('summary')).toContainText('Trainable params: 55,050');
  await expect(page.getByTestId('problems')).toContainText('No problems');
});

// Totals as the seed guide prints them (mnist, autoencoders, toy_resnet) or as Keras 3 counts the
// guide's code (ensemble, ticket classifier, shared embedding: the guide prints no summary).
const SEED_TOTALS: [template: string, model: string, total: string][] = [
  ['mnist_model', 'mnist_model', '55,050'],
  ['autoencoder_shared', 'encoder', '18,672'],
  ['autoencoder_shared', 'autoencoder', '28,241'],
  ['autoencoder_nested', 'encoder', '18,672'],
  ['autoencoder_nested', 'decoder', '9,569'],
  ['autoencoder_nested', 'autoencoder', '28,241'],
  ['ensemble', 'ensemble', '387'],
  ['ticket_classifier', 'ticket_classifier', '1,392,097'],
  ['toy_resnet', 'toy_resnet', '223,242'],
  ['shared_embedding', 'shared_embedding', '128,000'],
];

test('every template opens and shows its seed total', async ({ page }) => {
  let open = '';
  for (const [template, model, total] of SEED_TOTALS) {
    if (open !== template) {
      await openTemplate(page, template);
      open = template;
      await expect(page.getByTestId('problems')).toContainText('No problems');
    }
    await page.getByTestId(`model-tab-${model}`).click();
    await expectTotal(page, total);
  }
});

test('a refused connection says why, at the pointer and in the status bar', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 250, 60);
  await dropKind(page, 'Conv2D', 250, 260);
  await dragBetween(page, 'out-input_layer-0', 'in-conv2d-0', false);
  const refusal = page.getByTestId('connect-refusal');
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('(None, 784)');
  await page.screenshot({ path: 'test-results/editor-refusal.png' });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await expect(page.getByTestId('status')).toContainText('(None, 784)');
});

test('undo and redo: add, connect, param edit and drag are one step each', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 250, 60);
  await dropKind(page, 'Dense', 250, 260);
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await shortcut(page, 'Control+Shift+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);

  await wire(page, 'input_layer', 'dense');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await shortcut(page, 'Control+Shift+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);

  await clickNode(page, 'dense');
  await setField(page, 'units', '48');
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 48)');
  await shortcut(page, 'Control+z');
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 32)');
  await expect(page.getByTestId('param-units')).toHaveValue('32');
  await shortcut(page, 'Control+Shift+z');
  await expect(page.getByTestId('param-units')).toHaveValue('48');

  const node = page.getByTestId('node-dense');
  const before = (await node.boundingBox())!;
  const grab = { x: before.x + 40, y: before.y + 12 };
  await page.mouse.move(grab.x, grab.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(grab.x + i * 15, grab.y + i * 8);
  await page.mouse.up();
  await expect.poll(async () => (await node.boundingBox())!.x - before.x).toBeGreaterThan(120);
  const after = (await node.boundingBox())!;
  await shortcut(page, 'Control+z');
  await expect.poll(async () => Math.round((await node.boundingBox())!.x)).toBe(Math.round(before.x));
  await shortcut(page, 'Control+Shift+z');
  await expect.poll(async () => Math.round((await node.boundingBox())!.x)).toBe(Math.round(after.x));
  // The drag was one step: one more undo takes back the param edit, not a piece of the drag.
  await shortcut(page, 'Control+z');
  await shortcut(page, 'Control+z');
  await expect(page.getByTestId('node-dense').getByTestId('node-shape')).toHaveText('(None, 32)');
});

test('make model from a selection keeps the totals and opens as a nested model', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await clickNode(page, 'dense');
  await clickNode(page, 'dense_1', ['Shift']);
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('2 nodes selected');
  await page.getByTestId('make-model').click();
  await expect(page.getByTestId('node-model')).toBeVisible();
  await expect(page.getByTestId('node-dense')).toHaveCount(0);
  await expectTotal(page, '55,050');
  await expect(page.getByTestId('summary')).toContainText('model (Functional)');
  await page.getByTestId('node-model').dblclick();
  await expect(page.getByTestId('model-tab-model')).toHaveClass(/active/);
  await expect(page.getByTestId('node-dense')).toBeVisible();
  await expectTotal(page, '54,400');
  await shortcut(page, 'Control+z');
  await page.getByTestId('model-tab-mnist_model').click();
  await expect(page.getByTestId('node-dense')).toBeVisible();
});

test('a shared call keeps the totals and selecting it highlights its other call', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await clickNode(page, 'dense_1');
  await page.getByTestId('call-again').click();
  await expect(page.getByTestId('node-dense_1')).toHaveCount(2);
  await expect(page.locator('.lf-node.lit')).toHaveCount(1);
  await expect(page.getByTestId('shared-badge')).toHaveCount(2);
  // dense_1 → dense_1 (again) → dense_2: first free dense_2's input (an input takes one tensor).
  const feed = await centre(page, 'in-dense_2-0');
  await page.mouse.click(feed.x, feed.y - 14);
  await shortcut(page, 'Delete');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  const [first, again] = await page.getByTestId('node-dense_1').all();
  // Move the new call left of the chain, clear of the minimap (bottom right).
  const title = (await again.locator('.lf-node-title').boundingBox())!;
  const chain = (await first.boundingBox())!;
  await page.mouse.move(title.x + 10, title.y + 5);
  await page.mouse.down();
  await page.mouse.move(chain.x - 200, title.y + 40, { steps: 8 });
  await page.mouse.up();
  const outFirst = first.getByTestId('out-dense_1-0');
  const inAgain = again.getByTestId('in-dense_1-0');
  const a = (await outFirst.boundingBox())!;
  const b = (await inAgain.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
  const c = (await again.getByTestId('out-dense_1-0').boundingBox())!;
  const d = (await page.getByTestId('in-dense_2-0').boundingBox())!;
  await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
  await page.mouse.down();
  await page.mouse.move(d.x + d.width / 2, d.y + d.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.getByTestId('problems')).toContainText('No problems');
  await expect(page.getByTestId('status')).toHaveText('');
  await expectTotal(page, '55,050');
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshot: toy_resnet in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('layerflow.theme', t), theme);
    await openTemplate(page, 'toy_resnet');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    // It opens at a zoom where names read, showing its top: the first residual block is on screen.
    await clickNode(page, 'conv2d_10');
    // Every node's output shape is shown whole, never cut off by its params.
    const cut = await page.getByTestId('node-shape').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await page.screenshot({ path: `test-results/editor-${theme}.png` });
    await page.getByTestId('tab-summary').click();
    await page.screenshot({ path: `test-results/editor-${theme}-summary.png` });
    await shortcut(page, '?');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await page.screenshot({ path: `test-results/editor-${theme}-help.png` });
  });
}
