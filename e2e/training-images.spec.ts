/**
 * Image datasets in the real app: real MNIST digits written as PNG files into class folders
 * 0..9, uploaded as a zip and as a picked folder, resized by the worker to a small conv net's
 * 14×14 Input, trained on WASM; the loss falls and test accuracy is far above chance (0.1).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { mnistPngs } from '../src/engine/train/data/mnistPngs';
import { loadMnistFromDisk } from '../src/engine/train/nodeEnv';
import { digitsZip, epochLosses, openDigits } from './trainingDigits';

test('a zip of MNIST PNGs (one folder per class) trains a conv net above chance', async ({ page }) => {
  test.setTimeout(240_000);
  await openDigits(page);
  await page.getByTestId('images-zip').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(600) });
  await expect(page.getByTestId('images-picked')).toHaveText('digits.zip');
  await page.getByTestId('optimizer').selectOption('Adam');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('epochs').fill('5');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
  const run = page.getByTestId('run-view');
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('data-info')).toContainText('images (600 in 10 classes)');
  await expect(page.getByTestId('data-info')).toContainText('384 train, 96 validation, 120 test');
  await expect(page.getByTestId('data-note')).toHaveText('skipped 1 file: digits/README.txt in digits.zip (not an image: .png, .jpg, .gif, .bmp or .webp)');
  await expect(page.getByTestId('backend-info')).toContainText('wasm');
  const losses = await epochLosses(page);
  expect(losses).toHaveLength(5);
  expect(losses[4]).toBeLessThan(losses[0] * 0.7);
  await page.getByTestId('evaluate-button').click();
  const acc = page.getByTestId('eval-accuracy');
  await expect(acc).toBeVisible({ timeout: 60_000 });
  const accuracy = Number(await acc.getAttribute('data-value'));
  console.log(`image zip: 600 MNIST PNGs → 14×14, losses ${losses.map((l) => l.toFixed(3)).join(' ')}, test accuracy ${accuracy.toFixed(3)}, ${await page.getByTestId('backend-info').textContent()}`);
  expect(accuracy).toBeGreaterThan(0.5);
  // The classes are the folder names, in the confusion matrix and the predictions.
  await expect(page.getByTestId('confusion-digit').locator('tbody tr')).toHaveCount(10);
});

test('a picked folder of MNIST PNGs trains; a broken zip is named in the error', async ({ page }) => {
  test.setTimeout(240_000);
  const root = join(test.info().outputPath('images'), 'digits');
  for (const [path, bytes] of Object.entries(mnistPngs(loadMnistFromDisk(), 300))) {
    await mkdir(join(root, dirname(path).slice('digits/'.length)), { recursive: true });
    await writeFile(join(root, path.slice('digits/'.length)), bytes);
  }
  await openDigits(page);
  await page.getByTestId('images-zip').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK not really a zip') });
  await page.getByTestId('epochs').fill('3');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(page.getByTestId('run-message')).toContainText('broken.zip is not a readable zip');
  // The folder input reads the whole tree (webkitdirectory).
  await page.getByTestId('images-folder').setInputFiles(root);
  await expect(page.getByTestId('images-picked')).toContainText('300');
  await page.getByTestId('optimizer').selectOption('Adam');
  await page.getByTestId('learning-rate').fill('0.01');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('data-info')).toContainText('images (300 in 10 classes)');
  const losses = await epochLosses(page);
  expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
});
