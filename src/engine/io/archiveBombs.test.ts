/**
 * Archive bombs and damaged weights in .keras files: inflation is bounded by the bytes it
 * actually produces (not by what the headers declare), the HDF5 datasets' total is checked
 * against the model's parameters before any value is read, and a damaged file gets one message
 * naming the file and the part.
 */
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { importFileSet, type ImportResult } from './importModel';
import { readKerasFile } from './kerasFile';
import { entriesOf, h5Resized, kerasBytes, rezip, zeroBomb, zipLying } from './fixtures/archives';

const importKeras = (bytes: Uint8Array, name = 'm.keras') => importFileSet([{ name, bytes }], (f, c, paramsOf) => readKerasFile(f.bytes, f.name, c, paramsOf));
const refusal = (r: ImportResult) => (r.ok ? '(imported)' : r.issues.map((i) => i.message).join('\n'));

describe('.keras bombs', () => {
  it('the real archive imports with its 23 weights', async () => {
    const r = await importKeras(await kerasBytes());
    expect(refusal(r)).toBe('(imported)');
    expect(r.ok && Object.values(r.weights!).flat().reduce((n, t) => n + t.data.length, 0)).toBe(23);
  });

  it('an entry declaring 100 bytes that inflates to 64 MB is cut off at its declared size', async () => {
    const real = entriesOf(await kerasBytes());
    const bomb = zipLying([
      { name: 'metadata.json', data: real['metadata.json'] },
      { name: 'config.json', data: real['config.json'] },
      { name: 'model.weights.h5', data: new Uint8Array(0), deflated: zeroBomb(64), declared: 100 },
    ]);
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(await importKeras(bomb, 'bomb.keras'))).toBe('bomb.keras is not a readable .keras archive: model.weights.h5 inflates past its declared 100 bytes: a zip bomb or a damaged archive');
  });

  it('an entry that declares more than the cap is refused before inflating; one we do not read is never inflated', async () => {
    const real = entriesOf(await kerasBytes());
    const huge = zipLying([
      { name: 'config.json', data: real['config.json'] },
      { name: 'model.weights.h5', data: real['model.weights.h5'], declared: 1600 * 1024 * 1024 },
    ]);
    expect(refusal(await importKeras(huge, 'huge.keras'))).toBe('huge.keras is not a readable .keras archive: model.weights.h5 declares 1600.0 MB; entries over 1536.0 MB are refused');
    const asset = zipLying([
      { name: 'config.json', data: real['config.json'] },
      { name: 'model.weights.h5', data: real['model.weights.h5'] },
      { name: 'assets/bomb.bin', data: new Uint8Array(0), deflated: zeroBomb(64), declared: 10 },
    ]);
    expect(refusal(await importKeras(asset, 'asset.keras'))).toBe('(imported)');
  });
});

describe('HDF5 weights past the model', () => {
  it('a dataset resized to 268 M elements is refused from its shape, before any value is read', async () => {
    const keras = rezip(await kerasBytes(), { 'model.weights.h5': await h5Resized(268_435_456) });
    expect(keras.length).toBeLessThan(100_000);
    const before = process.memoryUsage().rss;
    const r = await importKeras(keras, 'resized.keras');
    expect(refusal(r)).toBe('resized.keras: model.weights.h5 holds 268,435,467 weight values, but the model has 23 parameters (and more than 1024.0 MB is refused): the file is damaged or belongs to another model');
    // Nothing near the 1 GB the values would take was allocated.
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });

  it('a few values more than the model has is refused the same way', async () => {
    const keras = rezip(await kerasBytes(), { 'model.weights.h5': await h5Resized(13) });
    expect(refusal(await importKeras(keras, 'more.keras'))).toBe('more.keras: model.weights.h5 holds 24 weight values, but the model has 23 parameters: the file is damaged or belongs to another model');
  });

  it('a damaged weights file: one message naming file and part, nothing on stderr', async () => {
    const real = entriesOf(await kerasBytes());
    const h5 = real['model.weights.h5'].slice();
    h5.fill(0, 0, 64); // the superblock
    const writes: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string | Uint8Array) => (writes.push(String(s)), true)) as typeof process.stderr.write;
    let r: ImportResult;
    try {
      r = await importKeras(rezip(await kerasBytes(), { 'model.weights.h5': h5 }), 'damaged.keras');
    } finally {
      process.stderr.write = orig;
    }
    expect(refusal(r)).toMatch(/^damaged\.keras: model\.weights\.h5 is not a readable HDF5 file \(.+\)$/);
    expect(writes.join('')).not.toMatch(/HDF5-DIAG/);
    const noWeights = rezip(await kerasBytes(), { 'model.weights.h5': strToU8('not hdf5 at all') });
    expect(refusal(await importKeras(noWeights, 'text.keras'))).toMatch(/^text\.keras: model\.weights\.h5 is not a readable HDF5 file/);
  });
});
