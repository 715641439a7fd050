/**
 * Approval is an explicit act on the code shown: opening a stranger's (imported, unapproved)
 * custom layer in the dialog and saving or probing it does not approve it; the dialog says so,
 * and its "Approve this code" button does. The Python body is exported only once approved.
 */
import { expect, test, type Page } from '@playwright/test';
import { customDense } from '../src/templates/custom_dense';

async function openProjectFile(page: Page, json: string) {
  await page.getByTestId('project-menu').click();
  await page.getByTestId('open-file-input').setInputFiles({ name: 'stranger.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.keyboard.press('Escape');
}

async function exportPython(page: Page): Promise<string> {
  await page.getByTestId('tab-export').click();
  await page.getByTestId('io-format-python').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('io-export-button').click()]);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('save and probe in the dialog do not approve a stranger’s code; the explicit button does', async ({ page }) => {
  const doc = customDense();
  const def = doc.custom!.CustomDense as { pythonCall: string; outputShape: unknown };
  // No output shape: the dialog offers Probe (which runs the code).
  const custom = { CustomDense: { ...def, outputShape: null, probed: { input: [null, 4], output: [null, 10] }, pythonCall: 'import os\nreturn ops.matmul(inputs, self.w) + self.b' } };
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await openProjectFile(page, JSON.stringify({ ...doc, name: 'stranger', custom }));
  await expect(page.getByTestId('code-approval-banner')).toContainText('CustomDense');

  const edit = page.getByTestId('palette-CustomDense').getByTitle('Edit custom layer');
  await edit.click();
  const dialog = page.getByTestId('custom-layer-dialog');
  await expect(dialog.getByTestId('custom-unapproved')).toBeVisible();
  await dialog.getByTestId('custom-probe').click();
  await expect(dialog.getByTestId('custom-probe-result')).toHaveText('Approve this code before running it.');
  await dialog.getByTestId('custom-save').click();
  await expect(dialog).toBeHidden();
  // Still not approved: the project banner stays, and the Python body is not exported.
  await expect(page.getByTestId('code-approval-banner')).toContainText('CustomDense');
  const before = await exportPython(page);
  expect(before).not.toContain('import os');
  expect(before).toContain('CustomDense.call was not approved for export');

  // The explicit act on the code shown.
  await edit.click();
  await expect(dialog.getByTestId('custom-unapproved')).toBeVisible();
  await dialog.getByTestId('custom-approve-shown').click();
  await expect(dialog.getByTestId('custom-unapproved')).toBeHidden();
  await dialog.getByTestId('custom-save').click();
  await expect(page.getByTestId('code-approval-banner')).toBeHidden();
  const after = await exportPython(page);
  expect(after).toContain('        import os\n        return ops.matmul(inputs, self.w) + self.b');
});
