/**
 * Import and export in the built app, driven in Chromium: export the mnist template as Python,
 * a .keras file and a tfjs zip; import a model.json with its weights as a new project; a
 * hostile file is refused and leaves the project untouched; feature extraction with all layers;
 * the tfjs export loads with tf.loadLayersModel inside Chromium; a custom layer's .keras file,
 * written in the browser without running its code, loads in Keras 3 with custom_objects.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CUSTOM_DENSE } from '../src/engine/custom/definition';
import { customClassPython } from '../src/engine/custom/python';

async function boot(page: Page) {
  await page.goto('/');
  await expect(page.locator('html[data-projects-ready="true"]')).toHaveCount(1);
  await expect(page.getByTestId('canvas')).toBeVisible();
}

async function openTemplate(page: Page, name: string) {
  await page.getByTestId('open-templates').click();
  await page.locator(`[data-template="${name}"]`).click();
  await expect(page.getByTestId('template-gallery')).toBeHidden();
}

/** Export the open model as `format` from the Export tab: the file saved, its name and bytes. */
async function exportAs(page: Page, format: string, info: TestInfo) {
  await page.getByTestId(`io-format-${format}`).check();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('io-export-button').click();
  const d = await downloading;
  const path = info.outputPath(d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path, bytes: await readFile(path) };
}

const MODEL_JSON = {
  format: 'layers-model',
  modelTopology: {
    class_name: 'Functional',
    config: {
      name: 'tiny',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 4], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
        { class_name: 'Dense', config: { name: 'hidden', units: 3, activation: 'relu' }, name: 'hidden', inbound_nodes: [[['x', 0, 0, {}]]] },
        { class_name: 'Dense', config: { name: 'out', units: 2, activation: 'softmax' }, name: 'out', inbound_nodes: [[['hidden', 0, 0, {}]]] },
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['out', 0, 0]],
    },
  },
  weightsManifest: [{ paths: ['w.bin'], weights: [
    { name: 'hidden/kernel', shape: [4, 3], dtype: 'float32' }, { name: 'hidden/bias', shape: [3], dtype: 'float32' },
    { name: 'out/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'out/bias', shape: [2], dtype: 'float32' },
  ] }],
};
const bin = Buffer.from(new Float32Array(Array.from({ length: 23 }, (_, i) => i / 23)).buffer);

test('exports Python, .keras and a tfjs zip of the mnist template', async ({ page }, info) => {
  await boot(page);
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('tab-export').click();
  const cases: [string, RegExp][] = [['python', /\.py$/], ['keras', /\.keras$/], ['tfjs', /\.tfjs\.zip$/]];
  for (const [format, fileName] of cases) {
    const { name, bytes } = await exportAs(page, format, info);
    expect(name).toMatch(fileName);
    if (format === 'python') expect(bytes.toString()).toContain('keras.Model(');
    else expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip archive
  }
  await expect(page.getByTestId('io-export-issues')).toHaveCount(0);
});

test('imports a model.json with weights as a new project; a hostile file changes nothing', async ({ page }) => {
  await boot(page);
  await page.getByTestId('tab-export').click();
  await page.getByTestId('io-import-input').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MODEL_JSON)) },
    { name: 'w.bin', mimeType: 'application/octet-stream', buffer: bin },
  ]);
  await expect(page.getByTestId('io-import-result')).toContainText('Imported model.json');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  const hostile = JSON.stringify(MODEL_JSON).replace('"units":3', '"units":3,"__proto__":{"polluted":true}');
  await page.getByTestId('io-import-input').setInputFiles([{ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(hostile) }]);
  await expect(page.getByTestId('io-import-result')).toContainText('Not imported');
  await expect(page.getByTestId('io-import-issues')).toContainText('__proto__');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');

  // Feature extraction: every layer's output, run once.
  await page.getByTestId('io-features-all').click();
  await expect(page.getByTestId('io-features-result')).toContainText('3 outputs');
  await expect(page.getByTestId('io-features-result')).toContainText('(1, 2)');
});

test('a model.json and its weights dropped onto the canvas import as a new project', async ({ page }) => {
  await boot(page);
  const files = [
    { name: 'model.json', type: 'application/json', bytes: [...Buffer.from(JSON.stringify(MODEL_JSON))] },
    { name: 'w.bin', type: 'application/octet-stream', bytes: [...bin] },
  ];
  const transfer = await page.evaluateHandle((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.getByTestId('canvas').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('canvas').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('io-import-result')).toContainText('Imported model.json');
  await expect(page.getByTestId('status-totals')).toHaveText('Total params: 23');
});

/** A fixed input batch for the mnist model: 3 rows of 784 values in [0, 1). */
const PROBE = Array.from({ length: 3 * 784 }, (_, i) => ((i * 37) % 101) / 101);

test('the tfjs export loads with tf.loadLayersModel in the browser and predicts what tfjs in Node predicts', async ({ page, context }, info) => {
  await boot(page);
  await openTemplate(page, 'mnist_model');
  await page.getByTestId('tab-export').click();
  const files = unzipSync(new Uint8Array((await exportAs(page, 'tfjs', info)).bytes));
  const modelJson = JSON.parse(strFromU8(files['model.json'])) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const manifest = modelJson.weightsManifest[0];
  const weightBytes = manifest.paths.flatMap((p) => [...files[p]]);

  // In Chromium: the real tfjs bundle, loading the exported artifacts.
  const browser = await context.newPage();
  await browser.addScriptTag({ path: 'node_modules/@tensorflow/tfjs/dist/tf.min.js' });
  const inBrowser = await browser.evaluate(
    async ({ topology, specs, bytes, probe }) => {
      const tfb = (window as unknown as { tf: typeof tf }).tf;
      await tfb.setBackend('cpu');
      const model = await tfb.loadLayersModel(tfb.io.fromMemory({ modelTopology: topology, weightSpecs: specs, weightData: new Uint8Array(bytes).buffer }));
      return Array.from((model.predict(tfb.tensor2d(probe, [3, 784])) as tf.Tensor).dataSync());
    },
    { topology: modelJson.modelTopology, specs: manifest.weights, bytes: weightBytes, probe: PROBE },
  );

  // In Node: the same file through tfjs (whose predictions the unit tests pin to the project's own).
  await tf.setBackend('cpu');
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: manifest.weights, weightData: new Uint8Array(weightBytes).buffer }));
  const inNode = Array.from((model.predict(tf.tensor2d(PROBE, [3, 784])) as tf.Tensor).dataSync());
  expect(inBrowser).toHaveLength(30);
  expect(Math.max(...inBrowser.map((v, i) => Math.abs(v - inNode[i])))).toBeLessThan(1e-6);
});

const KERAS_PY = process.env.LAYERFLOW_PYTHON ?? '.venv/bin/python';

test('the custom_dense template exports a .keras file that Keras 3 loads with custom_objects', async ({ page }, info) => {
  await boot(page);
  await openTemplate(page, 'custom_dense');
  await page.getByTestId('tab-export').click();
  const { path, bytes } = await exportAs(page, 'keras', info);
  await expect(page.getByTestId('io-export-issues')).toHaveCount(0);
  const config = JSON.parse(strFromU8(unzipSync(new Uint8Array(bytes))['config.json']));
  expect(config.config.layers[1]).toMatchObject({ module: null, class_name: 'CustomDense', registered_name: 'CustomDense', config: { units: 10 } });

  test.skip(!existsSync(KERAS_PY), `no Keras Python at ${KERAS_PY}`);
  // Keras loads the class by name and the browser-drawn weights from the file: it predicts x·w + b with the file's w and b.
  const out = execFileSync(KERAS_PY, ['-c', `
import json, zipfile, h5py, numpy as np, keras
from keras import layers, ops
${customClassPython(CUSTOM_DENSE)}
m = keras.models.load_model(${JSON.stringify(path)}, custom_objects={"CustomDense": CustomDense})
f = h5py.File(zipfile.ZipFile(${JSON.stringify(path)}).open("model.weights.h5"), "r")
w, b = np.array(f["layers/custom_dense/vars/0"]), np.array(f["layers/custom_dense/vars/1"])
x = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)
print(json.dumps([m.count_params(), float(np.abs(m.predict(x, verbose=0) - (x @ w + b)).max()), float(np.abs(w).max())]))
`], { env: { ...process.env, KERAS_BACKEND: 'jax', JAX_PLATFORMS: 'cpu' }, encoding: 'utf8', timeout: 120_000 });
  const [count, diff, wmax] = JSON.parse(out.trim().split('\n').pop()!) as number[];
  expect(count).toBe(50);
  expect(diff).toBeLessThan(1e-5);
  expect(wmax).toBeGreaterThan(0); // real drawn weights, not an empty file
});
