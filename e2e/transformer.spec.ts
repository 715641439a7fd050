/**
 * The transformer text classifier trains in the real app (Chromium, the training worker):
 * MultiHeadAttention and EinsumDense run as our own tfjs layer classes, and the training loss
 * falls from the first epoch to the last on synthetic token data.
 */
import { expect, test } from '@playwright/test';

test('transformer text classifier: the training loss falls over 4 epochs in the browser', async ({ page }) => {
  test.setTimeout(400_000);
  await page.goto('/?template=transformer_classifier');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('training-panel')).toBeVisible();
  await page.locator('label', { has: page.getByTestId('data-synthetic') }).click();
  await page.getByTestId('synthetic-count').fill('320');
  await page.getByTestId('epochs').fill('4');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 360_000 });
  const logs = page.getByTestId('epoch-logs').locator('li');
  await expect(logs).toHaveCount(4);
  const loss = async (i: number) => Number(/(?:^|[^_])loss: ([\d.]+)/.exec((await logs.nth(i).textContent()) ?? '')?.[1]);
  const first = await loss(0);
  const last = await loss(3);
  console.log(`transformer classifier loss: epoch 1 ${first}, epoch 4 ${last}; backend: ${await page.getByTestId('backend-info').textContent()}`);
  expect(Number.isFinite(first) && Number.isFinite(last)).toBe(true);
  expect(last).toBeLessThan(first * 0.9);
});
