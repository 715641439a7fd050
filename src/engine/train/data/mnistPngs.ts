/**
 * Real MNIST digits as an image folder: `<root>/<label>/<index>.png`, 28×28 grey PNGs. The image
 * dataset tests (Node and Chromium) train on these instead of made-up pictures.
 */
import type { MnistRaw } from './mnist';
import { encodePng } from './png';

/** The first `count` training digits as { path: PNG bytes }. */
export function mnistPngs(raw: MnistRaw, count: number, root = 'digits'): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) {
    const pixels = raw.trainImages.subarray(i * 784, (i + 1) * 784);
    files[`${root}/${raw.trainLabels[i]}/${String(i).padStart(5, '0')}.png`] = encodePng(pixels, 28, 28, 1);
  }
  return files;
}
