/**
 * The projects corner's look and output, in Chromium: the templates gallery, graph images
 * (PNG/SVG, shapes on or off), theme and language that persist; screenshots of the gallery
 * and menus in both themes (test-results/projects-*.png).
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { TEMPLATES } from '../src/templates';
import { templateNodes } from './editorHelpers';

async function boot(page: Page, url = '/') {
  await page.goto(url);
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

const nodes = (page: Page) => page.locator('.react-flow__node');

async function exportImage(page: Page, format: 'png' | 'svg', outPath: string) {
  const downloading = page.waitForEvent('download');
  await page.getByTestId('project-menu').click();
  await page.getByTestId(`menu-export-${format}`).click();
  const d = await downloading;
  expect(d.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
  await d.saveAs(outPath);
  return readFile(outPath);
}

test('every template opens from the gallery in one click, with the totals its card shows', async ({ page }) => {
  await boot(page);
  const names = Object.keys(TEMPLATES);
  expect(names.length).toBeGreaterThanOrEqual(7);
  for (const name of names) {
    await page.getByTestId('open-templates').click();
    const card = page.locator(`[data-template="${name}"]`);
    await expect(card).toContainText(TEMPLATES[name].title);
    const total = /^Total params: ([\d,]+)$/.exec((await card.locator('.pm-card-total').textContent()) ?? '')?.[1];
    expect(total, `${name} card shows its total`).toBeTruthy();
    if (name === 'mnist_model') expect(total).toBe('55,050'); // the seed's figure
    await card.click();
    await expect(page.getByTestId('template-gallery')).toBeHidden();
    await expect(nodes(page).first()).toBeVisible();
    await expect(page.getByTestId('status-totals')).toHaveText(`Total params: ${total}`);
  }
});

test('?template=NAME opens that template; an unknown name is named in the message', async ({ page }) => {
  await boot(page, '/?template=shared_embedding');
  await expect(page.getByTestId('model-tabs')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  const count = templateNodes('shared_embedding');
  await expect(nodes(page)).toHaveCount(count);
  await boot(page, '/?template=nope');
  await expect(page.getByTestId('notice-error')).toContainText('There is no template named “nope”. Templates: mnist_model');
  // The project open before stays open.
  await expect(nodes(page)).toHaveCount(count);
});

test('graph images: PNG downloads a real image; SVG shapes on and off', async ({ page }, info) => {
  await boot(page, '/?template=mnist_model');
  await expect(nodes(page)).toHaveCount(4);
  const png = await exportImage(page, 'png', info.outputPath('graph.png'));
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(1024);
  // IHDR: a tall plot_model-like picture of four stacked nodes, at 2x pixel ratio.
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(height).toBeGreaterThan(width);
  expect(width).toBeGreaterThan(200);
  await writeFile('test-results/projects-graph.png', png);

  const withShapes = (await exportImage(page, 'svg', info.outputPath('with.svg'))).toString('utf8');
  expect(withShapes).toMatch(/^<svg/);
  expect(withShapes).toContain('(None, 64)');
  expect(withShapes).toContain('dense_2'); // node titles are drawn
  // Edges are painted (their CSS stroke is inlined): three connections of the MLP.
  expect(withShapes.match(/<path[^>]*react-flow__edge-path[^>]*style="[^"]*stroke: rgb\(/g)?.length).toBe(3);
  await page.getByTestId('project-menu').click();
  await page.getByTestId('menu-image-shapes').uncheck();
  await page.keyboard.press('Escape');
  const without = (await exportImage(page, 'svg', info.outputPath('without.svg'))).toString('utf8');
  expect(without).not.toContain('lf-edge-label');
  expect(without).toContain('dense_2');

  // The user's zoom and scroll are given back after drawing.
  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  const before = await transform();
  await exportImage(page, 'png', info.outputPath('again.png'));
  await expect.poll(transform).toBe(before);
});

test('language and theme persist across reloads', async ({ page }) => {
  await boot(page);
  await page.getByTestId('language').selectOption('zh');
  await expect(page.getByTestId('open-templates')).toHaveText('模板');
  await page.getByTestId('theme-toggle').click();
  const theme = await page.locator('html').getAttribute('data-theme');
  expect(theme === 'dark' || theme === 'light').toBe(true);
  await page.reload();
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(page.getByTestId('open-templates')).toHaveText('模板');
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('project-menu').click();
  await expect(page.getByTestId('menu-new')).toHaveText('新建项目');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-templates').click();
  await expect(page.locator('[data-template="mnist_model"]')).toContainText('参数总数：55,050');
  await page.screenshot({ path: 'test-results/projects-gallery-zh.png' });
  await page.keyboard.press('Escape');
  // And back.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('language').selectOption('en');
  await page.reload();
  await expect(page.getByTestId('open-templates')).toHaveText('Templates');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', theme!);
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the projects corner in the ${theme} theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('layerflow.theme', t), theme);
    await boot(page, '/?template=toy_resnet');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.getByTestId('project-menu').click();
    await page.screenshot({ path: `test-results/projects-menu-${theme}.png` });
    await page.getByTestId('menu-projects').click();
    await page.screenshot({ path: `test-results/projects-dialog-${theme}.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('open-templates').click();
    await expect(page.locator('.pm-card')).toHaveCount(Object.keys(TEMPLATES).length);
    await page.screenshot({ path: `test-results/projects-gallery-${theme}.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('project-menu').click();
    await page.getByTestId('menu-share').click();
    await page.screenshot({ path: `test-results/projects-share-${theme}.png` });
    await page.keyboard.press('Escape');
    await page.getByTestId('open-file-input').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1}') });
    await expect(page.getByTestId('notice-error')).toBeVisible();
    await page.screenshot({ path: `test-results/projects-error-${theme}.png` });
  });
}
