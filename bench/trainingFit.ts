/** Page script of bench/training.html: runs the plain model.fit worker and exposes its result. */
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./trainingFit.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent) => {
  (window as unknown as { __fit: unknown }).__fit = e.data;
  document.getElementById('out')!.textContent = JSON.stringify(e.data, null, 2);
};
worker.onerror = (e) => {
  (window as unknown as { __fit: unknown }).__fit = { error: e.message };
};
// as many steps as the app measured (the median of more steps varies less: the fastest of a few would favour the fewer)
const steps = (k: string, fallback: number) => Number(params.get(k) ?? fallback);
worker.postMessage({ backend: params.get('backend') ?? 'wasm', threads: params.get('threads') === 'on', convSteps: steps('convSteps', 12), resnetSteps: steps('resnetSteps', 5) });

export {};
