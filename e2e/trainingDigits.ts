/**
 * Shared by the training e2e specs: a small conv net for 14×14 digits opened as a project, and
 * real MNIST digits as a zip of PNGs in class folders.
 */
import { expect, type Page } from '@playwright/test';
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

export const epochLosses = async (page: Page) =>
  (await page.getByTestId('epoch-logs').locator('li').allTextContents()).map((s) => Number(/ loss: ([\d.]+)/.exec(s)![1]));
