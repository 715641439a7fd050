/**
 * Trained weights survive the real failure modes: an uncaught error that kills the training
 * worker mid-run, and a lost WebGL context (lost through WEBGL_lose_context on the very context
 * tfjs draws with). Both resume from the last epoch checkpoint; the numbering continues, the
 * weights are the checkpoint's (the first resumed epoch's loss is far below a fresh start's) and
 * the panel says what happened.
 */
import { expect, test, type Page, type Worker } from '@playwright/test';
import { digitsZip, epochLosses, openDigits } from './trainingDigits';

async function startRun(page: Page, images: number, epochs: number) {
  await openDigits(page);
  await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(images) });
  await page.getByTestId('optimizer').selectOption('Adam');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('epochs').fill(String(epochs));
  await page.getByTestId('batch-size').fill('32');
}

const epochNumbers = async (page: Page) => (await page.getByTestId('epoch-logs').locator('li').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-epoch')))));

async function waitForEpochs(page: Page, n: number) {
  await expect.poll(async () => (await epochNumbers(page)).length, { timeout: 180_000 }).toBeGreaterThanOrEqual(n);
}

/** The app's training worker (built as assets/worker-*.js). */
function trainingWorker(page: Page): Worker {
  const w = page.workers().find((x) => /\/assets\/worker-[^/]*\.js$/.test(x.url()));
  if (!w) throw new Error(`no training worker among ${page.workers().map((x) => x.url()).join(', ') || 'none'}`);
  return w;
}

/** Same checks for both failures: resumed at the checkpoint, every epoch once, the checkpoint's weights. */
async function expectResumed(page: Page, epochs: number) {
  const resumedAt = Number(await page.getByTestId('recovered').getAttribute('data-epoch'));
  expect(resumedAt).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  expect(await epochNumbers(page)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  const losses = await epochLosses(page);
  // A fresh start's first epoch (epoch 1 here) against the first epoch after the resume.
  console.log(`resumed at epoch ${resumedAt}: losses ${losses.map((l) => l.toFixed(3)).join(' ')}`);
  expect(losses[resumedAt]).toBeLessThan(losses[0] * 0.6);
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  expect(Number(await acc.getAttribute('data-value'))).toBeGreaterThan(0.5);
  return resumedAt;
}

test('a worker crash mid-training resumes in a new worker from the last checkpoint', async ({ page }) => {
  test.setTimeout(300_000);
  // Enough epochs that the crash, injected after the third, lands while the run is going.
  // (An epoch of 384 samples takes ~0.1 s on wasm: 20 epochs could end before the crash landed.)
  await startRun(page, 600, 100);
  await page.getByTestId('train-button').click();
  await waitForEpochs(page, 3);
  const crashed = trainingWorker(page);
  // An uncaught error inside the worker: the page's Worker gets an error event, as for any crash.
  await crashed.evaluate(() => void setTimeout(() => { throw new Error('injected crash'); }));
  await expect(page.getByTestId('recovered')).toContainText('injected crash');
  await expect(page.getByTestId('recovered')).toContainText(/resumed in a new worker from the checkpoint of epoch \d+/);
  await expect.poll(() => page.workers().includes(crashed), { timeout: 60_000 }).toBe(false);
  await expectResumed(page, 100);
  await expect(page.getByTestId('backend-info')).toContainText('wasm');
});

test('a lost WebGL context resumes on another backend from the checkpoint', async ({ page }) => {
  test.setTimeout(400_000);
  await startRun(page, 300, 8);
  await page.getByTestId('backend').selectOption('webgl');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('backend-info')).toContainText('webgl', { timeout: 120_000 });
  await waitForEpochs(page, 3);
  // tfjs keeps its engine on the global object; its webgl backend's context is gpgpu.gl.
  const lost = await trainingWorker(page).evaluate(() => {
    const engine = (globalThis as unknown as { _tfengine: { backendName: string; backend: { gpgpu: { gl: WebGL2RenderingContext } } } })._tfengine;
    const gl = engine.backend.gpgpu.gl;
    gl.getExtension('WEBGL_lose_context')!.loseContext();
    return `${engine.backendName}: lost ${gl.isContextLost()}`;
  });
  expect(lost).toBe('webgl: lost true');
  await expect(page.getByTestId('recovered')).toContainText('webgl failed (the WebGL context was lost); resumed on another backend');
  await expect(page.getByTestId('backend-info')).toContainText('wasm', { timeout: 60_000 });
  await expect(page.getByTestId('backend-info')).toHaveAttribute('title', /webgl failed earlier/);
  await expectResumed(page, 8);
});
