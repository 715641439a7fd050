/**
 * A newcomer's first minutes (issue 15): what a first visit loads, how templates open, and the
 * panels a first run goes through — each step as a user meets it in Chromium at 1440×900.
 */
import { expect, test } from '@playwright/test';
import { dragBetween, dropKind, openEditor, openTemplate, shortcut } from './editorHelpers';

test('a first load asks for nothing that is not there: the favicon is served (svg and /favicon.ico)', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await openEditor(page);
  const icons = await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.length).toBeGreaterThan(0);
  // Browsers ask for /favicon.ico on their own whatever the page links (headless Chromium does not): it must be there too.
  for (const url of [...icons, '/favicon.ico']) {
    const r = await page.request.get(url);
    expect(r.status(), url).toBe(200);
    expect(r.headers()['content-type'], url).toMatch(/^image\//);
  }
  expect(failed).toEqual([]);
});

test('a status message (a refused connection) clears on the next edit', async ({ page }) => {
  await openEditor(page);
  await dropKind(page, 'InputLayer', 250, 60);
  await dropKind(page, 'Conv2D', 250, 260);
  const out = (await page.locator('[data-testid^="out-input"]').getAttribute('data-testid'))!;
  await dragBetween(page, out, 'in-conv2d-0');
  await expect(page.getByTestId('status')).toContainText('(None, 784)');
  const shown = Date.now();
  await shortcut(page, 'Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByTestId('status')).toHaveText('', { timeout: 2000 });
  // Cleared by the edit, not by the message's own timeout (8 s).
  expect(Date.now() - shown).toBeLessThan(6000);
});

test('after a run the compile/fit settings are still in view, without scrolling past the charts', async ({ page }) => {
  test.setTimeout(240_000);
  await openTemplate(page, 'ticket_classifier');
  await page.getByTestId('tab-train').click();
  await page.locator('label', { has: page.getByTestId('data-synthetic') }).click();
  await page.getByTestId('synthetic-count').fill('320');
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('chart-department_loss')).toBeVisible();
  await page.screenshot({ path: 'test-results/newcomer-after-run.png' });
  // Read where things are before any action (an action would scroll its target into view).
  const panel = (await page.locator('.lf-right-body').boundingBox())!;
  expect(await page.locator('.lf-right-body').evaluate((e) => e.scrollTop)).toBe(0);
  for (const id of ['optimizer', 'epochs', 'batch-size']) {
    const b = (await page.getByTestId(id).boundingBox())!;
    expect(b.y + b.height, id).toBeLessThanOrEqual(panel.y + panel.height);
  }
  // Folding the settings brings the run up, to the top of the panel.
  await page.getByTestId('train-settings').locator('summary').click();
  await expect(page.getByTestId('epochs')).toBeHidden();
  const run = (await page.getByTestId('run-status').boundingBox())!;
  expect(run.y + run.height).toBeLessThanOrEqual(panel.y + 200);
  await page.screenshot({ path: 'test-results/newcomer-after-run-folded.png' });
});
