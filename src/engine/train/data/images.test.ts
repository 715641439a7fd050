/**
 * Image folder / zip datasets: the PNG codec, how files become classes and labels, the messages
 * that name the file at fault, and a real training run on MNIST digits stored as a zip of PNGs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../../build';
import type { ResolvedOutput } from '../compileSpec';
import type { ModelIO } from '../modelIO';
import { loadMnistFromDisk, nodeEnv } from '../nodeEnv';
import { SessionHarness, trainRequest } from '../testSession';
import { imageSplits, listImages } from './images';
import { mnistPngs } from './mnistPngs';
import { decodePng, encodePng, resizeRgba } from './png';
import * as tf from '@tensorflow/tfjs';

const decode = nodeEnv(tf, () => undefined).decodeImage!;
const grey = (w: number, h: number, f: (x: number, y: number) => number) => Uint8Array.from({ length: w * h }, (_, i) => f(i % w, Math.floor(i / w)));

const require = createRequire(import.meta.url);

describe('PNG codec', () => {
  it('round-trips grey, RGB and RGBA pixels', () => {
    const g = grey(5, 3, (x, y) => x * 40 + y * 7);
    expect(Array.from(decodePng(encodePng(g, 5, 3, 1))!.data.filter((_, i) => i % 4 === 0))).toEqual(Array.from(g));
    const rgb = Uint8Array.from({ length: 4 * 2 * 3 }, (_, i) => (i * 37) % 256);
    const back = decodePng(encodePng(rgb, 4, 2, 3))!;
    expect(back).toMatchObject({ width: 4, height: 2 });
    expect(Array.from(back.data.filter((_, i) => i % 4 !== 3))).toEqual(Array.from(rgb));
    const rgba = Uint8Array.from({ length: 3 * 3 * 4 }, (_, i) => (i * 53) % 256);
    expect(Array.from(decodePng(encodePng(rgba, 3, 3, 4, 4))!.data)).toEqual(Array.from(rgba));
  });
  it('undoes every row filter (sub, up, average, paeth)', () => {
    const g = grey(9, 6, (x, y) => (x * x * 13 + y * 29) % 256);
    for (const filter of [1, 2, 3, 4] as const) expect(Array.from(decodePng(encodePng(g, 9, 6, 1, filter))!.data.filter((_, i) => i % 4 === 0)), `filter ${filter}`).toEqual(Array.from(g));
  });
  it('reads a PNG written by another encoder, and refuses what is not a PNG', () => {
    const icon = decodePng(readFileSync(join(dirname(require.resolve('playwright-core/package.json')), 'lib/server/chromium/appIcon.png')))!;
    expect(icon).toMatchObject({ width: 400, height: 400 });
    expect(icon.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
    expect(decodePng(strToU8('GIF89a not a png'))).toBeNull();
    expect(decodePng(encodePng(grey(4, 4, () => 1), 4, 4, 1).subarray(0, 40))).toBeNull(); // truncated
  });
  it('shrinks by the mean of the covered pixels and grows bilinearly', () => {
    const g = grey(4, 2, (x) => (x < 2 ? 0 : 200));
    const img = decodePng(encodePng(g, 4, 2, 1))!;
    expect(Array.from(resizeRgba(img, 2, 1).filter((_, i) => i % 4 === 0))).toEqual([0, 200]);
    expect(Array.from(resizeRgba(img, 1, 1).subarray(0, 1))).toEqual([100]);
    const two = decodePng(encodePng(grey(2, 1, (x) => x * 100), 2, 1, 1))!;
    expect(Array.from(resizeRgba(two, 4, 1).filter((_, i) => i % 4 === 0))).toEqual([0, 25, 75, 100]);
  });
});

const png = encodePng(grey(2, 2, () => 128), 2, 2, 1);

describe('listing an image folder or zip', () => {
  it('makes one class per sub-folder, sorted as Keras sorts them, and skips what is not a class image', () => {
    const zip = zipSync({
      'pets/dog/1.png': png,
      'pets/cat/1.png': png,
      'pets/cat/2.PNG': png,
      'pets/cat/notes.txt': strToU8('hi'),
      'pets/stray.png': png,
      '__MACOSX/pets/cat/._1.png': strToU8('mac junk'),
      'pets/.DS_Store': strToU8('junk'),
    });
    const l = listImages([{ path: 'pets.zip', bytes: zip }]);
    expect(l.problems).toEqual([]);
    expect(l.classes).toEqual(['cat', 'dog']);
    expect(l.items.map((i) => [i.cls, i.name]).sort()).toEqual([
      ['cat', 'pets/cat/1.png in pets.zip'],
      ['cat', 'pets/cat/2.PNG in pets.zip'],
      ['dog', 'pets/dog/1.png in pets.zip'],
    ]);
    // A folder holding images and class folders: its own images are outside any class.
    expect(l.skipped.sort()).toEqual([
      'pets/cat/notes.txt in pets.zip (not an image: .png, .jpg, .gif, .bmp or .webp)',
      'pets/stray.png in pets.zip (not in a class folder: put each image in a sub-folder named for its class)',
    ]);
  });
  it('a folder pick: the picked folder is the root, its sub-folders the classes', () => {
    const l = listImages([
      { path: 'digits/0/a.png', bytes: png },
      { path: 'digits/1/b.png', bytes: png },
      { path: 'digits/c.png', bytes: png },
    ]);
    expect(l.classes).toEqual(['0', '1']);
    expect(l.skipped).toEqual(['digits/c.png (not in a class folder: put each image in a sub-folder named for its class)']);
  });
  it('names an unreadable zip and an empty class folder', () => {
    expect(listImages([{ path: 'broken.zip', bytes: strToU8('this is not a zip file') }]).problems).toEqual([expect.stringMatching(/^broken\.zip is not a readable zip \(.+\)$/)]);
    const zip = zipSync({ 'd/a/1.png': png, 'd/b/': new Uint8Array(0), 'd/c/readme.md': strToU8('#') });
    expect(listImages([{ path: 'd.zip', bytes: zip }]).problems.sort()).toEqual(['class folder d/b in d.zip has no images', 'class folder d/c in d.zip has no images (only readme.md)']);
  });
});

const io = (shape: (number | null)[], units: number): ModelIO => ({ inputs: [{ name: 'img', shape, ints: false }], outputs: [{ name: 'cls', shape: [null, units] }] });
const sparse: ResolvedOutput[] = [{ name: 'cls', loss: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1, metrics: ['accuracy'] }];
const messages = (r: { issues: { message: string }[] }) => r.issues.map((i) => i.message);

describe('image datasets for a model', () => {
  it('labels by sorted class folder, resizes to the Input shape and converts channels', async () => {
    const dark = encodePng(Uint8Array.from({ length: 4 * 4 * 3 }, (_, i) => (i % 3 === 0 ? 255 : 0)), 4, 4, 3); // pure red
    const light = encodePng(grey(8, 8, () => 255), 8, 8, 1);
    const files = [{ path: 'set.zip', bytes: zipSync({ 'zebra/1.png': light, 'ant/1.png': dark, 'ant/2.png': dark, 'zebra/2.png': light }) }];
    const r = await imageSplits(files, decode, io([null, 2, 2, 1], 2), sparse, 0);
    expect(messages(r)).toEqual([]);
    const { train, classNames } = r.splits!;
    expect(classNames).toEqual({ cls: ['ant', 'zebra'] });
    expect(train.inputs.img.shape).toEqual([2, 2, 1]);
    const x = train.inputs.img.values;
    const labels = Array.from(train.targets.cls.values);
    expect(labels.sort()).toEqual([0, 0, 1, 1]);
    for (let i = 0; i < 4; i++) expect(x[i * 4]).toBeCloseTo(train.targets.cls.values[i] === 0 ? 0.299 : 1, 2); // red → grey by luma
    const rgb = await imageSplits(files, decode, io([null, 3, 3, 3], 2), [{ ...sparse[0], loss: 'categorical_crossentropy' }], 0);
    expect(rgb.splits!.train.targets.cls.shape).toEqual([2]);
    const ant = Array.from(rgb.splits!.train.targets.cls.values).findIndex((v, i) => i % 2 === 0 && v === 1) / 2;
    expect(Array.from(rgb.splits!.train.inputs.img.values.subarray(ant * 27, ant * 27 + 3))).toEqual([1, 0, 0]);
  });
  it('says what disagrees: classes vs units, the input, a file that is not an image', async () => {
    const files = [{ path: 'digits/0/a.png', bytes: png }, { path: 'digits/1/b.png', bytes: png }, { path: 'digits/1/c.jpg', bytes: strToU8('not a jpeg') }];
    expect(messages(await imageSplits(files.slice(0, 2), decode, io([null, 2, 2, 1], 10), sparse))).toEqual(["output 'cls' has 10 classes; the images are in 2 class folders (0, 1)"]);
    expect(messages(await imageSplits(files, decode, io([null, 4], 2), sparse))).toEqual(["input 'img' expects (None, 4); images need an input of (None, height, width, 1 or 3)"]);
    expect(messages(await imageSplits(files, decode, io([null, 2, 2, 1], 2), sparse))).toEqual(['this file is not a readable image: digits/1/c.jpg']);
    expect(messages(await imageSplits([{ path: 'docs/readme.txt', bytes: strToU8('x') }], decode, io([null, 2, 2, 1], 2), sparse))).toEqual([
      'no images found in docs/readme.txt: put them in one sub-folder per class (cats/1.png, dogs/2.jpg); skipped docs/readme.txt (not an image: .png, .jpg, .gif, .bmp or .webp)',
    ]);
  });
});

describe('training on an image zip', () => {
  let h: SessionHarness;
  afterEach(() => h?.session.dispose());
  it('a small conv net learns real MNIST digits from a zip of PNGs resized to 14×14', { timeout: 300_000 }, async () => {
    const zip = zipSync({ ...mnistPngs(loadMnistFromDisk(), 800), 'digits/README.txt': strToU8('MNIST digits') });
    const b = new ProjectBuilder('digits');
    const inp = b.input([14, 14, 1], { name: 'img' });
    let x = b.layer('Conv2D', { filters: 8, kernel_size: 3, activation: 'relu' }).call(inp);
    x = b.layer('MaxPooling2D', { pool_size: 2 }).call(x);
    x = b.layer('Flatten').call(x);
    const out = b.layer('Dense', { units: 10 }, 'digit').call(x);
    b.model('digits', [inp], [out]);
    const doc = b.build();
    h = new SessionHarness();
    const compile = { optimizer: 'Adam' as const, learningRate: 0.01, loss: { digit: { name: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1 } }, metrics: ['accuracy'] };
    await h.session.handle(trainRequest(doc, compile, { kind: 'images', files: [{ path: 'digits.zip', bytes: zip.buffer as ArrayBuffer }] }, { epochs: 4, batchSize: 32, validationSplit: 0.2 }));
    const done = await h.next('done');
    expect(h.of('data')[0]).toMatchObject({ name: 'images (800 in 10 classes)', train: 512, val: 128, test: 160, classNames: { digit: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] } });
    expect(h.of('data')[0].notes).toEqual(['skipped 1 file: digits/README.txt in digits.zip (not an image: .png, .jpg, .gif, .bmp or .webp)']);
    const losses = done.result.history.map((l) => l.loss);
    expect(losses[3]).toBeLessThan(losses[0] * 0.7);
    await h.session.handle({ type: 'evaluate' });
    const ev = await h.next('evaluated');
    console.log(`image zip (800 MNIST PNGs → 14×14): losses ${losses.map((l) => l.toFixed(3)).join(' ')}, test accuracy ${ev.logs.accuracy.toFixed(3)}`);
    expect(ev.logs.accuracy).toBeGreaterThan(0.6); // chance is 0.1
  });
});
