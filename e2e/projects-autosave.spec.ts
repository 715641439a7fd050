/**
 * The autosave against project switches: an edit's autosave may still be writing when another
 * project opens (seen on a loaded CI machine: "Autosave failed: Cannot read properties of null").
 * Storage is made slow here, as under load: every IndexedDB write completes 400 ms late. Each
 * round edits, waits out the autosave delay (300 ms) so its write is in flight, then opens a
 * project file. No round may report a failed autosave, and every edit must reach the library.
 */
import { expect, test } from '@playwright/test';
import { renameProject } from './editorHelpers';
import { templateNodes } from './editorHelpers';

test('opening a file while an autosave is writing neither fails the save nor loses the edit', async ({ page }) => {
  await page.addInitScript(() => {
    const complete = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete')!;
    Object.defineProperty(IDBTransaction.prototype, 'oncomplete', {
      get() {
        return complete.get!.call(this);
      },
      set(fn: ((e: Event) => void) | null) {
        complete.set!.call(this, fn && ((e: Event) => setTimeout(() => fn.call(this, e), 400)));
      },
    });
  });
  await page.goto('/?template=mnist_model');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  const file = JSON.stringify({ ...(await import('../src/templates')).TEMPLATES.ensemble.build(), name: 'Opened file' });
  for (let round = 0; round < 4; round++) {
    const name = `Edited ${round}`;
    // An edit of the open project (its name is part of the document), autosaved 300 ms later.
    await renameProject(page, name);
    await page.waitForTimeout(300 + 40 * round);
    await page.getByTestId('open-file-input').setInputFiles({ name: `file${round}.layerflow.json`, mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect(page.locator('.pm-project-name')).toHaveText('Opened file');
    await expect(page.locator('.react-flow__minimap-node')).toHaveCount(templateNodes('ensemble'));
    await expect(page.getByTestId('notice-error')).toHaveCount(0);
    // The edited project kept its edit.
    await page.getByTestId('project-menu').click();
    await page.getByTestId('menu-projects').click();
    await expect(page.getByTestId('project-row').filter({ hasText: name })).toHaveCount(1);
    await page.keyboard.press('Escape');
  }
});
