/**
 * Custom layers in the browser (the seed's CustomDense): code in a project is never run
 * until the user approves it for that project; it then runs in the training worker only;
 * a layer written in the editor dialog is usable like any built-in kind.
 */
import { expect, test, type Page } from '@playwright/test';
import { customDense } from '../src/templates/custom_dense';
import { clickNode, expectTotal, openTemplate, wire } from './editorHelpers';

/** The CustomDense template, whose call also pings a URL we watch: proof of whether the code ran. */
function hostileProject(): string {
  const doc = customDense();
  const def = doc.custom!.CustomDense as { call: string };
  const custom = { CustomDense: { ...def, call: `try { globalThis.__pwned = 1; fetch('/pwned-beacon'); } catch (e) { /* the sandbox */ }\n${def.call}` } };
  return JSON.stringify({ ...doc, name: 'hostile', custom });
}

async function openProjectFile(page: Page, json: string) {
  await page.getByTestId('project-menu').click();
  await page.getByTestId('open-file-input').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.keyboard.press('Escape');
}

async function trainOneEpoch(page: Page) {
  await page.getByTestId('tab-train').click();
  // The radio is styled as a segmented button: click its label.
  await page.getByTestId('data-form').getByText('Synthetic', { exact: true }).click();
  await expect(page.getByTestId('data-synthetic')).toBeChecked();
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('train-button').click();
}

test('custom code from a project file does not run until approved, then runs only in the worker', async ({ page, context }) => {
  let beacons = 0;
  await context.route('**/pwned-beacon', (route) => {
    beacons++;
    return route.fulfill({ status: 204 });
  });
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await openProjectFile(page, hostileProject());

  const banner = page.getByTestId('code-approval-banner');
  await expect(banner).toContainText('CustomDense');
  await expect(page.getByTestId('status-totals')).toHaveText('Total params: 50');

  // Not approved: training is refused with the reason, and the code has not run anywhere.
  await trainOneEpoch(page);
  await expect(page.getByTestId('training-panel')).toContainText('not approved');
  expect(beacons).toBe(0);
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__pwned)).toBeUndefined();

  // Approved: it trains in the worker, in its sandbox (no fetch: see custom-sandbox.spec.ts); the main thread never ran it.
  await banner.getByRole('button', { name: 'Show code' }).click();
  await expect(banner).toContainText("fetch('/pwned-beacon')");
  await page.getByTestId('approve-code').click();
  await expect(banner).toBeHidden();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  expect(beacons).toBe(0);
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__pwned)).toBeUndefined();
});

test('a custom layer written in the dialog is placed, counted and summarised like a built-in', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await expect(page.getByTestId('status-totals')).toHaveText('Total params: 55,050');
  await page.getByTestId('new-custom-layer').click();
  const dialog = page.getByTestId('custom-layer-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('custom-class-name').fill('Dense');
  await expect(page.getByTestId('custom-problems')).toContainText('Dense is a built-in Keras layer');
  await expect(page.getByTestId('custom-save')).toBeDisabled();
  await page.getByTestId('custom-class-name').fill('MyDense');
  await page.getByTestId('custom-output-shape').fill('input[:-1], units');
  await expect(page.getByTestId('custom-problems')).toHaveCount(0);
  await page.getByTestId('custom-save').click();
  await expect(dialog).toBeHidden();

  // Own code needs no approval; the palette lists the new kind; it connects and counts like Dense.
  await expect(page.getByTestId('code-approval-banner')).toBeHidden();
  await page.getByTestId('palette-MyDense').dblclick();
  await expect(page.getByTestId('node-my_dense')).toBeVisible();
  await wire(page, 'dense_2', 'my_dense');
  await clickNode(page, 'my_dense');
  await page.getByTestId('mark-output-0').click();
  // units=32 on 10 features: 10·32 + 32 = 352 more params; output (None, 10) → (None, 32).
  await expectTotal(page, '55,402');
  await expect(page.getByTestId('summary')).toContainText('my_dense (MyDense)');
  await expect(page.getByTestId('summary')).toContainText('(None, 32)');
});

test('a throw inside an approved call becomes a problem on the layer, not a crashed worker', async ({ page }) => {
  const doc = customDense();
  const def = doc.custom!.CustomDense as { call: string };
  const project = JSON.stringify({ ...doc, name: 'throws', custom: { CustomDense: { ...def, call: 'throw new Error("shape trouble")' } } });
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await openProjectFile(page, project);
  await page.getByTestId('approve-code').click();
  await trainOneEpoch(page);
  const problem = page.getByTestId('problem').filter({ hasText: 'CustomDense: call threw: shape trouble' });
  await expect(problem).toBeVisible({ timeout: 60_000 });
  await problem.click();
  await expect(page.getByTestId('node-custom_dense')).toHaveClass(/selected/);
  // The worker still answers: the panel can start another run.
  await expect(page.getByTestId('train-button')).toBeEnabled();
});
