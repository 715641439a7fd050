/**
 * Read chosen entries of a zip archive with inflation bounded by the bytes it actually produces.
 * fflate's unzipSync trusts the declared sizes and inflates a 1 MB entry that declares 100 bytes
 * to 1 GB; here the archive streams through in small slices (so one step can produce at most
 * ~16 MB), and an entry is cut off the moment it outgrows its declared size or the cap.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { fmtBytes } from './limits';
import { concat } from './weightsFile';

/** Compressed bytes fed per step: deflate expands at most ~1032×, so one step stays near 16 MB. */
const SLICE = 16 * 1024;

/** The wanted entries' bytes, or why the archive was refused (naming the entry). */
export function unzipBounded(bytes: Uint8Array, wanted: ReadonlySet<string>, cap: number): Record<string, Uint8Array> | string {
  const out: Record<string, Uint8Array> = {};
  let refusal: string | null = null;
  let total = 0;
  const unzip = new Unzip((f) => {
    if (!wanted.has(f.name) || refusal) return;
    if (f.originalSize !== undefined && f.originalSize > cap) {
      refusal = `${f.name} declares ${fmtBytes(f.originalSize)}; entries over ${fmtBytes(cap)} are refused`;
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    f.ondata = (err, chunk, final) => {
      if (refusal) return;
      if (err) {
        refusal = `${f.name} cannot be inflated (${err.message})`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (f.originalSize !== undefined && size > f.originalSize) refusal = `${f.name} inflates past its declared ${fmtBytes(f.originalSize)}: a zip bomb or a damaged archive`;
      else if (total > cap) refusal = `${f.name} inflates past ${fmtBytes(cap)}, more than a model file may unpack to`;
      if (refusal) return f.terminate();
      parts.push(chunk);
      if (final) out[f.name] = parts.length === 1 ? parts[0] : concat(parts, size);
    };
    f.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < bytes.length && !refusal; at += SLICE) unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
  } catch (e) {
    return `it is not a readable zip archive (${e instanceof Error ? e.message : String(e)})`;
  }
  return refusal ?? out;
}
