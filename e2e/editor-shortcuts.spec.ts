/**
 * The help dialog lists the keyboard shortcuts; each one listed is pressed here on the mnist
 * template and must do what the dialog says. A shortcut added to the dialog without a check
 * below fails the test. Screenshot: test-results/editor-shortcuts-help.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { clickNode, dropKind, expectTotal, openTemplate, setField, shortcut, viewStill, wire } from './editorHelpers';

test.afterEach(async ({ page }, info) => {
  if (info.status !== info.expectedStatus) await page.screenshot({ path: info.outputPath('failure.png') });
});

const nodes = (page: Page) => page.locator('.react-flow__node');
const edges = (page: Page) => page.locator('.react-flow__edge');
const selected = (page: Page) => page.locator('.lf-node.selected');
const shapeOf = (page: Page, name: string) => page.getByTestId(`node-${name}`).getByTestId('node-shape');
const heading = (page: Page) => page.getByTestId('inspector').locator('h2');

/** Undo the check's edits: the mnist template as it opened (4 nodes, 3 edges, 55,050). */
async function restore(page: Page, undos: number) {
  for (let i = 0; i < undos; i++) await shortcut(page, 'Control+z');
  await shortcut(page, 'Escape');
  await expect(nodes(page)).toHaveCount(4);
  await expect(edges(page)).toHaveCount(3);
  await expect(page.getByTestId('status-totals')).toHaveText('Total params: 55,050');
}

async function inView(page: Page) {
  const c = (await page.getByTestId('canvas').boundingBox())!;
  const boxes = await nodes(page).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
  return boxes.length === 4 && boxes.every((b) => b.left >= c.x && b.top >= c.y && b.right <= c.x + c.width && b.bottom <= c.y + c.height);
}

async function dragTitle(page: Page, name: string, dx: number, dy: number) {
  const t = (await page.getByTestId(`node-${name}`).locator('.lf-node-title').boundingBox())!;
  await page.mouse.move(t.x + 5, t.y + 5);
  await page.mouse.down();
  await page.mouse.move(t.x + 5 + dx / 2, t.y + 5 + dy / 2, { steps: 5 });
  await page.mouse.move(t.x + 5 + dx, t.y + 5 + dy, { steps: 5 });
  await page.mouse.up();
}

/** A node's top on screen; NaN while it is not drawn (a node outside the view is not rendered). */
const top = async (page: Page, name: string) => (await page.getByTestId(`node-${name}`).boundingBox())?.y ?? NaN;

/** What each listed shortcut must do, in the dialog's order. */
const CHECKS: [keys: string, check: (page: Page) => Promise<void>][] = [
  ['Ctrl+Z', async (page) => {
    await clickNode(page, 'dense');
    await setField(page, 'units', '50');
    await expect(shapeOf(page, 'dense')).toHaveText('(None, 50)');
    await shortcut(page, 'Control+z');
    await expect(shapeOf(page, 'dense')).toHaveText('(None, 64)');
    await restore(page, 0);
  }],
  ['Ctrl+Shift+Z / Ctrl+Y', async (page) => {
    await clickNode(page, 'dense');
    await setField(page, 'units', '50');
    await shortcut(page, 'Control+z');
    await shortcut(page, 'Control+Shift+z');
    await expect(shapeOf(page, 'dense')).toHaveText('(None, 50)');
    await shortcut(page, 'Control+z');
    await expect(shapeOf(page, 'dense')).toHaveText('(None, 64)');
    await shortcut(page, 'Control+y');
    await expect(shapeOf(page, 'dense')).toHaveText('(None, 50)');
    await restore(page, 1);
  }],
  ['Ctrl+C', async (page) => {
    await clickNode(page, 'dense_1');
    await shortcut(page, 'Control+c');
    // Copying alone changes nothing.
    await expect(nodes(page)).toHaveCount(4);
    await shortcut(page, 'Control+v');
    await expect(page.getByTestId('node-dense_3')).toBeVisible();
    await expect(heading(page)).toHaveText('dense_3 Dense');
    await expect(page.getByTestId('param-units')).toHaveValue('64');
    await restore(page, 1);
  }],
  ['Ctrl+V', async (page) => {
    // The clipboard of the previous check still holds dense_1: paste it twice.
    await shortcut(page, 'Control+v');
    await shortcut(page, 'Control+v');
    await expect(nodes(page)).toHaveCount(6);
    await clickNode(page, 'dense_4');
    await expect(page.getByTestId('param-units')).toHaveValue('64');
    await restore(page, 2);
  }],
  ['Ctrl+D', async (page) => {
    await clickNode(page, 'dense_2');
    await shortcut(page, 'Control+d');
    await expect(nodes(page)).toHaveCount(5);
    await expect(heading(page)).toHaveText('dense_3 Dense');
    await restore(page, 1);
  }],
  ['Ctrl+A', async (page) => {
    await shortcut(page, 'Control+a');
    await expect(selected(page)).toHaveCount(4);
    await restore(page, 0);
  }],
  ['Delete / Backspace', async (page) => {
    await clickNode(page, 'dense_2');
    await shortcut(page, 'Delete');
    await expect(nodes(page)).toHaveCount(3);
    await clickNode(page, 'dense_1');
    await shortcut(page, 'Backspace');
    await expect(nodes(page)).toHaveCount(2);
    await expect(edges(page)).toHaveCount(1);
    await restore(page, 2);
  }],
  ['Ctrl+G', async (page) => {
    await clickNode(page, 'dense');
    await clickNode(page, 'dense_1', ['Shift']);
    await shortcut(page, 'Control+g');
    await expect(page.getByTestId('node-model')).toBeVisible();
    await expect(nodes(page)).toHaveCount(3);
    await expect(page.getByTestId('status-totals')).toHaveText('Total params: 55,050');
    await restore(page, 1);
  }],
  ['R', async (page) => {
    await clickNode(page, 'dense_1');
    await shortcut(page, 'r');
    await expect(page.getByTestId('node-dense_1')).toHaveCount(2);
    await expect(page.getByTestId('shared-badge')).toHaveCount(2);
    await restore(page, 1);
  }],
  ['O', async (page) => {
    await clickNode(page, 'dense');
    await shortcut(page, 'o');
    await expect(page.getByTestId('mark-output-0')).toHaveText('Unmark output');
    await expect(page.locator('.lf-out-mark')).toHaveCount(2);
    await shortcut(page, 'o');
    await expect(page.getByTestId('mark-output-0')).toHaveText('Mark as output');
    await expect(page.locator('.lf-out-mark')).toHaveCount(1);
    await restore(page, 0);
  }],
  ['F', async (page) => {
    // Zoom in on a corner until the nodes do not all fit, then F.
    const c = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.move(c.x + 60, c.y + 60);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    await expect.poll(() => inView(page)).toBe(false);
    await shortcut(page, 'f');
    await expect.poll(() => inView(page)).toBe(true);
    await viewStill(page);
  }],
  ['L', async (page) => {
    // Drag the last layer above the first, then lay out: top to bottom in call order again.
    const lift = (await top(page, 'input_1')) - (await top(page, 'dense_2')) - 80;
    await dragTitle(page, 'dense_2', 260, lift);
    await expect.poll(async () => (await top(page, 'dense_2')) < (await top(page, 'input_1'))).toBe(true);
    await shortcut(page, 'l');
    // Top to bottom in call order: true or false, null while a node is not drawn.
    const order = async () => {
      const ys = await Promise.all(['input_1', 'dense', 'dense_1', 'dense_2'].map((n) => top(page, n)));
      return ys.some(Number.isNaN) ? null : ys.every((y, i) => i === 0 || y > ys[i - 1]);
    };
    await expect.poll(order).toBe(true);
    await viewStill(page);
    // The toolbar's Layout button does the same.
    await dragTitle(page, 'dense', 260, (await top(page, 'input_1')) - (await top(page, 'dense')) - 80);
    await expect.poll(order).toBe(false);
    await page.getByTestId('auto-layout').click();
    await expect.poll(order).toBe(true);
    await viewStill(page);
    await restore(page, 0);
  }],
  ['Esc', async (page) => {
    await shortcut(page, 'Control+a');
    await expect(selected(page)).toHaveCount(4);
    await shortcut(page, 'Escape');
    await expect(selected(page)).toHaveCount(0);
    await expect(heading(page)).toHaveText('mnist_model Model');
    await shortcut(page, '?');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await shortcut(page, 'Escape');
    await expect(page.getByTestId('help-dialog')).toBeHidden();
  }],
  ['?', async (page) => {
    await shortcut(page, '?');
    await expect(page.getByTestId('help-dialog')).toBeVisible();
    await shortcut(page, '?');
    await expect(page.getByTestId('help-dialog')).toBeHidden();
  }],
  ['Drag', async (page) => {
    await dropKind(page, 'Dense', 150, 200);
    await expect(page.getByTestId('node-dense_3')).toBeVisible();
    await wire(page, 'dense_2', 'dense_3');
    await expect(edges(page)).toHaveCount(4);
    await expect(shapeOf(page, 'dense_3')).toHaveText('(None, 32)');
    await restore(page, 2);
  }],
  ['Shift+Drag', async (page) => {
    // A box around dense and dense_1 (from the empty pane left of them) selects exactly those two.
    const a = (await page.getByTestId('node-dense').boundingBox())!;
    const b = (await page.getByTestId('node-dense_1').boundingBox())!;
    const from = { x: a.x - 40, y: a.y - 4 };
    const to = { x: b.x + b.width + 40, y: b.y + b.height + 4 };
    await page.keyboard.down('Shift');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(selected(page)).toHaveCount(2);
    await expect(page.getByTestId('node-dense')).toHaveClass(/selected/);
    await expect(page.getByTestId('node-dense_1')).toHaveClass(/selected/);
    await expect(heading(page)).toHaveText('2 nodes selected');
  }],
];

test('every shortcut in the help dialog does what it says', async ({ page }) => {
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('help-button').click();
  const dialog = page.getByTestId('help-dialog');
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/editor-shortcuts-help.png' });
  const rows = await dialog.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  expect(rows.map(([keys]) => keys)).toEqual(CHECKS.map(([keys]) => keys));
  for (const [keys, what] of rows) expect(what, keys).not.toBe('');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expectTotal(page, '55,050');
  await page.getByTestId('tab-inspector').click();
  for (const [keys, check] of CHECKS) await test.step(keys, () => check(page));
  // The inspector's fields keep their keys: typing R or Delete in a field edits the text only.
  await shortcut(page, 'Escape');
  await clickNode(page, 'dense');
  const name = page.getByTestId('layer-name');
  await name.click();
  await page.keyboard.press('End');
  await page.keyboard.type('r');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+a');
  await expect(name).toHaveValue('dense');
  await expect(nodes(page)).toHaveCount(4);
  await expect(selected(page)).toHaveCount(1);
});
