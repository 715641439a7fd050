/**
 * WASM threads in the built app: the preview serves COOP/COEP so the page is cross-origin
 * isolated, and tfjs-backend-wasm starts its pthreads (from the unminified worker bundle's
 * factory source). Auto uses threads where the page is cross-origin isolated, and says so;
 * switching threads off starts a fresh worker that resumes from the weights.
 */
import { expect, test } from '@playwright/test';
import { digitsZip, epochLosses, openDigits } from './trainingDigits';

test('auto trains on threaded SIMD wasm (pthreads); off switches to a fresh single-thread worker', async ({ page }) => {
  test.setTimeout(300_000);
  await openDigits(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(300) });
  await page.getByTestId('optimizer').selectOption('Adam');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('backend').selectOption('wasm');
  await expect(page.getByTestId('threads-why')).toContainText('auto: threads, where the page is cross-origin isolated');
  await page.getByTestId('train-button').click();
  const run = page.getByTestId('run-view');
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('backend-info')).toHaveText(/wasm \(SIMD, threads\)/);
  await expect(page.getByTestId('backend-info')).toHaveAttribute('title', /auto: threads, where the page is cross-origin isolated/);
  const pthreads = () => page.workers().filter((w) => w.url().startsWith('blob:')).length;
  const threaded = page.workers().find((w) => w.url().includes('/assets/worker-'));
  expect(threaded).toBeDefined();
  const started = pthreads();
  expect(started).toBeGreaterThan(0);

  await page.getByTestId('wasm-threads').selectOption('off');
  await page.getByTestId('train-button').click();
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(page.getByTestId('backend-info')).toHaveText(/wasm \(SIMD, single thread\)/);
  await expect(page.getByTestId('backend-info')).toHaveAttribute('title', /single thread chosen by you/);
  // WASM starts once per worker: a new one, without pthreads; it resumed from the threaded run's weights.
  await expect.poll(() => page.workers().includes(threaded!)).toBe(false);
  await expect.poll(pthreads).toBe(0);
  const losses = await epochLosses(page);
  expect(losses).toHaveLength(6);
  expect(losses[5]).toBeLessThan(losses[0] * 0.6);
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  console.log(`threads: ${started} pthread workers; losses ${losses.map((l) => l.toFixed(3)).join(' ')}; test accuracy ${Number(await acc.getAttribute('data-value')).toFixed(3)}`);
  expect(Number(await acc.getAttribute('data-value'))).toBeGreaterThan(0.5);
});
