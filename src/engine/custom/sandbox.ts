/**
 * Where approved custom code runs: it must reach tensors only — no network, no storage, no
 * other code. It has to run in the training worker's realm (its ops join tfjs's gradient tape,
 * batch after batch), so the jail is built around the function, in four parts:
 *
 * 1. Scope: the body is compiled inside `with (jail)`, a Proxy that claims every free name and
 *    answers only plain built-ins (Math, Array, JSON …); `fetch`, `self`, `globalThis`, `eval`,
 *    `Function`, `importScripts`, `indexedDB`, `caches`, `WebSocket`, `XMLHttpRequest`,
 *    `BroadcastChannel`, `setTimeout`, `navigator` … are all undefined. `this` is undefined
 *    (strict mode).
 * 2. No new code: `import` is refused in the source (dynamic import() is syntax, which no scope
 *    can shadow), and `lockIntrinsics()` (run once by the worker) makes the Function,
 *    AsyncFunction and generator constructors reachable from any function's prototype throw,
 *    so `(() => {}).constructor('return globalThis')()` fails; Error.prepareStackTrace is frozen.
 * 3. ctx.tf is the ops only: no tf.io (HTTP, IndexedDB), loadLayersModel, util.fetch, env().
 * 4. ctx.models are call-only views of the held models (apply / predict), never model.save().
 */
import type { Tf } from '../../nodes/kind';

/** Plain built-ins the code may use; every other free name reads as undefined. */
const ALLOWED = new Set([
  'undefined', 'NaN', 'Infinity', 'Math', 'Number', 'String', 'Boolean', 'Array', 'Object', 'JSON', 'Error', 'TypeError', 'RangeError',
  'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'Float32Array', 'Int32Array', 'Uint8Array', 'Map', 'Set', 'Symbol', 'console',
]);

const jail = new Proxy(Object.create(null) as object, {
  has: () => true,
  get: (_t, key) => (typeof key === 'string' && ALLOWED.has(key) ? (globalThis as Record<string, unknown>)[key] : undefined),
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
});

/** The jailed function, or why the body is refused (a syntax error, or `import`). */
export function compileJailed(body: string, className: string): ((inputs: unknown, ctx: Record<string, unknown>) => unknown) | string {
  if (/\bimport\b/.test(body)) return `${className}.call may not use import: custom code reaches tensors only`;
  try {
    const outer = new Function('jail', `with (jail) { return function call(inputs, ctx) { "use strict";\n${body}\n}; }`) as (j: object) => (inputs: unknown, ctx: Record<string, unknown>) => unknown;
    return outer(jail);
  } catch (e) {
    return `${className}.call has a syntax error: ${(e as Error).message}`;
  }
}

/** tfjs members that reach beyond tensors (network, storage, backends, the environment). */
const NOT_OPS = new Set([
  'io', 'loadLayersModel', 'loadGraphModel', 'loadGraphModelSync', 'util', 'env', 'ENV', 'browser', 'data', 'engine', 'setBackend', 'registerBackend',
  'removeBackend', 'findBackend', 'findBackendFactory', 'setPlatform', 'copyRegisteredKernels', 'registerKernel', 'registerGradient', 'unregisterKernel',
  'unregisterGradient', 'kernel_impls', 'backend_util', 'device_util', 'webgl', 'webgpu', 'wasm', 'serialization', 'layers', 'models', 'model', 'sequential',
  'input', 'callbacks', 'train', 'ready', 'backend', 'getBackend', 'profile', 'time', 'enableProdMode', 'enableDebugMode', 'deprecationWarn', 'disableDeprecationWarnings',
  'registerOp', 'customGrad', 'customGradient', 'GraphModel', 'LayersModel', 'Sequential', 'SymbolicTensor', 'Optimizer', 'test_util',
]);
const tfViews = new WeakMap<object, Readonly<Record<string, unknown>>>();

/** ctx.tf: the ops of this tfjs, frozen, nothing that reaches the network or storage. */
export function opsOnly(tf: Tf): Readonly<Record<string, unknown>> {
  let view = tfViews.get(tf);
  if (!view) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(tf)) if (!NOT_OPS.has(k) && (typeof v === 'function' || (k === 'image' || k === 'linalg' || k === 'signal' || k === 'spectral' || k === 'losses'))) out[k] = v;
    tfViews.set(tf, (view = Object.freeze(out)));
  }
  return view;
}

/** ctx.models.<name>: call the held model, nothing else (no save(), no weights export). */
export function callOnly(model: { apply(x: unknown, kwargs?: unknown): unknown; predict(x: unknown): unknown }) {
  return Object.freeze({ apply: (x: unknown, kwargs?: unknown) => model.apply(x, kwargs as never), predict: (x: unknown) => model.predict(x) });
}

let locked = false;

/**
 * Make the code-generating constructors unreachable through prototypes (realm-wide: the worker
 * runs it once; its own modules use the global `Function` binding, which stays).
 */
export function lockIntrinsics() {
  if (locked) return;
  locked = true;
  const refuse = function () {
    throw new EvalError('custom code may not create code');
  };
  const protos = [function () {}, async function () {}, function* () {}, async function* () {}].map((f) => Object.getPrototypeOf(f) as object);
  for (const p of protos) Object.defineProperty(p, 'constructor', { value: refuse, writable: false, configurable: false });
  Object.defineProperty(Error, 'prepareStackTrace', { value: undefined, writable: false, configurable: false });
}
