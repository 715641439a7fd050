/**
 * No lost work across tabs and reloads (Chromium, two pages in one browser context share
 * IndexedDB, localStorage and BroadcastChannel as two tabs do): a second tab on a project is
 * told, edits saved in one tab are loaded in the other; a reload in one tab never takes another
 * project's reload journal; a full localStorage is reported; undo survives a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { renameProject as rename } from './editorHelpers';

const ready = (page: Page) => expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);

/** As the browser does when a tab is hidden: the journal is written synchronously. */
const hide = (page: Page) =>
  page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });

/** IndexedDB writes can be made to complete late (`slow(page, ms)`), as on a loaded machine: an autosave stays in flight. */
const slowStorage = () => {
  const complete = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'oncomplete')!;
  Object.defineProperty(IDBTransaction.prototype, 'oncomplete', {
    get() {
      return complete.get!.call(this);
    },
    set(fn: ((e: Event) => void) | null) {
      complete.set!.call(this, fn && ((e: Event) => setTimeout(() => fn.call(this, e), (window as unknown as { slowMs?: number }).slowMs ?? 0)));
    },
  });
};
const slow = (page: Page, ms: number) => page.evaluate((v) => ((window as unknown as { slowMs?: number }).slowMs = v), ms);

test('two tabs on one project: the second is told, and edits saved in either are loaded in the other', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('/?template=mnist_model');
  await ready(a);
  const b = await context.newPage();
  await b.goto('/'); // opens the project open last: the same one
  await ready(b);
  await expect(b.locator('.pm-project-name')).toHaveText(await a.locator('.pm-project-name').innerText());
  await expect(b.getByTestId('notice-info').filter({ hasText: 'is open in another tab too' })).toHaveCount(1);
  await expect(a.getByTestId('notice-info').filter({ hasText: 'is open in another tab too' })).toHaveCount(1);
  // It stays until dismissed: A is usually in the background when B opens (a loaded machine took
  // longer than the 4 s an info message used to last between B's open and the check above).
  await a.waitForTimeout(5000);
  await expect(a.getByTestId('notice-info').filter({ hasText: 'is open in another tab too' })).toHaveCount(1);
  await a.getByTestId('notice-info').filter({ hasText: 'is open in another tab too' }).getByRole('button').click();
  await expect(a.getByTestId('notice-info')).toHaveCount(0);

  await rename(a, 'Edited in A');
  await expect(b.locator('.pm-project-name')).toHaveText('Edited in A');
  await rename(b, 'Edited in B');
  await expect(a.locator('.pm-project-name')).toHaveText('Edited in B');
});

test('a reload in one tab never takes another project’s journal', async ({ context }) => {
  await context.addInitScript(slowStorage);
  const a = await context.newPage();
  await a.goto('/?template=mnist_model');
  await ready(a);
  await slow(a, 60_000);
  await rename(a, 'Unsaved in A');
  await a.waitForTimeout(400); // the autosave is now in flight, held back by the slow store
  await hide(a);
  const journals = () => a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('layerflow.journal')).map((k) => localStorage.getItem(k)!));
  expect((await journals()).some((j) => j.includes('Unsaved in A'))).toBe(true);

  const b = await context.newPage();
  await b.goto('/?template=ensemble'); // another project, now the library's current one
  await ready(b);
  await b.reload();
  await ready(b);
  await expect(b.locator('.pm-project-name')).not.toHaveText('Unsaved in A');
  // A's journal is still there for A's project.
  expect((await journals()).some((j) => j.includes('Unsaved in A'))).toBe(true);
});

test('a journal write refused by a full localStorage is reported', async ({ page }) => {
  await page.addInitScript(slowStorage);
  await page.goto('/?template=mnist_model');
  await ready(page);
  await slow(page, 60_000);
  // Fill localStorage until Chromium refuses with its real QuotaExceededError.
  const filled = await page.evaluate(() => {
    let i = 0;
    let refused = 'not full';
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1])
      try {
        for (; i < 100_000; i++) localStorage.setItem(`filler${i}`, 'x'.repeat(size));
      } catch (e) {
        refused = (e as Error).name;
      }
    return refused;
  });
  expect(filled).toBe('QuotaExceededError');
  await rename(page, 'Unsaved edit');
  await page.waitForTimeout(400); // the autosave is in flight, held back by the slow store
  await hide(page);
  await expect(page.getByTestId('notice-error').filter({ hasText: 'could not be kept for a reload' })).toHaveCount(1);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
});

test('undo survives a reload', async ({ page }) => {
  await page.goto('/?template=mnist_model');
  await ready(page);
  const original = await page.locator('.pm-project-name').innerText();
  await rename(page, 'Renamed once');
  await rename(page, 'Renamed twice');
  await page.waitForTimeout(800); // autosaved
  await page.reload();
  await ready(page);
  await expect(page.locator('.pm-project-name')).toHaveText('Renamed twice');
  await page.locator('.react-flow__pane').click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.pm-project-name')).toHaveText('Renamed once');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.pm-project-name')).toHaveText(original);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.pm-project-name')).toHaveText('Renamed once');
});
