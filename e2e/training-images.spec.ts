/**
 * Image datasets in the real app: real MNIST digits written as PNG files into class folders
 * 0..9, uploaded as a zip and as a picked folder, resized by the worker to a small conv net's
 * 14×14 Input, trained on WASM; the loss falls and test accuracy is far above chance (0.1).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { ProjectBuilder } from '../src/engine/build';
import { mnistPngs } from '../src/engine/train/data/mnistPngs';
import { loadMnistFromDisk } from '../src/engine/train/nodeEnv';

/** Input 14×14×1 → Conv2D(8, 3) → MaxPooling2D → Flatten → Dense(10) logits. */
function digitsProject(): string {
  const b = new ProjectBuilder('digits');
  const inp = b.input([14, 14, 1], { name: 'img' });
  let x = b.layer('Conv2D', { filters: 8, kernel_size: 3, activation: 'relu' }).call(inp);
  x = b.layer('MaxPooling2D', { pool_size: 2 }).call(x);
  x = b.layer('Flatten').call(x);
  b.model('digits', [inp], [b.layer('Dense', { units: 10 }, 'digit').call(x)]);
  return JSON.stringify(b.build());
}

export async function openDigits(page: Page) {
  await page.goto('/');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('project-menu').click();
  await page.getByTestId('open-file-input').setInputFiles({ name: 'digits.json', mimeType: 'application/json', buffer: Buffer.from(digitsProject()) });
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('training-panel')).toBeVisible();
  await expect(page.getByTestId('loss-digit')).toBeVisible();
  await page.getByTestId('data-form').locator('label', { has: page.getByTestId('data-images') }).click();
}

/** The first `count` MNIST training digits as a zip of digits/<label>/<n>.png (plus a stray text file). */
export function digitsZip(count: number): Buffer {
  return Buffer.from(zipSync({ ...mnistPngs(loadMnistFromDisk(), count), 'digits/README.txt': strToU8('real MNIST digits as PNG') }));
}

const epochLosses = async (page: Page) =>
  (await page.getByTestId('epoch-logs').locator('li').allTextContents()).map((s) => Number(/ loss: ([\d.]+)/.exec(s)![1]));

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
