/**
 * WASM threads or not. 'auto' follows what bench/training.ts measured here (same run, same
 * Chromium, 2 shared cores, one MNIST epoch, batch 64): for the seed's dense MLP threads were
 * slower than single-thread SIMD (18.0 vs 14.9 s/epoch; plain model.fit 15.8 vs 12.1), for a
 * small conv net faster (185.7 vs 257.4 s/epoch). So auto uses threads for models with conv
 * layers (large matmuls per batch) and one thread otherwise (small ops, sync overhead).
 */
import type { ModelId, ProjectDoc } from '../../engine/doc';
import type { ThreadsChoice } from '../../engine/train/protocol';
import { t } from '../i18n';

const MEASURED = { cores: 2, dense: { threads: 18.0, single: 14.9 }, conv: { threads: 185.7, single: 257.4 } };

/** Does the model (or a model it calls) have a convolution? */
export function hasConv(doc: ProjectDoc, modelId: ModelId, seen = new Set<ModelId>()): boolean {
  if (seen.has(modelId)) return false;
  seen.add(modelId);
  return (doc.models[modelId]?.nodes ?? []).some((n) => ('layer' in n.call ? /Conv/.test(doc.layers[n.call.layer]?.kind ?? '') : hasConv(doc, n.call.model, seen)));
}

export function wasmThreads(choice: ThreadsChoice, conv: boolean): { use: boolean; why: string } {
  if (choice !== 'auto') return { use: choice === 'on', why: t(choice === 'on' ? 'training.threads.chosenOn' : 'training.threads.chosenOff') };
  const m = conv ? MEASURED.conv : MEASURED.dense;
  return { use: conv, why: t(conv ? 'training.threads.autoConv' : 'training.threads.autoDense', { cores: MEASURED.cores, threads: m.threads, single: m.single }) };
}
