/**
 * WASM threads or not. 'auto' follows bench/training.ts (same Chromium, 2 shared cores with a
 * load average of 10–15, threads and single-thread SIMD alternating): for the app's worker,
 * threads won 7 of 9 epoch pairs — MNIST MLP median of 3: 15.3 vs 23.0 s/epoch; conv net on
 * 6000 MNIST PNGs: 22.6 vs 21.3 (a tie), one full MNIST epoch 185.7 vs 257.4. So auto uses
 * threads wherever the page is cross-origin isolated; one thread stays selectable.
 */
import type { ThreadsChoice } from '../../engine/train/protocol';
import { t } from '../i18n';

const MEASURED = { cores: 2, threads: 15.3, single: 23.0 };

export function wasmThreads(choice: ThreadsChoice): { use: boolean; why: string } {
  if (choice !== 'auto') return { use: choice === 'on', why: t(choice === 'on' ? 'training.threads.chosenOn' : 'training.threads.chosenOff') };
  return { use: true, why: t('training.threads.autoWhy', MEASURED) };
}
