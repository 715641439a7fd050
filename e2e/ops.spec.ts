/** A Keras 3 file with operation nodes (x + 3.0, ops.relu6) imports into the canvas as Op nodes. */
import { expect, test } from '@playwright/test';

const t = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [layer, 0, 0] } });
const MODEL = {
  module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
  config: {
    name: 'ops_demo', trainable: true,
    layers: [
      { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
      { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense', units: 4 }, name: 'dense', inbound_nodes: [{ args: [t('x')], kwargs: {} }] },
      { module: 'keras.src.ops.numpy', class_name: 'Add', config: { name: 'add' }, registered_name: 'Add', name: 'add', inbound_nodes: [{ args: [t('dense'), 3.0], kwargs: {} }] },
      { module: 'keras.src.ops.nn', class_name: 'Relu6', config: { name: 'relu6' }, registered_name: 'Relu6', name: 'relu6', inbound_nodes: [{ args: [t('add')], kwargs: {} }] },
    ],
    input_layers: [['x', 0, 0]], output_layers: [['relu6', 0, 0]],
  },
};

test('Keras 3 operation nodes import as Op nodes on the canvas', async ({ page }, info) => {
  await page.goto('/');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await page.getByTestId('tab-export').click();
  await page.getByTestId('io-import-input').setInputFiles([{ name: 'ops.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MODEL)) }]);
  await expect(page.getByTestId('io-import-result')).toContainText('Imported ops.json');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  await expect(page.locator('.react-flow__node.cat-ops, .react-flow__node .cat-ops')).toHaveCount(2);
  await page.screenshot({ path: info.outputPath('ops.png') });
});
