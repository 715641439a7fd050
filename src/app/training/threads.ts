/**
 * WASM threads or not. 'auto' uses threads (tfjs starts them only where the page is
 * cross-origin isolated): in bench/training.ts (same Chromium, 2 cores, threads and
 * single-thread SIMD alternating) the app's worker was never slower with threads — a tie on
 * the MNIST MLP at low load (5.66 vs 5.63 s/epoch), faster under load and on conv nets (one
 * full MNIST conv epoch 185.7 vs 257.4 s). One thread stays selectable.
 */
import type { ThreadsChoice } from '../../engine/train/protocol';
import { t } from '../i18n';

export function wasmThreads(choice: ThreadsChoice): { use: boolean; why: string } {
  if (choice !== 'auto') return { use: choice === 'on', why: t(choice === 'on' ? 'training.threads.chosenOn' : 'training.threads.chosenOff') };
  return { use: true, why: t('training.threads.autoWhy') };
}
