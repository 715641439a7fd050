/**
 * The sandbox of approved custom code, tried in Chromium: a custom layer, approved, whose call
 * tries every way out of the tensor world it can think of inside the real training worker, and
 * reports each (by throwing its report, which the app shows as the layer's problem). Every
 * escape must be blocked and no request may leave; a call using import() is refused outright.
 */
import { expect, test, type Page } from '@playwright/test';
import { customDense } from '../src/templates/custom_dense';

const ESCAPES: Record<string, string> = {
  fetch: "fetch('/escape-beacon')",
  XMLHttpRequest: "new XMLHttpRequest().open('GET', '/escape-beacon')",
  WebSocket: "new WebSocket('ws://127.0.0.1:9/escape-beacon')",
  importScripts: "importScripts('/escape-beacon.js')",
  indexedDB: "indexedDB.open('layerflow')",
  caches: 'caches.keys()',
  BroadcastChannel: "new BroadcastChannel('layerflow.projects')",
  'navigator.sendBeacon': "navigator.sendBeacon('/escape-beacon')",
  Worker: "new Worker('/escape-beacon.js')",
  'self.fetch': "self.fetch('/escape-beacon')",
  'globalThis.fetch': "globalThis.fetch('/escape-beacon')",
  eval: "eval('self')",
  'setTimeout(string)': "setTimeout('fetch(\"/escape-beacon\")')",
  'Function constructor via an arrow': "(() => 0).constructor('return globalThis')().fetch('/escape-beacon')",
  'AsyncFunction constructor': "(async () => 0).constructor('return 1')",
  'Function constructor via a tensor': "inputs.constructor.constructor('return globalThis')()",
  'tf.io HTTP': "ctx.tf.io.browserHTTPRequest('/escape-beacon')",
  'tf.io IndexedDB': "ctx.tf.io.browserIndexedDB('x')",
  'tf.util.fetch': "ctx.tf.util.fetch('/escape-beacon')",
  'tf.loadLayersModel': "ctx.tf.loadLayersModel('/escape-beacon')",
  'tf.env().platform': "ctx.tf.env().platform.fetch('/escape-beacon')",
  'Error.prepareStackTrace': 'Error.prepareStackTrace = (e, s) => s',
};

function probeCall(): string {
  const tries = Object.entries(ESCAPES).map(([name, code]) => `  try { const v = (${code}); report[${JSON.stringify(name)}] = v === undefined ? 'blocked (undefined)' : 'REACHED'; } catch (e) { report[${JSON.stringify(name)}] = 'blocked: ' + String(e && e.message).slice(0, 60); }`);
  return ['const report = {};', ...tries, "throw new Error('SANDBOX ' + JSON.stringify(report));"].join('\n');
}

async function openProjectFile(page: Page, json: string) {
  await page.getByTestId('project-menu').click();
  await page.getByTestId('open-file-input').setInputFiles({ name: 'escape.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.keyboard.press('Escape');
}

async function approveAndTrain(page: Page, call: string) {
  const doc = customDense();
  const def = doc.custom!.CustomDense as object;
  await openProjectFile(page, JSON.stringify({ ...doc, name: 'escape', custom: { CustomDense: { ...def, call } } }));
  await page.getByTestId('approve-code').click();
  await page.getByTestId('tab-train').click();
  await page.getByTestId('data-form').getByText('Synthetic', { exact: true }).click();
  await page.getByTestId('epochs').fill('1');
  await page.getByTestId('train-button').click();
}

test('approved custom code reaches tensors only: every escape is blocked in the training worker', async ({ page, context }, info) => {
  let requests = 0;
  await context.route('**/escape-beacon*', (route) => {
    requests++;
    return route.fulfill({ status: 204 });
  });
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await approveAndTrain(page, probeCall());
  const problem = page.getByTestId('problem').filter({ hasText: 'SANDBOX' });
  await expect(problem).toBeVisible({ timeout: 60_000 });
  const text = await problem.innerText();
  const report = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as Record<string, string>;
  await info.attach('sandbox-report.json', { body: JSON.stringify(report, null, 1), contentType: 'application/json' });
  console.log(`sandbox report (Chromium, training worker):\n${Object.entries(report).map(([k, v]) => `  ${k.padEnd(34)} ${v}`).join('\n')}`);
  expect(Object.keys(report).sort()).toEqual(Object.keys(ESCAPES).sort());
  for (const [name, outcome] of Object.entries(report)) expect(outcome, name).toMatch(/^blocked/);
  await page.waitForTimeout(500);
  expect(requests).toBe(0);
});

test('a call using dynamic import() is refused before it runs', async ({ page, context }) => {
  let requests = 0;
  await context.route('**/escape-beacon*', (route) => {
    requests++;
    return route.fulfill({ status: 204, contentType: 'text/javascript', body: '' });
  });
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await approveAndTrain(page, "import('/escape-beacon.js');\nreturn inputs;");
  await expect(page.getByTestId('training-panel')).toContainText('CustomDense.call may not use import', { timeout: 60_000 });
  expect(requests).toBe(0);
});
