/**
 * The transformer text classifier trains in the real app (Chromium, the training worker):
 * MultiHeadAttention and EinsumDense run as our own tfjs layer classes, and the training loss
 * falls from the first epoch to the last on synthetic token data.
 */
import { expect, test } from '@playwright/test';
import { syntheticEpochLosses } from './editorHelpers';

test('transformer text classifier: the training loss falls over 4 epochs in the browser', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto('/?template=transformer_classifier');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  const losses = await syntheticEpochLosses(page, 4, 360_000);
  const [first, last] = [losses[0], losses[3]];
  console.log(`transformer classifier loss: epoch 1 ${first}, epoch 4 ${last}; backend: ${await page.getByTestId('backend-info').textContent()}`);
  expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
  expect(last).toBeLessThan(first * 0.9);
});
