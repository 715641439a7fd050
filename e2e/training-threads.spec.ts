/**
 * WASM threads in the built app: the preview serves COOP/COEP so the page is cross-origin
 * isolated; with threads on, tfjs-backend-wasm starts its pthreads (from the unminified worker
 * bundle's factory source) and a conv net trains. Auto runs single-thread SIMD, as measured
 * faster on this machine, and says so; switching threads starts a fresh worker.
 */
import { expect, test } from '@playwright/test';
import { digitsZip, epochLosses, openDigits } from './trainingDigits';

test('threads on: the threaded SIMD wasm runs pthreads and trains; auto is single-thread and says why', async ({ page }) => {
  test.setTimeout(300_000);
  await openDigits(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(300) });
  await page.getByTestId('optimizer').selectOption('Adam');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('backend').selectOption('wasm');
  await expect(page.getByTestId('threads-why')).toContainText('single-thread SIMD; WASM threads measured slower');
  await page.getByTestId('train-button').click();
  const run = page.getByTestId('run-view');
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('backend-info')).toHaveText(/wasm \(SIMD, single thread\)/);
  const blobWorkers = () => page.workers().filter((w) => w.url().startsWith('blob:')).length;
  expect(blobWorkers()).toBe(0);
  const single = page.workers().find((w) => w.url().includes('/assets/worker-'));

  await page.getByTestId('wasm-threads').selectOption('on');
  await page.getByTestId('train-button').click();
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('backend-info')).toHaveText(/wasm \(SIMD, threads\)/);
  await expect(page.getByTestId('backend-info')).toHaveAttribute('title', /threads chosen by you/);
  // A new worker (WASM starts once per worker) and its pthreads, started from blob URLs.
  expect(page.workers()).not.toContain(single);
  expect(blobWorkers()).toBeGreaterThan(0);
  // The threaded run continued from the single-thread run's weights: 6 epochs, the loss still falling.
  const losses = await epochLosses(page);
  expect(losses).toHaveLength(6);
  expect(losses[5]).toBeLessThan(losses[0] * 0.6);
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  console.log(`threads: ${blobWorkers()} pthread workers; losses ${losses.map((l) => l.toFixed(3)).join(' ')}; test accuracy ${Number(await acc.getAttribute('data-value')).toFixed(3)}`);
  expect(Number(await acc.getAttribute('data-value'))).toBeGreaterThan(0.5);
});
