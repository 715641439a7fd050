/**
 * An image dataset: a folder (or zip) with one sub-folder per class, each image resized to the
 * model's Input shape (H, W, C). Decoding and resizing are the platform's (the worker uses
 * createImageBitmap + OffscreenCanvas); this module groups, labels, converts channels and splits.
 */
import { unzipSync } from 'fflate';
import { issue, type Issue } from '../../issues';
import { fmtShape } from '../../shape';
import type { ResolvedOutput } from '../compileSpec';
import type { ModelIO } from '../modelIO';
import { permutation, rng, sliceDataset, type DataSplits, type Dataset } from './dataset';

/** RGBA bytes of an image scaled to width × height, or null when the bytes are not an image. */
export type DecodeImage = (bytes: Uint8Array, width: number, height: number) => Promise<Uint8ClampedArray | null>;

const IMAGE = /\.(png|jpe?g|gif|bmp|webp)$/i;

/** Expand zips; keep image files as [class, bytes] where class is the image's parent folder. */
export function classFiles(files: { path: string; bytes: ArrayBuffer | Uint8Array }[]): { cls: string; bytes: Uint8Array }[] {
  const out: { cls: string; bytes: Uint8Array }[] = [];
  const add = (path: string, bytes: Uint8Array) => {
    const parts = path.split('/').filter(Boolean);
    if (IMAGE.test(path) && parts.length >= 2 && !parts.some((p) => p.startsWith('.') || p === '__MACOSX')) out.push({ cls: parts[parts.length - 2], bytes });
  };
  for (const f of files) {
    const bytes = f.bytes instanceof Uint8Array ? f.bytes : new Uint8Array(f.bytes);
    if (/\.zip$/i.test(f.path)) for (const [p, b] of Object.entries(unzipSync(bytes))) add(p, b);
    else add(f.path, bytes);
  }
  return out;
}

export async function imageSplits(
  files: { path: string; bytes: ArrayBuffer | Uint8Array }[],
  decode: DecodeImage,
  io: ModelIO,
  outputs: ResolvedOutput[],
  testFraction = 0.2,
): Promise<{ splits: DataSplits | null; issues: Issue[] }> {
  const fail = (m: string) => ({ splits: null, issues: [issue('data-mismatch', m)] });
  if (io.inputs.length !== 1 || outputs.length !== 1) return fail(`an image folder gives one image input and one class output; the model has ${io.inputs.length} inputs and ${outputs.length} outputs`);
  const inp = io.inputs[0];
  const [h, w, c] = inp.shape.slice(1);
  if (inp.shape.length !== 4 || !h || !w || (c !== 1 && c !== 3)) return fail(`input '${inp.name}' expects ${fmtShape(inp.shape)}; images need an input of (None, height, width, 1 or 3)`);
  const out = outputs[0];
  if (out.loss !== 'sparse_categorical_crossentropy' && out.loss !== 'categorical_crossentropy') return fail(`output '${out.name}' uses ${out.loss}; image classes need a categorical cross-entropy`);
  const items = classFiles(files);
  if (!items.length) return fail('no images found: put them in one sub-folder per class (cats/1.png, dogs/2.jpg)');
  const classes = [...new Set(items.map((i) => i.cls))].sort();
  const units = io.outputs[0].shape.at(-1) ?? 0;
  if (classes.length !== units) return fail(`output '${out.name}' has ${units} classes; the folder has ${classes.length} (${classes.join(', ')})`);
  const size = h * w * c;
  const pixels = new Float32Array(items.length * size);
  const labels: number[] = [];
  let n = 0;
  for (const item of items) {
    const rgba = await decode(item.bytes, w, h);
    if (!rgba) continue;
    for (let p = 0; p < h * w; p++) {
      const [r, g, b] = [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]];
      if (c === 1) pixels[n * size + p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      else pixels.set([r / 255, g / 255, b / 255], n * size + p * 3);
    }
    labels.push(classes.indexOf(item.cls));
    n++;
  }
  if (!n) return fail('none of the files could be decoded as an image');
  // Shuffle once so the test split holds every class.
  const order = permutation(n, rng(7));
  const x = new Float32Array(n * size);
  const target = out.loss === 'sparse_categorical_crossentropy' ? new Int32Array(n) : new Float32Array(n * units);
  order.forEach((src, dst) => {
    x.set(pixels.subarray(src * size, (src + 1) * size), dst * size);
    if (target instanceof Int32Array) target[dst] = labels[src];
    else target[dst * units + labels[src]] = 1;
  });
  const d: Dataset = {
    count: n,
    inputs: { [inp.name]: { shape: [h, w, c], dtype: 'float32', values: x } },
    targets: { [out.name]: { shape: target instanceof Int32Array ? [] : [units], dtype: target instanceof Int32Array ? 'int32' : 'float32', values: target } },
  };
  const nTest = Math.floor(n * testFraction);
  return { splits: { name: `images (${n} in ${classes.length} classes)`, train: sliceDataset(d, 0, n - nTest), test: nTest ? sliceDataset(d, n - nTest, n) : undefined, classNames: { [out.name]: classes } }, issues: [] };
}
