/**
 * The graph on the canvas in Chromium: node and edge facts (shapes, params), several model
 * outputs, LSTM return_state with one handle per output, merge layers with ordered ports that
 * grow as they are connected, a red node's message on hover and in the problems list, and the
 * editor in Chinese with Keras names kept. Screenshots: test-results/editor-graph-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { clickNode, dropKind, expectTotal, openEditor, openTemplate, setField, shortcut, summaryText, wire } from './editorHelpers';

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('failure.png') });
});

const node = (page: Page, name: string) => page.getByTestId(`node-${name}`);
const shapeOf = (page: Page, name: string) => node(page, name).getByTestId('node-shape');
const outHandles = (page: Page, name: string) => page.locator(`[data-testid^="out-${name}-"]`);
const inHandles = (page: Page, name: string) => page.locator(`[data-testid^="in-${name}-"]`);

async function markOutput(page: Page, name: string, output = 0) {
  await clickNode(page, name);
  await page.getByTestId(`mark-output-${output}`).click();
}

/** The summary's rows from `name (Kind)` to the next blank line: one row may wrap onto several lines. */
async function summaryRow(page: Page, head: string) {
  const text = await summaryText(page);
  const from = text.indexOf(head);
  expect(from, `summary has a row for ${head}`).toBeGreaterThanOrEqual(0);
  return text.slice(from, text.indexOf('\n\n', from));
}

test('nodes show output shape and params, edges their tensor shape; several outputs count', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await expect(node(page, 'input_1').locator('.lf-node-params')).toHaveCount(0);
  await expect(node(page, 'dense').locator('.lf-node-params')).toHaveText('50,240 params');
  await expect(node(page, 'dense_1').locator('.lf-node-params')).toHaveText('4,160 params');
  await expect(node(page, 'dense_2').locator('.lf-node-params')).toHaveText('650 params');
  await expect(shapeOf(page, 'input_1')).toHaveText('(None, 784)');
  await expect(page.locator('.lf-edge-label')).toHaveText(['(None, 784)', '(None, 64)', '(None, 64)']);
  await expect(page.locator('.lf-out-mark')).toHaveCount(1);

  // A side branch from the first hidden layer is outside the model until marked as an output.
  await dropKind(page, 'Dense', 150, 300);
  await wire(page, 'dense', 'dense_3');
  await expect(page.locator('.lf-edge-label')).toHaveCount(4);
  await expect(node(page, 'dense_3')).toHaveClass(/warn/);
  await expect(node(page, 'dense_3').getByTestId('node-warning')).toContainText('dense_3 does not lead to any output');
  expect(await summaryText(page)).not.toContain('dense_3');
  await expectTotal(page, '55,050');
  await page.getByTestId('tab-inspector').click();
  await markOutput(page, 'dense_3');
  await expect(page.getByTestId('mark-output-0')).toHaveText('Unmark output');
  await expect(node(page, 'dense_3')).not.toHaveClass(/warn/);
  await expect(page.locator('.lf-out-mark')).toHaveCount(2);
  // 64·32 + 32 more parameters; both outputs listed.
  await expectTotal(page, '57,130');
  expect(await summaryRow(page, 'dense_3 (Dense)')).toContain('dense[0][0]');
  await page.getByTestId('tab-inspector').click();
  await shortcut(page, 'Escape');
  await expect(page.getByTestId('inspector')).toContainText('Model outputs: 2');
  // A third output: feature extraction from the first hidden layer as well.
  await markOutput(page, 'dense');
  await shortcut(page, 'Escape');
  await expect(page.getByTestId('inspector')).toContainText('Model outputs: 3');
  await page.screenshot({ path: 'test-results/editor-graph-outputs.png' });
  // Unmarking the branch takes it out of the model's summary again.
  await clickNode(page, 'dense_3');
  await page.getByTestId('mark-output-0').click();
  await expect(node(page, 'dense_3')).toHaveClass(/warn/);
  expect(await summaryText(page)).not.toContain('dense_3');
});

test('LSTM with return_state shows one handle per output, and its 2nd and 3rd outputs connect', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 300, 60);
  await setField(page, 'shape', '10, 8');
  await dropKind(page, 'LSTM', 300, 220);
  await wire(page, 'input_layer', 'lstm');
  await expect(shapeOf(page, 'lstm')).toHaveText('(None, 32)');
  await expect(outHandles(page, 'lstm')).toHaveCount(1);
  await expect(page.getByTestId('mark-output-0')).toHaveText('Mark as output');

  await clickNode(page, 'lstm');
  await page.getByTestId('param-return_state').check();
  // output, state h, state c: three handles, three shapes, three output buttons.
  await expect(outHandles(page, 'lstm')).toHaveCount(3);
  await expect(shapeOf(page, 'lstm')).toHaveText('(None, 32) · (None, 32) · (None, 32)');
  await expect(page.getByTestId('inspector-shape')).toHaveText('(None, 32) · (None, 32) · (None, 32)');
  await expect(page.getByTestId('mark-output-2')).toHaveText('Mark as output 2');
  // Each handle names its port and shape; the node's shapes wrap instead of being cut off.
  await expect(page.getByTestId('out-lstm-2')).toHaveAttribute('title', 'output 2: (None, 32)');
  await expect(shapeOf(page, 'lstm')).toHaveAttribute('title', 'output 0: (None, 32)\noutput 1: (None, 32)\noutput 2: (None, 32)');
  const shape = await shapeOf(page, 'lstm').evaluate((e) => ({ cut: e.scrollWidth > e.clientWidth }));
  expect(shape.cut).toBe(false);
  await page.getByTestId('node-lstm').screenshot({ path: 'test-results/editor-graph-lstm-node.png' });
  // The handles are spread along the bottom edge, in order.
  const xs = await Promise.all([0, 1, 2].map(async (i) => (await page.getByTestId(`out-lstm-${i}`).boundingBox())!.x));
  expect(xs[0]).toBeLessThan(xs[1]);
  expect(xs[1]).toBeLessThan(xs[2]);

  await setField(page, 'units', '16');
  await expect(shapeOf(page, 'lstm')).toHaveText('(None, 16) · (None, 16) · (None, 16)');
  await dropKind(page, 'Dense', 200, 420);
  await setField(page, 'units', '4');
  await dropKind(page, 'Dense', 460, 420);
  await setField(page, 'units', '3');
  await wire(page, 'lstm', 'dense', 0, 1);
  await wire(page, 'lstm', 'dense_1', 0, 2);
  await expect(page.locator('.lf-edge-label')).toHaveText(['(None, 10, 8)', '(None, 16)', '(None, 16)']);
  await markOutput(page, 'dense');
  await markOutput(page, 'dense_1');
  // The LSTM's own output (0) is marked too: three model outputs.
  await markOutput(page, 'lstm', 0);
  await expect(page.getByTestId('problems')).toContainText('No problems');
  await page.screenshot({ path: 'test-results/editor-graph-lstm.png' });
  // LSTM 4·16·(8+16+1) = 1,600; dense 16·4+4 = 68; dense_1 16·3+3 = 51.
  await expectTotal(page, '1,719');
  expect(await summaryRow(page, 'dense (Dense)')).toContain('lstm[0][1]');
  expect(await summaryRow(page, 'dense_1 (Dense)')).toContain('lstm[0][2]');

  // Without return_state the extra outputs go, and so do the edges from them.
  await page.getByTestId('tab-inspector').click();
  await clickNode(page, 'lstm');
  await page.getByTestId('param-return_state').uncheck();
  await expect(outHandles(page, 'lstm')).toHaveCount(1);
  await expect(shapeOf(page, 'lstm')).toHaveText('(None, 16)');
  await expect(page.locator('.lf-edge-label')).toHaveCount(1);
  await shortcut(page, 'Control+z');
  await expect(outHandles(page, 'lstm')).toHaveCount(3);
  await expect(page.locator('.lf-edge-label')).toHaveCount(3);
});

test('a merge layer keeps its inputs in port order and offers one more port as each is connected', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 330, 50);
  for (const [x, units] of [[120, '32'], [330, '16'], [540, '8']] as const) {
    await dropKind(page, 'Dense', x, 210);
    await setField(page, 'units', units);
  }
  for (const d of ['dense', 'dense_1', 'dense_2']) await wire(page, 'input_layer', d);
  await dropKind(page, 'Concatenate', 330, 420);
  await expect(inHandles(page, 'concatenate')).toHaveCount(2);
  await expect(node(page, 'concatenate')).toHaveClass(/bad/);

  // Port 0 from the middle branch, port 1 from the left: the order is the ports', not the canvas'.
  await wire(page, 'dense_1', 'concatenate', 0);
  await expect(inHandles(page, 'concatenate')).toHaveCount(2);
  await wire(page, 'dense', 'concatenate', 1);
  await expect(inHandles(page, 'concatenate')).toHaveCount(3);
  await expect(shapeOf(page, 'concatenate')).toHaveText('(None, 48)');
  await wire(page, 'dense_2', 'concatenate', 2);
  await expect(inHandles(page, 'concatenate')).toHaveCount(4);
  await expect(shapeOf(page, 'concatenate')).toHaveText('(None, 56)');
  await expect(page.getByTestId('in-concatenate-3')).toHaveAttribute('title', 'input 3');
  await markOutput(page, 'concatenate');
  await expect(page.getByTestId('problems')).toContainText('No problems');
  await page.screenshot({ path: 'test-results/editor-graph-merge.png' });
  const row = (await summaryRow(page, 'concatenate (Concatenate)')).replace(/\s+/g, ' ');
  const at = (s: string) => row.indexOf(s);
  expect(at('dense_1[0][0]')).toBeGreaterThan(0);
  expect(at('dense[0][0]')).toBeGreaterThan(at('dense_1[0][0]'));
  expect(at('dense_2[0][0]')).toBeGreaterThan(at('dense[0][0]'));
  await expect(page.getByTestId('summary')).toContainText('Total params: 43,960');

  // Subtract takes exactly two, in order: a - b.
  await page.getByTestId('tab-inspector').click();
  await dropKind(page, 'Subtract', 120, 560);
  await expect(inHandles(page, 'subtract')).toHaveCount(2);
  await wire(page, 'dense_1', 'subtract', 0);
  await wire(page, 'dense_1', 'subtract', 1);
  await expect(inHandles(page, 'subtract')).toHaveCount(2);
  await expect(shapeOf(page, 'subtract')).toHaveText('(None, 16)');
});

test('a red node shows its message on hover and in the problems list, which selects it', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 300, 60);
  await setField(page, 'shape', '28, 28, 1');
  await dropKind(page, 'Conv2D', 300, 230);
  await wire(page, 'input_layer', 'conv2d');
  await markOutput(page, 'conv2d');
  await expect(page.getByTestId('problems')).toContainText('No problems');
  await expect(node(page, 'conv2d')).not.toHaveClass(/bad/);

  // The input changes under the connected Conv2D: the node turns red and says why.
  await clickNode(page, 'input_layer');
  await setField(page, 'shape', '784');
  const why = 'Conv2D needs a rank-4 input (batch, rows, cols, channels), got (None, 784)';
  await expect(node(page, 'conv2d')).toHaveClass(/bad/);
  const issue = node(page, 'conv2d').getByTestId('node-issue');
  await expect(issue).toContainText(why);
  // The whole message is the hover text, even where the node's strip cuts it short.
  await expect(issue).toHaveAttribute('title', new RegExp(why.replace(/[()]/g, '\\$&')));
  await issue.hover();
  await page.screenshot({ path: 'test-results/editor-graph-red-node.png' });

  const problem = page.getByTestId('problem').filter({ hasText: why });
  await expect(problem).toHaveCount(1);
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('input_layer InputLayer');
  await problem.click();
  await expect(node(page, 'conv2d')).toHaveClass(/selected/);
  await expect(node(page, 'input_layer')).not.toHaveClass(/selected/);
  await expect(page.getByTestId('inspector').locator('h2')).toHaveText('conv2d Conv2D');
  await expect(page.getByTestId('inspector').locator('.lf-issues')).toContainText(why);
  // The same state in the other theme: the red node and the list stay readable.
  const theme = await page.locator('html').getAttribute('data-theme');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme!);
  await page.screenshot({ path: 'test-results/editor-graph-red-node-other-theme.png' });
});

test('a problem in another model opens that model and selects the node', async ({ page }) => {
  await openTemplate(page, 'autoencoder_nested');
  await page.getByTestId('model-tab-decoder').click();
  // The decoder is on the canvas (its input), not the model shown before.
  await expect(page.getByTestId('node-encoded_img')).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-settled', 'true');
  const name = (await page.locator('.react-flow__node').nth(1).locator('.lf-node-title').textContent())!;
  await node(page, name).locator('.lf-node-title').click();
  await page.getByTestId('delete-node').click();
  await expect(page.getByTestId('problem').first()).toBeVisible();
  await page.getByTestId('model-tab-encoder').click();
  await expect(page.getByTestId('model-tab-encoder')).toHaveClass(/active/);
  // The list names the model of each problem; the decoder's unfed layer leads back there.
  const problem = page.getByTestId('problem').filter({ has: page.locator('.lf-problem-model', { hasText: 'decoder' }) }).filter({ hasText: 'has nothing connected to input 0' });
  await expect(problem).toHaveCount(1);
  const unfed = /(\w+) has nothing connected/.exec((await problem.locator('span').last().textContent())!)![1];
  await problem.click();
  await expect(page.getByTestId('model-tab-decoder')).toHaveClass(/active/);
  await expect(page.locator('.lf-node.selected')).toHaveCount(1);
  await expect(node(page, unfed)).toHaveClass(/selected/);
  await expect(node(page, unfed)).toHaveClass(/bad/);
  await expect(page.getByTestId('inspector').locator('h2')).toContainText(unfed);
  await expect(node(page, name)).toHaveCount(0);
});

test('in Chinese the editor speaks Chinese and Keras names stay as in Keras', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('language').selectOption('zh');
  const group = (kind: string) => page.locator('.lf-palette-group').filter({ has: page.getByTestId(`palette-${kind}`) }).locator('h3');
  await expect(group('Dense')).toHaveText('核心层');
  await expect(group('LSTM')).toHaveText('循环层');
  await expect(page.getByTestId('palette-Dense')).toHaveText('Dense');
  await expect(page.getByTestId('palette-search')).toHaveAttribute('placeholder', '搜索层…');
  // What a kind does is said in Chinese (tooltip, inspector), and search finds it in Chinese.
  await expect(page.getByTestId('palette-Dense')).toHaveAttribute('title', /^全连接层/);
  await page.getByTestId('palette-search').fill('反卷积');
  await expect(page.locator('.lf-palette-item')).toHaveText(['Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose']);
  await page.getByTestId('palette-search').fill('');
  await clickNode(page, 'dense');
  const inspector = page.getByTestId('inspector');
  await expect(inspector.locator('h2')).toHaveText('dense Dense');
  await expect(inspector.locator('p.lf-muted').first()).toHaveText('全连接层：在最后一个轴上计算 activation(dot(input, kernel) + bias)。');
  await expect(page.getByTestId('call-again')).toHaveText('再次调用');
  await expect(inspector.locator('label[for="param-units"]')).toHaveText('units');
  // A param's hover text is Chinese; its Keras name is not.
  await expect(inspector.locator('label[for="param-units"]')).toHaveAttribute('title', '输出空间的维度。');
  await expect(inspector.locator('label[for="param-activation"]')).toHaveText('activation');
  await expect(node(page, 'dense').locator('.lf-node-params')).toHaveText('50,240 个参数');
  await expect(page.getByTestId('status-totals')).toHaveText('参数总数：55,050');
  await setField(page, 'units', '-3');
  await expect(page.getByTestId('param-units-error')).toContainText('未应用');
  await expect(page.getByTestId('param-units-error')).toContainText('-3');
  await page.getByTestId('param-units').press('Escape');
  await page.screenshot({ path: 'test-results/editor-graph-zh.png' });
  await shortcut(page, '?');
  await expect(page.getByTestId('help-dialog')).toContainText('键盘快捷键');
  await expect(page.getByTestId('help-dialog')).toContainText('Ctrl+Z');
  await page.screenshot({ path: 'test-results/editor-graph-zh-help.png' });
  await shortcut(page, 'Escape');
  // The Keras summary stays Keras' text.
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary')).toContainText('Total params: 55,050');
});

test('models of a project: a new tab, a model with two outputs nested with one handle each, double-click opens it', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  // Feature extraction: the first hidden layer becomes the model's second output.
  await markOutput(page, 'dense');
  await page.getByTestId('add-model').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.getByTestId('model-name').fill('classifier');
  await page.getByTestId('model-name').press('Enter');
  await expect(page.getByTestId('model-tab-classifier')).toHaveClass(/active/);

  // The other model is in the palette; dropped on the canvas it is a call with one handle per output.
  await expect(page.getByTestId('palette-model-mnist_model')).toBeVisible();
  await page.getByTestId('palette-model-mnist_model').dragTo(page.getByTestId('canvas'), { targetPosition: { x: 300, y: 230 } });
  await expect(node(page, 'mnist_model')).toHaveClass(/nested/);
  await expect(outHandles(page, 'mnist_model')).toHaveCount(2);
  await dropKind(page, 'InputLayer', 300, 60);
  await wire(page, 'input_layer', 'mnist_model');
  await expect(shapeOf(page, 'mnist_model')).toHaveText('(None, 10) · (None, 64)');
  await dropKind(page, 'Dense', 480, 420);
  await setField(page, 'units', '5');
  await wire(page, 'mnist_model', 'dense_3', 0, 1);
  await expect(shapeOf(page, 'dense_3')).toHaveText('(None, 5)');
  await markOutput(page, 'mnist_model', 0);
  await markOutput(page, 'dense_3');
  await expect(page.getByTestId('problems')).toContainText('No problems');
  await page.screenshot({ path: 'test-results/editor-graph-nested.png' });
  // 55,050 inside, 64·5 + 5 on the extracted features.
  await expectTotal(page, '55,375');
  // One row for the nested model with both its output shapes (the cell wraps, as Keras wraps it).
  const nestedRow = await summaryRow(page, 'mnist_model (Functional)');
  for (const part of ['[(None, 10),', '(None, 64)]', '55050']) expect(nestedRow).toContain(part);
  expect(await summaryRow(page, 'dense_3 (Dense)')).toMatch(/\(None, 5\)\s+325/);

  // Inside mnist_model, nesting classifier (which calls it) is refused with the reason.
  await node(page, 'mnist_model').dblclick();
  await expect(page.getByTestId('model-tab-mnist_model')).toHaveClass(/active/);
  await expect(node(page, 'dense_2')).toBeVisible();
  const classifier = page.getByTestId('palette-model-classifier');
  await expect(classifier).toHaveClass(/disabled/);
  await classifier.dblclick();
  await expect(page.getByTestId('status')).toHaveText('Cannot nest classifier here: a model may not call itself');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);

  // Deleting the classifier model removes its tab; undo brings it back.
  await page.getByTestId('model-tab-classifier').locator('.lf-tab-close').click();
  await expect(page.getByTestId('model-tab-classifier')).toHaveCount(0);
  await shortcut(page, 'Control+z');
  await expect(page.getByTestId('model-tab-classifier')).toBeVisible();
});

test('a model tab renames on double-click; a taken name is refused with the reason and the name kept', async ({ page }) => {
  await openTemplate(page, 'autoencoder_nested');
  const rename = async (from: string, to: string) => {
    await page.getByTestId(`model-tab-${from}`).dblclick();
    const field = page.getByTestId(`model-tab-${from}`).locator('input');
    await field.fill(to);
    return field;
  };
  const field = await rename('encoder', 'autoencoder');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.press('Enter');
  await expect(page.getByTestId('status')).toContainText('Model "encoder" keeps its name');
  await expect(page.getByTestId('status')).toContainText('autoencoder');
  await expect(page.getByTestId('model-tab-encoder')).toBeVisible();

  await (await rename('encoder', 'image_encoder')).press('Enter');
  await expect(page.getByTestId('model-tab-image_encoder')).toBeVisible();
  await expect(page.getByTestId('model-tab-encoder')).toHaveCount(0);
  // The summary of the model that nests it names the new name; undo brings the old one back.
  await page.getByTestId('model-tab-autoencoder').click();
  await expect(page.getByTestId('tab-summary')).toBeVisible();
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary')).toContainText('image_encoder (Functional)');
  await shortcut(page, 'Control+z');
  await expect(page.getByTestId('model-tab-encoder')).toBeVisible();
});
