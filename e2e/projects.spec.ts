/**
 * Projects, driven in Chromium: autosave to IndexedDB and restore on reload, the projects
 * list, project files on disk, share links.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { templateNodes } from './editorHelpers';

/** Load the app and wait until the projects session has opened its project. */
async function boot(page: Page, url = '/') {
  await page.goto(url);
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

async function menu(page: Page, item: string) {
  await page.getByTestId('project-menu').click();
  await page.getByTestId(`menu-${item}`).click();
}

/** Every node of the model on view: the minimap draws them all (the canvas only those in view). */
const nodes = (page: Page) => page.locator('.react-flow__minimap-node');
const projectName = (page: Page) => page.locator('.pm-project-name');

async function openTemplate(page: Page, name: string) {
  await page.getByTestId('open-templates').click();
  await page.locator(`[data-template="${name}"]`).click();
  await expect(page.getByTestId('template-gallery')).toBeHidden();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** The open project as its file text (Save to file). */
async function savedText(page: Page, path: string) {
  const saving = page.waitForEvent('download');
  await menu(page, 'save-file');
  await (await saving).saveAs(path);
  return readFile(path, 'utf8');
}

async function renameOpenProject(page: Page, name: string) {
  await menu(page, 'projects');
  const row = page.getByTestId('project-row').filter({ has: page.locator('.pm-badge') });
  await row.getByRole('button', { name: 'Rename' }).click();
  const field = page.getByRole('textbox', { name: 'New name' });
  await field.fill(name);
  await field.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('projects-dialog')).toBeHidden();
}

test('a reload restores the project exactly: document, name and the model being viewed', async ({ page }, info) => {
  await boot(page);
  await openTemplate(page, 'autoencoder_nested');
  await page.getByTestId('model-tab-decoder').click();
  await expect(page.getByTestId('model-tab-decoder')).toHaveClass(/active/);
  const before = templateNodes('autoencoder_nested', 'decoder');
  // The decoder is on the canvas (its input), not the model shown before.
  await expect(page.getByTestId('node-encoded_img')).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-settled', 'true');
  await expect(nodes(page)).toHaveCount(before);
  // Delete one layer call of the decoder, rename the project: both are document edits.
  await page.locator('.react-flow__node').nth(1).locator('.lf-node-title').click();
  await page.getByTestId('delete-node').click();
  await expect(nodes(page)).toHaveCount(before - 1);
  await renameOpenProject(page, 'Autoencoder, edited');
  await expect(projectName(page)).toHaveText('Autoencoder, edited');
  const edited = await savedText(page, info.outputPath('before.json'));
  // Reload at once: the save made as the page is hidden must be enough.
  await page.reload();
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(projectName(page)).toHaveText('Autoencoder, edited');
  await expect(page.getByTestId('model-tab-decoder')).toHaveClass(/active/);
  await expect(nodes(page)).toHaveCount(before - 1);
  expect(await savedText(page, info.outputPath('after.json'))).toBe(edited);
  // Undo history starts afresh but the edit itself survived a second reload too.
  await page.reload();
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(nodes(page)).toHaveCount(before - 1);
});

test('the autosave runs while editing, not only on leaving (a crash loses nothing)', async ({ page, context }) => {
  await boot(page);
  await openTemplate(page, 'ensemble');
  await renameOpenProject(page, 'Saved while open');
  // The first tab stays open (no pagehide, as in a crash); a second tab restores from storage.
  const second = await context.newPage();
  await boot(second);
  await expect(second.locator('.pm-project-name')).toHaveText('Saved while open');
  await expect(nodes(page)).toHaveCount(templateNodes('ensemble'));
  await expect(nodes(second)).toHaveCount(templateNodes('ensemble'));
});

test('projects list: new, open, rename, duplicate, delete', async ({ page }) => {
  await boot(page);
  await openTemplate(page, 'mnist_model');
  const mnistName = (await projectName(page).textContent())!;
  await menu(page, 'new');
  await expect(nodes(page)).toHaveCount(0);
  await expect(projectName(page)).toHaveText('Untitled');

  await menu(page, 'projects');
  const dialog = page.getByTestId('projects-dialog');
  const rows = dialog.getByTestId('project-row');
  // The empty first project of the session, the MNIST template, and the new one.
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Untitled');
  await expect(rows.first().locator('.pm-badge')).toBeVisible();

  const mnistRow = rows.filter({ hasText: mnistName });
  await mnistRow.getByRole('button', { name: 'Duplicate' }).click();
  await expect(rows).toHaveCount(4);
  const copyRow = rows.filter({ hasText: `${mnistName} (copy)` });
  await expect(copyRow).toHaveCount(1);
  await copyRow.getByRole('button', { name: 'Rename' }).click();
  await dialog.getByRole('textbox', { name: 'New name' }).fill('my mnist');
  await dialog.getByRole('textbox', { name: 'New name' }).press('Enter');
  const mine = rows.filter({ hasText: 'my mnist' });
  await expect(mine).toHaveCount(1);

  await mine.locator('.pm-list-main').click();
  await expect(dialog).toBeHidden();
  await expect(projectName(page)).toHaveText('my mnist');
  await expect(nodes(page)).toHaveCount(4);

  // Deleting the open project opens the most recent other one.
  await menu(page, 'projects');
  await rows.filter({ hasText: 'my mnist' }).getByRole('button', { name: 'Delete' }).click();
  await dialog.locator('.pm-confirm').getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'my mnist' })).toHaveCount(0);
  await expect(projectName(page)).not.toHaveText('my mnist');
  await page.keyboard.press('Escape');

  // The list survives a reload.
  await page.reload();
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await menu(page, 'projects');
  await expect(rows).toHaveCount(3);
});

test('save to a file and open it again; a broken file names its problem and changes nothing', async ({ page }, info) => {
  await boot(page);
  await openTemplate(page, 'ticket_classifier');
  const count = templateNodes('ticket_classifier');
  await expect(nodes(page)).toHaveCount(count);
  const name = (await projectName(page).textContent())!;

  const saving = page.waitForEvent('download');
  await menu(page, 'save-file');
  const download = await saving;
  expect(download.suggestedFilename()).toMatch(/\.layerflow\.json$/);
  const path = info.outputPath('saved.layerflow.json');
  await download.saveAs(path);
  const text = await readFile(path, 'utf8');
  const saved = JSON.parse(text);
  expect(saved.version).toBe(1);
  expect(saved.name).toBe(name);
  expect(Object.keys(saved.models).length).toBeGreaterThan(0);

  await menu(page, 'new');
  await expect(nodes(page)).toHaveCount(0);

  await page.getByTestId('open-file-input').setInputFiles({ name: 'ticket.layerflow.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(projectName(page)).toHaveText(name);
  await expect(nodes(page)).toHaveCount(count);
  await expect(page.getByTestId('notice-info')).toContainText('Opened ticket.layerflow.json');

  // Not JSON: the message says so, the project stays.
  await page.getByTestId('open-file-input').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, 200)) });
  const error = page.getByTestId('notice-error');
  await expect(error).toContainText('broken.json is not a project file: it is not valid JSON');
  await expect(nodes(page)).toHaveCount(count);
  await error.getByRole('button').click();

  // JSON but not a project: the message names the field.
  const bad = { ...saved, models: { ...saved.models, [saved.main]: { ...saved.models[saved.main], outputs: 'none' } } };
  await page.getByTestId('open-file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(error).toContainText(`bad.json is not a valid Layerflow project: models.${saved.main}.outputs`);
  await expect(projectName(page)).toHaveText(name);
  await expect(nodes(page)).toHaveCount(count);
});

test('a share link carries the project; broken links are refused with a reason', async ({ page, context }) => {
  await boot(page);
  await openTemplate(page, 'toy_resnet');
  await renameOpenProject(page, 'Shared ResNet');
  const count = templateNodes('toy_resnet');
  await expect(nodes(page)).toHaveCount(count);
  await menu(page, 'share');
  const link = await page.locator('.pm-share-link').inputValue();
  expect(link).toMatch(/#p1=[A-Za-z0-9_-]+$/);
  await page.keyboard.press('Escape');

  // Opened in a new tab: the project arrives as a new project, the hash is dropped.
  const other = await context.newPage();
  await boot(other, link);
  await expect(other.locator('.pm-project-name')).toHaveText('Shared ResNet');
  await expect(nodes(other)).toHaveCount(count);
  expect(new URL(other.url()).hash).toBe('');
  await expect(other.getByTestId('notice-info')).toContainText('Opened the shared project “Shared ResNet”');

  // Pasted into an open tab (only the hash changes).
  await other.getByTestId('project-menu').click();
  await other.getByTestId('menu-new').click();
  await expect(nodes(other)).toHaveCount(0);
  await other.goto(link);
  await expect(other.locator('.pm-project-name')).toHaveText('Shared ResNet');
  await expect(nodes(other)).toHaveCount(count);

  // A link cut off when copied: refused, the open project stays.
  await other.goto(link.slice(0, link.length - 40));
  await expect(other.getByTestId('notice-error')).toContainText('The share link is broken');
  await expect(nodes(other)).toHaveCount(count);

  // An oversize link is refused before decoding.
  const base = link.slice(0, link.indexOf('#'));
  await other.goto(`${base}#p1=${'A'.repeat(40_000)}`);
  await expect(other.getByTestId('notice-error').last()).toContainText('The share link is too long (40000 characters; the limit is 32000)');
  await expect(other.locator('.pm-project-name')).toHaveText('Shared ResNet');
});
