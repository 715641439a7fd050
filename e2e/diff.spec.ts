/**
 * Architecture diff in Chromium: the open model compared with a saved project (the same
 * template before an edit) and with an imported Keras JSON file; the canvas highlights added
 * and changed calls with their deltas, the list has every entry (removed ones too) and the
 * totals. Screenshots: test-results/diff-*.png.
 */
import { expect, test } from '@playwright/test';
import { ProjectBuilder } from '../src/engine/build';
import { kerasModelObject } from '../src/engine/io/kerasJson';
import { clickNode, openTemplate, setField } from './editorHelpers';

test('against a saved version: changed layers with their param, shape and count deltas', async ({ page }, info) => {
  await openTemplate(page, 'mnist_model'); // saved in the library as it opens
  await openTemplate(page, 'mnist_model'); // a second copy, edited
  await page.getByTestId('tab-inspector').click();
  await clickNode(page, 'dense');
  await setField(page, 'units', '128');
  await page.getByTestId('tab-summary').click();
  await page.getByTestId('diff-against').selectOption({ label: 'saved project mnist_model' });

  const dense = page.getByTestId('node-dense').getByTestId('node-diff');
  await expect(dense).toHaveAttribute('data-status', 'changed');
  // 784·128+128 − (784·64+64) = +50,240
  await expect(dense).toContainText('units 64 → 128');
  await expect(dense).toContainText('(None, 64) → (None, 128)');
  await expect(dense).toContainText('+50,240 params');
  await expect(page.getByTestId('node-dense_1').getByTestId('node-diff')).toContainText('+4,096 params');
  await expect(page.getByTestId('node-dense_2').getByTestId('node-diff')).toHaveCount(0);
  await expect(page.getByTestId('node-dense')).toHaveClass(/diff-changed/);
  await expect(page.getByTestId('diff-summary')).toContainText('0 added, 0 removed, 2 changed, 2 unchanged');
  await expect(page.getByTestId('diff-summary')).toContainText('Total params 55,050 → 109,386 (+54,336)');
  await page.screenshot({ path: info.outputPath('diff-saved.png') });

  await expect(page.getByTestId('diff-banner')).toContainText('2 changed');
  await page.getByTestId('diff-clear').click();
  await expect(page.locator('[data-testid="node-diff"]')).toHaveCount(0);
  await expect(page.getByTestId('diff-banner')).toHaveCount(0);
});

test('against an imported Keras file: added on the canvas, removed in the list', async ({ page }, info) => {
  // The file's model: the MLP with a Dropout where the open one has dense_1.
  const b = new ProjectBuilder('older');
  const x = b.input([784], { name: 'input_1' }); // as the guide's mnist_model names it
  let h = b.layer('Dense', { units: 64, activation: 'relu' }, 'dense').call(x);
  h = b.layer('Dropout', { rate: 0.2 }, 'drop').call(h);
  b.model('older', [x], [b.layer('Dense', { units: 10 }, 'dense_2').call(h)]);
  const doc = b.build();
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('tab-summary').click();
  await page.getByTestId('diff-file').setInputFiles({ name: 'older.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(kerasModelObject(doc, doc.main, 'keras3'))) });

  const added = page.getByTestId('node-dense_1').getByTestId('node-diff');
  await expect(added).toHaveAttribute('data-status', 'added');
  await expect(added).toContainText('+4,160 params');
  await expect(page.getByTestId('node-dense_1')).toHaveClass(/diff-added/);
  await expect(page.getByTestId('diff-removed-drop')).toContainText('drop (Dropout)');
  // Removed calls have no node: the banner over the canvas names them.
  await expect(page.getByTestId('diff-banner-removed')).toHaveText('Removed: drop (Dropout)');
  await expect(page.getByTestId('diff-summary')).toContainText('Against older.json: 1 added, 1 removed, 0 changed, 3 unchanged');
  await expect(page.getByTestId('diff-summary')).toContainText('Total params 50,890 → 55,050 (+4,160)');
  await page.screenshot({ path: info.outputPath('diff-file.png') });
});
