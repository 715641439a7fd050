/**
 * The main thread's handle on the training worker: created lazily (tfjs loads only inside
 * the worker), restarted when it crashes. Messages fan out to listeners.
 */
import type { FromWorker, ToWorker } from '../../engine/train/protocol';

type Listener = (msg: FromWorker) => void;

let worker: Worker | null = null;
const listeners = new Set<Listener>();
const crashListeners = new Set<(message: string) => void>();

function spawn(): Worker {
  const w = new Worker(new URL('../../engine/train/worker.ts', import.meta.url), { type: 'module', name: 'layerflow-training' });
  w.onmessage = (e: MessageEvent<FromWorker>) => listeners.forEach((l) => l(e.data));
  w.onerror = (e) => {
    e.preventDefault();
    crash(e.message || 'the training worker crashed');
  };
  w.onmessageerror = () => crash('a message from the training worker could not be read');
  return w;
}

function crash(message: string) {
  worker?.terminate();
  worker = null;
  crashListeners.forEach((l) => l(message));
}

export function send(msg: ToWorker, transfer: Transferable[] = []) {
  worker ??= spawn();
  worker.postMessage(msg, transfer);
}

export function onMessage(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function onCrash(l: (message: string) => void): () => void {
  crashListeners.add(l);
  return () => crashListeners.delete(l);
}

let startedWith: string | null = null;

/** Settings a worker keeps for its lifetime (WASM threads): a change ends it, so the next message starts a fresh one. */
export function workerSettings(key: string) {
  if (worker && startedWith !== key) restartWorker();
  startedWith = key;
}

/** End the worker (and its model): the next message starts a fresh one. */
export function restartWorker() {
  worker?.terminate();
  worker = null;
}

/** Output shape of a custom layer, computed by running its code in the worker (never here). */
export function probeCustom(msg: Extract<ToWorker, { type: 'probe-custom' }>): Promise<Extract<FromWorker, { type: 'probe-custom' }>['result']> {
  return new Promise((resolve) => {
    const off = onMessage((m) => {
      if (m.type === 'probe-custom' && m.className === msg.className) {
        off();
        resolve(m.result);
      }
    });
    send(msg);
  });
}
