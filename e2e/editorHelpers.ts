/** Shared steps of the editor specs: drive the real UI as a user does (drag, click, type). */
import { expect, type Page } from '@playwright/test';
import { TEMPLATES } from '../src/templates';

export async function openEditor(page: Page, query = '') {
  await page.goto(`/${query}`);
  // The projects session has opened what it opens, and the canvas has laid out and fitted it.
  await expect(page.locator('html')).toHaveAttribute('data-projects-ready', 'true');
  await expect(page.getByTestId('canvas')).toHaveAttribute('data-settled', 'true');
}

/** Open a template through the URL the gallery uses and wait until its nodes are on the canvas. */
export async function openTemplate(page: Page, name: string) {
  await openEditor(page, `?template=${name}`);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** Drag a kind from the palette onto the canvas at (x, y) relative to the canvas. */
export async function dropKind(page: Page, kind: string, x: number, y: number) {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

export async function centre(page: Page, testId: string) {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} is not on screen`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Press on a handle, move to another, and (unless `release` is false) let go. */
export async function dragBetween(page: Page, fromTestId: string, toTestId: string, release = true) {
  const a = await centre(page, fromTestId);
  const b = await centre(page, toTestId);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  if (release) await page.mouse.up();
}

/** Connect output `out` of layer `from` to input `input` of layer `to` (handles are named by layer name). */
export const wire = (page: Page, from: string, to: string, input = 0, out = 0) => dragBetween(page, `out-${from}-${out}`, `in-${to}-${input}`);

/**
 * Click a node by its layer name (on its title, away from the handles), once the view is still:
 * a paste or duplicate may start panning a few frames after the node appears, and a click
 * aimed before the pan lands on the empty pane (which clears the selection).
 */
export async function clickNode(page: Page, name: string, modifiers: ('Shift' | 'Control')[] = []) {
  await viewStill(page);
  await page.getByTestId(`node-${name}`).locator('.lf-node-title').click({ modifiers });
}

/** Type a value into an inspector text field and commit it with Enter. */
export async function setField(page: Page, param: string, value: string) {
  const f = page.getByTestId(`param-${param}`);
  await f.fill(value);
  await f.press('Enter');
}

export async function summaryText(page: Page) {
  await page.getByTestId('tab-summary').click();
  const text = (await page.getByTestId('summary').textContent()) ?? '';
  return text;
}

export async function expectTotal(page: Page, total: string) {
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('summary')).toContainText(`Total params: ${total}`);
}

/** Wait until the view has stopped moving (a layout or fit pans and zooms a frame or more later). */
export async function viewStill(page: Page) {
  const viewport = page.locator('.react-flow__viewport');
  let last: string | undefined;
  await expect
    .poll(async () => {
      const now = await viewport.evaluate((e) => (e as HTMLElement).style.transform);
      const still = now === last;
      last = now;
      return still;
    }, { intervals: [100] })
    .toBe(true);
}

/** Press a shortcut with focus on the canvas (never inside a form field). */
export async function shortcut(page: Page, keys: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
  await page.keyboard.press(keys);
}

/**
 * How many nodes a template's model has (the main one unless named), from the template itself:
 * a count to wait for, since a count read off the canvas right after a switch can be mid-render.
 */
export function templateNodes(template: string, model?: string) {
  const doc = TEMPLATES[template].build();
  const m = model === undefined ? doc.models[doc.main] : Object.values(doc.models).find((x) => x.name === model);
  if (!m) throw new Error(`template ${template} has no model ${model}`);
  return m.nodes.length;
}

/** Rename the open project (an edit of its document, undoable and autosaved). */
export async function renameProject(page: Page, name: string) {
  await page.getByTestId('project-menu').click();
  await page.getByTestId('menu-projects').click();
  const row = page.getByTestId('project-row').filter({ has: page.locator('.pm-badge') });
  await row.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.getByRole('textbox', { name: 'New name' }).fill(name);
  await page.getByRole('textbox', { name: 'New name' }).press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.locator('.pm-project-name')).toHaveText(name);
}

/** Train the open model for one epoch on 320 synthetic samples (batch 32); returns once Train is clicked. */
export async function trainOneSyntheticEpoch(page: Page, epochs = 1) {
  await page.getByTestId('tab-train').click();
  await page.locator('label', { has: page.getByTestId('data-synthetic') }).click();
  await page.getByTestId('synthetic-count').fill('320');
  await page.getByTestId('epochs').fill(String(epochs));
  await page.getByTestId('batch-size').fill('32');
  await page.getByTestId('train-button').click();
}

/** Train `epochs` epochs on 320 synthetic samples (batch 32) to completion; the epoch losses as logged. */
export async function syntheticEpochLosses(page: Page, epochs: number, timeout: number): Promise<number[]> {
  await trainOneSyntheticEpoch(page, epochs);
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-status', 'completed', { timeout });
  const logs = page.getByTestId('epoch-logs').locator('li');
  await expect(logs).toHaveCount(epochs);
  return Promise.all(Array.from({ length: epochs }, async (_, i) => Number(/(?:^|[^_])loss: ([\d.]+)/.exec((await logs.nth(i).textContent()) ?? '')?.[1])));
}
