/**
 * WASM threads or not. 'auto' follows what bench/training.ts measured here (same run, same
 * Chromium, 2 shared cores, MNIST MLP, batch 64): threads were slower than single-thread SIMD
 * for the app (18.0 vs 14.9 s/epoch) and for plain model.fit (15.8 vs 12.1), so auto runs one
 * thread; threads stay selectable.
 */
import type { ThreadsChoice } from '../../engine/train/protocol';
import { t } from '../i18n';

const MEASURED = { threads: 18.0, single: 14.9, cores: 2 };

export function wasmThreads(choice: ThreadsChoice): { use: boolean; why: string } {
  if (choice !== 'auto') return { use: choice === 'on', why: t(choice === 'on' ? 'training.threads.chosenOn' : 'training.threads.chosenOff') };
  return { use: false, why: t('training.threads.measured', { threads: MEASURED.threads, single: MEASURED.single, cores: MEASURED.cores }) };
}
