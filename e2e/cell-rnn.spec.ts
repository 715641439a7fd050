/**
 * A Keras 3 model with RNN(StackedRNNCells([LSTMCell, LSTMCell])) and SpectralNormalization(Dense)
 * imports into the canvas with Keras' param counts and trains in the real app (Chromium, the
 * training worker) for 4 epochs, the power iteration running in every step: every epoch's loss is
 * a finite number (the synthetic labels are noise, so it stays near ln 3 rather than falling).
 */
import { expect, test } from '@playwright/test';
import { syntheticEpochLosses } from './editorHelpers';

const t = (layer: string, shape: (number | null)[]) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [layer, 0, 0] } });
const cell = (name: string, units: number) => ({ module: 'keras.layers', class_name: 'LSTMCell', config: { name, units, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, unit_forget_bias: true, dropout: 0, recurrent_dropout: 0 }, registered_name: null });
const MODEL = {
  module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
  config: {
    name: 'cells_demo', trainable: true,
    layers: [
      { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 8, 3], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
      {
        module: 'keras.layers', class_name: 'RNN', name: 'rnn', inbound_nodes: [{ args: [t('x', [null, 8, 3])], kwargs: {} }],
        config: { name: 'rnn', return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false, zero_output_for_mask: false, cell: { module: 'keras.layers', class_name: 'StackedRNNCells', config: { cells: [cell('lstm_cell', 8), cell('lstm_cell_1', 4)] }, registered_name: null } },
      },
      {
        module: 'keras.layers', class_name: 'SpectralNormalization', name: 'sn', inbound_nodes: [{ args: [t('rnn', [null, 4])], kwargs: {} }],
        config: { name: 'sn', power_iterations: 1, layer: { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'softmax' }, registered_name: null } },
      },
    ],
    input_layers: [['x', 0, 0]], output_layers: [['sn', 0, 0]],
  },
};

test('RNN(StackedRNNCells) and SpectralNormalization import and train in the browser', async ({ page }, info) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('tab-export').click();
  await page.getByTestId('io-import-input').setInputFiles([{ name: 'cells.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MODEL)) }]);
  await expect(page.getByTestId('io-import-result')).toContainText('Imported cells.json');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  // Keras: LSTMCell(8) on 3 features 384 + LSTMCell(4) on 8 208; Dense(3) on 4 15 + vector_u 3.
  await expect(page.locator('.react-flow__node', { hasText: 'rnn' })).toContainText('592 params');
  await expect(page.locator('.react-flow__node', { hasText: 'SpectralNormalization' })).toContainText('18 params');
  await page.screenshot({ path: info.outputPath('cells-canvas.png') });
  const losses = await syntheticEpochLosses(page, 4, 240_000);
  const [first, last] = [losses[0], losses[3]];
  console.log(`RNN(cells) + SpectralNormalization loss: epoch 1 ${first}, epoch 4 ${last}; backend: ${await page.getByTestId('backend-info').textContent()}`);
  await page.screenshot({ path: info.outputPath('cells-trained.png') });
  for (const l of losses) expect(Number.isFinite(l) && l > 0).toBe(true);
});
