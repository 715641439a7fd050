/**
 * Transfer learning in Chromium: freeze a layer in the inspector, the canvas marks it frozen,
 * the summary splits the totals as Keras does (Trainable / Non-trainable params), training
 * runs with it frozen, and unfreezing puts the params back. Screenshot: test-results/freeze-*.png.
 */
import { expect, test } from '@playwright/test';
import { clickNode, openTemplate, trainOneSyntheticEpoch } from './editorHelpers';

test('freeze a layer: frozen on the canvas, totals split, training runs', async ({ page }, info) => {
  test.setTimeout(300_000);
  await openTemplate(page, 'mnist_model');
  const dense = page.getByTestId('node-dense');
  await expect(dense.getByTestId('frozen-badge')).toHaveCount(0);
  await page.getByTestId('tab-inspector').click();
  await clickNode(page, 'dense');
  await page.getByTestId('layer-trainable').uncheck();
  await expect(dense.getByTestId('frozen-badge')).toBeVisible();
  await expect(dense).toHaveClass(/frozen/);

  await page.getByTestId('tab-summary').click();
  const summary = page.getByTestId('summary');
  // dense (784·64 + 64 = 50,240) moves to non-trainable; dense_1 4,160 + dense_2 650 stay trainable.
  await expect(summary).toContainText('Total params: 55,050');
  await expect(summary).toContainText('Trainable params: 4,810');
  await expect(summary).toContainText('Non-trainable params: 50,240');
  await page.screenshot({ path: info.outputPath('freeze-summary.png') });

  await trainOneSyntheticEpoch(page);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 240_000 });
  await expect(page.getByTestId('epoch-logs').locator('li')).toHaveCount(1);

  await page.getByTestId('tab-summary').click();
  await expect(summary).toContainText('Non-trainable params: 50,240');
  await page.getByTestId('tab-inspector').click();
  await clickNode(page, 'dense');
  await page.getByTestId('layer-trainable').check();
  await expect(dense.getByTestId('frozen-badge')).toHaveCount(0);
  await page.getByTestId('tab-summary').click();
  await expect(summary).toContainText('Trainable params: 55,050');
  await page.screenshot({ path: info.outputPath('freeze-after.png') });
});
