/**
 * Training in the real app in Chromium: the seed's MNIST run (RMSprop, batch 64, validation
 * split 0.2, 2 epochs) reaches the seed's test accuracy; the multi-input/output ticket
 * classifier trains on synthetic data with both losses shown; Stop mid-epoch keeps a model.
 */
import { expect, test, type Page } from '@playwright/test';

async function openTemplate(page: Page, name: string) {
  await page.goto(`/?template=${name}`);
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('training-panel')).toBeVisible();
}

/** Long main-thread tasks (> 50 ms) seen since the page loaded. */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask' });
  });
  return () => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
}

const status = (page: Page) => page.getByTestId('run-view');

// Two epochs of the seed's MNIST run land close to the 0.95 bar for Keras 3 itself (measured
// here, same data and settings: 0.9526–0.9628, mean 0.9582 over 28 runs; this app in Chromium on
// wasm: 0.9521–0.9636, mean 0.9579 over 13 runs). From the same weights and batch order the app
// and Keras agree to 4 decimals; the spread is the order and the initial weights.
// One retry keeps a correct run from failing on an unlucky initialisation; a real regression
// still fails both tries.
test.describe.configure({ retries: 1 });

test('MNIST: 2 epochs with the seed settings, then evaluate reaches ≥ 0.95 test accuracy', async ({ page }) => {
  test.setTimeout(600_000);
  await openTemplate(page, 'mnist_model');
  await expect(page.getByTestId('optimizer')).toHaveValue('RMSprop');
  await expect(page.getByTestId('loss-dense_2').locator('select')).toHaveValue('sparse_categorical_crossentropy');
  await expect(page.getByTestId('loss-dense_2').getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('batch-size')).toHaveValue('64');
  await expect(page.getByTestId('validation-split')).toHaveValue('0.2');
  await expect(page.getByTestId('epochs')).toHaveValue('2');
  const longTasks = await watchLongTasks(page);
  const started = Date.now();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('progress')).toBeVisible({ timeout: 60_000 });
  // The editor stays usable while the worker trains: switching tabs answers at once.
  await page.getByTestId('tab-summary').click();
  await page.getByTestId('tab-train').click();
  await expect(status(page)).toHaveAttribute('data-status', 'completed', { timeout: 400_000 });
  const trainingMs = Date.now() - started;
  const tasks = await longTasks();
  const busy = tasks.reduce((a, b) => a + b, 0);
  console.log(`main thread during training: ${tasks.length} long tasks, longest ${Math.round(Math.max(0, ...tasks))} ms, ${Math.round((100 * busy) / trainingMs)}% of ${Math.round(trainingMs / 1000)} s`);
  // The worker does the work: the main thread is mostly idle (loose bounds: the machine is shared).
  expect(busy / trainingMs).toBeLessThan(0.25);
  await expect(page.getByTestId('backend-info')).toContainText('wasm');
  await expect(page.getByTestId('data-info')).toContainText('48000 train, 12000 validation, 10000 test');
  await expect(page.getByTestId('epoch-logs').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('chart-loss')).toBeVisible();
  await expect(page.getByTestId('chart-accuracy')).toBeVisible();
  await expect(page.getByTestId('weights-saved')).toBeVisible();
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  const accuracy = Number(await acc.getAttribute('data-value'));
  console.log(`MNIST test accuracy after 2 epochs: ${accuracy.toFixed(4)}; backend: ${await page.getByTestId('backend-info').textContent()}`);
  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  await expect(page.getByTestId('confusion-dense_2').locator('tbody tr')).toHaveCount(10);
  await page.getByTestId('pick-samples').click();
  await expect(page.getByTestId('predictions').locator('li')).toHaveCount(8);
  // Weights belong to the project: after a reload the panel offers to resume.
  await page.reload();
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('train-button')).toContainText(/resume|继续/);
});

test('ticket classifier: synthetic data, both losses reported and charted', async ({ page }) => {
  test.setTimeout(240_000);
  await openTemplate(page, 'ticket_classifier');
  await page.locator('label', { has: page.getByTestId('data-synthetic') }).click();
  await page.getByTestId('synthetic-count').fill('320');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(status(page)).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('backend-info')).toContainText('wasm');
  const logs = page.getByTestId('epoch-logs');
  await expect(logs).toContainText('priority_loss');
  await expect(logs).toContainText('department_loss');
  await expect(page.getByTestId('chart-priority_loss')).toBeVisible();
  await expect(page.getByTestId('chart-department_loss')).toBeVisible();
});

test('Stop mid-epoch keeps a usable model', async ({ page }) => {
  test.setTimeout(240_000);
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('train-button').click();
  // Mid-epoch, far enough in (100 of 750 batches) that the weights are worth keeping.
  await expect.poll(async () => Number(await page.getByTestId('progress').getAttribute('data-batch')), { timeout: 60_000 }).toBeGreaterThanOrEqual(100);
  await page.getByTestId('stop-button').click();
  await expect(status(page)).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  expect(Number(await acc.getAttribute('data-value'))).toBeGreaterThan(0.5);
  await page.getByTestId('pick-samples').click();
  await expect(page.getByTestId('predictions').locator('li').first()).toBeVisible();
});
