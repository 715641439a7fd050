/**
 * An image dataset: a folder (or zip) with one sub-folder per class, each image resized to the
 * model's Input shape (H, W, C). Decoding and resizing are the platform's (the worker uses
 * createImageBitmap + OffscreenCanvas, Node the PNG codec); this module lists, labels,
 * converts channels and splits, and names the file behind every problem.
 */
import { unzipSync } from 'fflate';
import { issue, type Issue } from '../../issues';
import { fmtShape } from '../../shape';
import type { ResolvedOutput } from '../compileSpec';
import type { ModelIO } from '../modelIO';
import { permutation, rng, sliceDataset, type DataSplits, type Dataset } from './dataset';

/** RGBA bytes of an image scaled to width × height, or null when the bytes are not an image. */
export type DecodeImage = (bytes: Uint8Array, width: number, height: number) => Promise<Uint8ClampedArray | null>;

/** Files as picked: a folder pick's paths start with the picked folder ("digits/3/a.png"); a zip is one file. */
export type PickedFile = { path: string; bytes: ArrayBuffer | Uint8Array };

export interface ImageListing {
  /** Images in class folders; `name` says where the file is, for messages ("3/a.png in digits.zip"). */
  items: { name: string; cls: string; bytes: Uint8Array }[];
  /** Class names sorted as Keras sorts the sub-folders: label i is classes[i]. */
  classes: string[];
  /** Files left out, with why (non-image files, images outside a class folder). */
  skipped: string[];
  /** What makes the listing unusable: an unreadable zip, a class folder without images. */
  problems: string[];
}

const IMAGE = /\.(png|jpe?g|gif|bmp|webp)$/i;
const hidden = (parts: string[]) => parts.some((p) => p.startsWith('.') || p === '__MACOSX' || p === 'Thumbs.db');

/** Expand zips and sort the files into class folders (a class is an image's parent folder). */
export function listImages(files: PickedFile[]): ImageListing {
  const out: ImageListing = { items: [], classes: [], skipped: [], problems: [] };
  /** Folders seen (by full path) → whether they hold images directly, and their sub-folders. */
  const folders = new Map<string, { images: number; others: string[]; subfolders: number }>();
  const placed: (ImageListing['items'][number] & { folder: string })[] = [];
  const add = (parts: string[], bytes: Uint8Array | null, name: string, where: string) => {
    if (hidden(parts)) return;
    const dirs = bytes ? parts.slice(0, -1) : parts;
    for (let i = 1; i <= dirs.length; i++) {
      const key = where + dirs.slice(0, i).join('/');
      if (folders.has(key)) continue;
      folders.set(key, { images: 0, others: [], subfolders: 0 });
      if (i > 1) folders.get(where + dirs.slice(0, i - 1).join('/'))!.subfolders++;
    }
    if (!bytes) return;
    const file = parts[parts.length - 1];
    if (!IMAGE.test(file)) {
      if (dirs.length) folders.get(where + dirs.join('/'))!.others.push(file);
      out.skipped.push(`${name} (not an image: .png, .jpg, .gif, .bmp or .webp)`);
    } else if (!dirs.length) out.skipped.push(`${name} (not in a class folder: put each image in a sub-folder named for its class)`);
    else {
      folders.get(where + dirs.join('/'))!.images++;
      placed.push({ name, cls: dirs[dirs.length - 1], bytes, folder: where + dirs.join('/') });
    }
  };
  for (const f of files) {
    const bytes = f.bytes instanceof Uint8Array ? f.bytes : new Uint8Array(f.bytes);
    const parts = f.path.split('/').filter(Boolean);
    if (/\.zip$/i.test(f.path)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch (e) {
        out.problems.push(`${f.path} is not a readable zip (${e instanceof Error ? e.message : e})`);
        continue;
      }
      for (const [p, b] of Object.entries(entries)) add(p.split('/').filter(Boolean), p.endsWith('/') ? null : b, `${p} in ${f.path}`, `${f.path}:`);
    } else if (parts.length > 1) add(parts.slice(1), bytes, f.path, `${parts[0]}/`); // the picked folder itself is not a class
    else add(parts, bytes, f.path, '');
  }
  // Images beside class folders (pets/stray.png next to pets/cat/) belong to no class.
  for (const { folder, ...item } of placed)
    if (folders.get(folder)!.subfolders) out.skipped.push(`${item.name} (not in a class folder: put each image in a sub-folder named for its class)`);
    else out.items.push(item);
  const classes = new Set(out.items.map((i) => i.cls));
  for (const [path, f] of folders) {
    // A leaf folder without images is an empty class (a folder of folders is not a class).
    if (f.images || f.subfolders) continue;
    const shown = path.replace(/^(.*?\.zip):(.*)$/i, '$2 in $1');
    out.problems.push(`class folder ${shown} has no images${f.others.length ? ` (only ${f.others.slice(0, 3).join(', ')}${f.others.length > 3 ? ', …' : ''})` : ''}`);
    classes.add(path.split(/[/:]/).pop()!);
  }
  out.classes = [...classes].sort();
  return out;
}

const nameList = (names: string[], max = 3) => names.slice(0, max).join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');

export async function imageSplits(
  files: PickedFile[],
  decode: DecodeImage,
  io: ModelIO,
  outputs: ResolvedOutput[],
  testFraction = 0.2,
): Promise<{ splits: DataSplits | null; issues: Issue[] }> {
  const fail = (...m: string[]) => ({ splits: null, issues: m.map((x) => issue('data-mismatch', x)) });
  if (io.inputs.length !== 1 || outputs.length !== 1) return fail(`an image folder gives one image input and one class output; the model has ${io.inputs.length} inputs and ${outputs.length} outputs`);
  const inp = io.inputs[0];
  const [h, w, c] = inp.shape.slice(1);
  if (inp.shape.length !== 4 || !h || !w || (c !== 1 && c !== 3)) return fail(`input '${inp.name}' expects ${fmtShape(inp.shape)}; images need an input of (None, height, width, 1 or 3)`);
  const out = outputs[0];
  if (out.loss !== 'sparse_categorical_crossentropy' && out.loss !== 'categorical_crossentropy') return fail(`output '${out.name}' uses ${out.loss}; image classes need a categorical cross-entropy`);
  const list = listImages(files);
  if (list.problems.length) return fail(...list.problems);
  if (!list.items.length)
    return fail(`no images found in ${nameList(files.map((f) => f.path))}: put them in one sub-folder per class (cats/1.png, dogs/2.jpg)${list.skipped.length ? `; skipped ${nameList(list.skipped)}` : ''}`);
  const { classes, items } = list;
  const units = io.outputs[0].shape.at(-1) ?? 0;
  if (classes.length !== units) return fail(`output '${out.name}' has ${units} classes; the images are in ${classes.length} class folders (${nameList(classes, 12)})`);
  const size = h * w * c;
  const x = new Float32Array(items.length * size);
  const labels = new Int32Array(items.length);
  const bad: string[] = [];
  // Shuffle once (seeded) so the test split holds every class.
  const order = permutation(items.length, rng(7));
  for (let dst = 0; dst < items.length; dst++) {
    const item = items[order[dst]];
    const rgba = await decode(item.bytes, w, h);
    if (!rgba) {
      bad.push(item.name);
      continue;
    }
    for (let p = 0; p < h * w; p++) {
      const [r, g, b] = [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]];
      if (c === 1) x[dst * size + p] = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
      else x.set([r / 255, g / 255, b / 255], dst * size + p * 3);
    }
    labels[dst] = classes.indexOf(item.cls);
  }
  if (bad.length) return fail(`${bad.length === 1 ? 'this file is' : `${bad.length} files are`} not a readable image: ${nameList(bad)}`);
  const n = items.length;
  const target = out.loss === 'sparse_categorical_crossentropy' ? labels : new Float32Array(n * units);
  if (target instanceof Float32Array) labels.forEach((l, i) => (target[i * units + l] = 1));
  const d: Dataset = {
    count: n,
    inputs: { [inp.name]: { shape: [h, w, c], dtype: 'float32', values: x } },
    targets: { [out.name]: { shape: target instanceof Int32Array ? [] : [units], dtype: target instanceof Int32Array ? 'int32' : 'float32', values: target } },
  };
  const nTest = Math.floor(n * testFraction);
  const notes = list.skipped.length ? [`skipped ${list.skipped.length} file${list.skipped.length > 1 ? 's' : ''}: ${nameList(list.skipped)}`] : undefined;
  return {
    splits: { name: `images (${n} in ${classes.length} classes)`, train: sliceDataset(d, 0, n - nTest), test: nTest ? sliceDataset(d, n - nTest, n) : undefined, classNames: { [out.name]: classes }, notes },
    issues: [],
  };
}
