/**
 * Per-layer cost in Chromium: each canvas node shows FLOPs, activation bytes and weight bytes
 * per sample (hand counts: Dense(784 → 64) = 2·784·64 + 64 = 100,416 FLOPs), they follow an
 * edit, and the Summary tab lists them per layer with totals while Keras' text stays Keras'.
 * Screenshot: test-results/cost-*.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { clickNode, openTemplate, setField } from './editorHelpers';

const node = (page: Page, name: string) => page.getByTestId(`node-${name}`);

test('canvas nodes and the summary panel show FLOPs, activation and weight bytes', async ({ page }, info) => {
  await openTemplate(page, 'mnist_model');
  const dense = node(page, 'dense');
  await expect(dense.getByTestId('node-flops')).toHaveText('100K FLOPs');
  await expect(dense.getByTestId('node-act')).toHaveText('act 256 B');
  await expect(dense.getByTestId('node-wbytes')).toHaveText('w 196 KiB');
  await expect(dense.getByTestId('node-cost')).toHaveAttribute('title', /FLOPs: 100,416 .*Output tensors \(activations\): 256 B\. Weights: 200,960 B/);
  await expect(node(page, 'dense_2').getByTestId('node-flops')).toHaveText('1.29K FLOPs');

  await page.getByTestId('tab-summary').click();
  const total = page.getByTestId('cost-total');
  // 100,416 + 8,256 + 1,290 FLOPs; (784 + 64 + 64 + 10) × 4 bytes of activations; 55,050 × 4 bytes of weights.
  await expect(total.getByTestId('cost-flops')).toHaveAttribute('title', '109,962');
  await expect(total.getByTestId('cost-act')).toHaveAttribute('title', '3,688 B');
  await expect(total.getByTestId('cost-weights')).toHaveAttribute('title', '220,200 B');
  await expect(page.getByTestId('cost-row-dense_1').getByTestId('cost-flops')).toHaveText('8.26K');
  // The summary text stays exactly Keras' (no cost columns in it).
  await expect(page.getByTestId('summary')).toContainText('Total params: 55,050');
  await expect(page.getByTestId('summary')).not.toContainText('FLOPs');

  // An edit: 128 units doubles the first layer's products.
  await page.getByTestId('tab-inspector').click();
  await clickNode(page, 'dense');
  await setField(page, 'units', '128');
  await expect(dense.getByTestId('node-cost')).toHaveAttribute('title', /FLOPs: 200,832 /);
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('cost-row-dense').getByTestId('cost-flops').locator('span')).toHaveAttribute('title', '200,832');
  await page.screenshot({ path: info.outputPath('cost-mnist.png') });
});

test('toy_resnet: a Conv2D node counts H·W·C_out·(3·3·C_in)·2 + bias', async ({ page }, info) => {
  await openTemplate(page, 'toy_resnet');
  // 30·30·32·27·2 + 30·30·32 = 1,584,000
  await expect(node(page, 'conv2d_8').getByTestId('node-flops')).toHaveText('1.58M FLOPs');
  await expect(node(page, 'conv2d_8').getByTestId('node-act')).toHaveText('act 113 KiB');
  // The row reads whole on the node (it wraps rather than cut "w 3.50 KiB" at the edge).
  await expect(node(page, 'conv2d_8').getByTestId('node-wbytes')).toHaveText('w 3.50 KiB');
  for (const n of ['conv2d_8', 'conv2d_9', 'conv2d_10']) {
    const row = node(page, n).getByTestId('node-cost');
    expect(await row.evaluate((e) => e.scrollWidth - e.clientWidth), n).toBeLessThanOrEqual(0);
  }
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('cost-row-conv2d_8').getByTestId('cost-flops').locator('span')).toHaveAttribute('title', '1,584,000');
  await expect(page.getByTestId('cost-total').getByTestId('cost-weights')).toHaveAttribute('title', '892,968 B');
  await page.screenshot({ path: info.outputPath('cost-resnet.png') });
});
