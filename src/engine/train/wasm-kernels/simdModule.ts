/**
 * Our tiny WebAssembly module, written out as bytes here, working in place on tfjs-backend-wasm's
 * own heap (it imports the backend's memory): float32 products, RMSprop's update and MaxPool's
 * gradient in SIMD. The products: C = A·B with A read
 * through strides (so Aᵀ costs nothing) and B, C row-major, 4×8 tiles in SIMD registers, with
 * relaxed SIMD's fused multiply-add where the engine has it (Chromium: ≈24 → ≈32 GFLOP/s here).
 *
 * Why not XNNPACK (tfjs's matmul): it packs B into an operator cached by B's tensor id, and in
 * training every B is new each step (updated weights, gradients), so every product pays for a
 * packing (≈0.7 ms for a 784×64 weight) before computing. This kernel reads B where it lies.
 *
 * Exports, all arguments i32 (addresses and strides in bytes):
 * - tiles4 / tiles1(a, b, c, i0, i1, n8, k, aRow, aK, bRow, cRow, accumulate): rows [i0, i1) ×
 *   cols [0, n8) in 4×8 / 1×8 tiles (i1 − i0 a multiple of 4 / 1, n8 of 8);
 * - edge(a, b, c, i0, i1, j0, j1, k, aRow, aK, bRow, cRow, accumulate): rows [i0, i1) × cols [j0, j1),
 *   one value at a time;
 * with accumulate ≠ 0, C += A·B (the caller splits a long K into blocks that stay in cache).
 * Where A(i, κ) is at a + i·aRow + κ·aK, B(κ, j) at b + κ·bRow + 4j, C(i, j) at c + i·cRow + 4j.
 * - rmsprop(…): one RMSprop update in SIMD (see rmspropBody);
 * - maxpoolgrad(…): MaxPool's gradient for windows that do not overlap, in SIMD (see maxPoolGradBody).
 */

const I32 = 0x7f;
const V128 = 0x7b;
const F32 = 0x7d;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vec([...s].map((c) => [c.charCodeAt(0)]));

// instructions
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const add = [0x6a];
const mul = [0x6c];
const geS = [0x4e];
const simd = (op: number, ...rest: number[]) => [0xfd, ...uleb(op), ...rest];
const v128Load = (offset: number) => simd(0x00, 2, ...uleb(offset));
const v128Store = (offset: number) => simd(0x0b, 2, ...uleb(offset));
const v128Zero = simd(0x0c, ...new Array(16).fill(0));
const f32x4Splat = simd(0x13);
const f32x4Add = simd(0xe4);
const f32x4Mul = simd(0xe6);
const f32x4Sub = simd(0xe5);
const f32x4Div = simd(0xe7);
const f32x4Sqrt = simd(0xe3);
const f32x4RelaxedMadd = simd(0x105);
const f32x4Eq = simd(0x41);
const f32x4Gt = simd(0x44);
const v128And = simd(0x4e);
const v128AndNot = simd(0x4f);
const v128Or = simd(0x50);
const v128Not = simd(0x4d);
const v128Bitselect = simd(0x52);
const sub = [0x6b];
const ltS = [0x48];
const gtS = [0x4a];
const select = [0x1b];
const f32Load = [0x2a, 2, 0];
const f32Store = [0x38, 2, 0];
const f32Add = [0x92];
const f32Mul = [0x94];
const f32Zero = [0x43, 0, 0, 0, 0];
/** `x += step` on an i32 local. */
const bump = (x: number, step: number[]) => [...get(x), ...step, ...add, ...set(x)];
/** block { loop { if (counter >= limit) break; body; br loop } } */
const forLoop = (counter: number, limit: number[], body: number[]) => [
  0x02, 0x40, 0x03, 0x40, ...get(counter), ...limit, ...geS, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b,
];

/** tiles(a, b, c, i0, i1, n8, k, aRow, aK, bRow, cRow, accumulate): rows [i0, i1) (a multiple of `mr` of them) × cols [0, n8), mr×8 tiles */
function tilesBody(mr: number, fma: boolean): number[] {
  const [a, b, c, i0, i1, n8, k, aRow, aK, bRow, cRow, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  // i32 locals 12..17 and one more per row offset, then v128: 2·mr accumulators, 2 B vectors, the splat
  const [i, j, kk, pa, pb, pc] = [12, 13, 14, 15, 16, 17];
  const rowOffset = (r: number) => 16 + r; // aRow·r, r ≥ 2
  const v0 = 18 + Math.max(0, mr - 2);
  const acc = Array.from({ length: 2 * mr }, (_, x) => v0 + x);
  const [b0, b1, splat] = [v0 + 2 * mr, v0 + 2 * mr + 1, v0 + 2 * mr + 2];
  // x += a·b, fused where the engine has relaxed SIMD
  const madd = (x: number, a: number, b: number) =>
    fma ? [...get(a), ...get(b), ...get(x), ...f32x4RelaxedMadd, ...set(x)] : [...get(x), ...get(a), ...get(b), ...f32x4Mul, ...f32x4Add, ...set(x)];
  const row = (r: number) => [
    // acc[2r] += A(i + r, κ)·b0, acc[2r+1] += A(i + r, κ)·b1
    ...get(pa), ...(r === 0 ? [] : [...get(r === 1 ? aRow : rowOffset(r)), ...add]),
    ...f32Load, ...f32x4Splat, ...set(splat),
    ...madd(acc[2 * r], splat, b0),
    ...madd(acc[2 * r + 1], splat, b1),
  ];
  const rows = Array.from({ length: mr }, (_, r) => r);
  const inner = [
    ...get(pb), ...v128Load(0), ...set(b0),
    ...get(pb), ...v128Load(16), ...set(b1),
    ...rows.flatMap(row),
    ...bump(pa, get(aK)), ...bump(pb, get(bRow)), ...bump(kk, i32c(1)),
  ];
  const store = (r: number) => [
    ...get(pc), ...get(acc[2 * r]), ...v128Store(0),
    ...get(pc), ...get(acc[2 * r + 1]), ...v128Store(16),
    ...bump(pc, get(cRow)),
  ];
  const cAt = (r: number) => [...get(pc), ...get(cRow), ...i32c(r), ...mul, ...add];
  const tile = [
    ...get(c), ...get(i), ...get(cRow), ...mul, ...add, ...get(j), ...i32c(4), ...mul, ...add, ...set(pc),
    // accumulators start at C's values (accumulate) or 0
    ...get(accumulate), 0x04, 0x40,
    ...rows.flatMap((r) => [...cAt(r), ...v128Load(0), ...set(acc[2 * r]), ...cAt(r), ...v128Load(16), ...set(acc[2 * r + 1])]),
    0x05,
    ...acc.flatMap((x) => [...v128Zero, ...set(x)]),
    0x0b,
    ...get(a), ...get(i), ...get(aRow), ...mul, ...add, ...set(pa),
    ...get(b), ...get(j), ...i32c(4), ...mul, ...add, ...set(pb),
    ...i32c(0), ...set(kk),
    ...forLoop(kk, get(k), inner),
    ...rows.flatMap(store),
    ...bump(j, i32c(8)),
  ];
  const body = [
    ...rows.slice(2).flatMap((r) => [...get(aRow), ...i32c(r), ...mul, ...set(rowOffset(r))]),
    ...get(i0), ...set(i),
    ...forLoop(i, get(i1), [...i32c(0), ...set(j), ...forLoop(j, get(n8), tile), ...bump(i, i32c(mr))]),
  ];
  return [...vec([[6 + Math.max(0, mr - 2), I32], [2 * mr + 3, V128]]), ...body, 0x0b];
}

/** edge(a, b, c, i0, i1, j0, j1, k, aRow, aK, bRow, cRow, accumulate) */
function edgeBody(): number[] {
  const [a, b, c, i0, i1, j0, j1, k, aRow, aK, bRow, cRow, accumulate] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const [i, j, kk, pa, pb, sum] = [13, 14, 15, 16, 17, 18];
  const cij = [...get(c), ...get(i), ...get(cRow), ...mul, ...add, ...get(j), ...i32c(4), ...mul, ...add];
  const inner = [
    ...get(sum), ...get(pa), ...f32Load, ...get(pb), ...f32Load, ...f32Mul, ...f32Add, ...set(sum),
    ...bump(pa, get(aK)), ...bump(pb, get(bRow)), ...bump(kk, i32c(1)),
  ];
  const cell = [
    ...cij, ...f32Load, ...f32Zero, ...get(accumulate), 0x1b, ...set(sum), // C(i, j) or 0
    ...get(a), ...get(i), ...get(aRow), ...mul, ...add, ...set(pa),
    ...get(b), ...get(j), ...i32c(4), ...mul, ...add, ...set(pb),
    ...i32c(0), ...set(kk),
    ...forLoop(kk, get(k), inner),
    ...cij, ...get(sum), ...f32Store,
    ...bump(j, i32c(1)),
  ];
  const body = [
    ...get(i0), ...set(i),
    ...forLoop(i, get(i1), [...get(j0), ...set(j), ...forLoop(j, get(j1), cell), ...bump(i, i32c(1))]),
  ];
  return [...vec([[5, I32], [1, F32]]), ...body, 0x0b];
}

/**
 * rmsprop(w, ms, mom, g, w2, ms2, mom2, bytes, lr, decay, momentum, eps): tfjs's RMSprop update
 * (non-centered), 4 values at a time over `bytes` (a multiple of 16):
 * ms2 = decay·ms + (1−decay)·g², mom2 = momentum·mom + lr·g/√(ms2+ε), w2 = w − mom2.
 */
function rmspropBody(): number[] {
  const [w, ms, mom, g, w2, ms2, mom2, bytes, lr, decay, momentum, eps] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const o = 12;
  const [vg, vs, vm, cLr, cDecay, cRest, cMom, cEps] = [13, 14, 15, 16, 17, 18, 19, 20];
  const at = (base: number) => [...get(base), ...get(o), ...add];
  const splatOf = (x: number[], into: number) => [...x, ...f32x4Splat, ...set(into)];
  const body = [
    ...splatOf(get(lr), cLr), ...splatOf(get(decay), cDecay), ...splatOf(get(momentum), cMom), ...splatOf(get(eps), cEps),
    ...splatOf([0x43, ...new Uint8Array(Float32Array.of(1).buffer), ...get(decay), 0x93], cRest), // 1 − decay (f32.sub)
    ...i32c(0), ...set(o),
    ...forLoop(o, get(bytes), [
      ...at(g), ...v128Load(0), ...set(vg),
      ...get(cDecay), ...at(ms), ...v128Load(0), ...f32x4Mul, ...get(cRest), ...get(vg), ...get(vg), ...f32x4Mul, ...f32x4Mul, ...f32x4Add, ...set(vs),
      ...at(ms2), ...get(vs), ...v128Store(0),
      ...get(cMom), ...at(mom), ...v128Load(0), ...f32x4Mul,
      ...get(cLr), ...get(vg), ...f32x4Mul, ...get(vs), ...get(cEps), ...f32x4Add, ...f32x4Sqrt, ...f32x4Div, ...f32x4Add, ...set(vm),
      ...at(mom2), ...get(vm), ...v128Store(0),
      ...at(w2), ...at(w), ...v128Load(0), ...get(vm), ...f32x4Sub, ...v128Store(0),
      ...bump(o, i32c(16)),
    ]),
  ];
  return [...vec([[1, I32], [8, V128]]), ...body, 0x0b];
}

/**
 * maxpoolgrad(x, dy, dx, n, h, w, c, oh, ow, sh, sw, fh, fw, top, left) for NHWC pooling windows
 * that do not overlap (stride ≥ pool size), c a multiple of 4, addresses in bytes: for each window
 * and 4 channels, the first tap (row-major) holding the window's max gets dy, the others 0 —
 * written, not added (no input is in two windows); inputs in no window are left as they are.
 * A window of −∞ only (or NaN) passes nothing back, as tfjs-backend-cpu.
 */
function maxPoolGradBody(): number[] {
  const [x, dy, dx, n, h, w, c, oh, ow, sh, sw, fh, fw, top, left] = Array.from({ length: 15 }, (_, i) => i);
  const [b, r, q, kb, i, j, i0, i1, j0, j1, xBase, o, p, t] = Array.from({ length: 14 }, (_, k) => 15 + k);
  const [best, v, found, hit, dyv, minusInf] = Array.from({ length: 6 }, (_, k) => 29 + k);
  const maxZero = (into: number) => [...set(t), ...get(t), ...i32c(0), ...get(t), ...i32c(0), ...gtS, ...select, ...set(into)];
  const minOf = (limit: number, into: number) => [...set(t), ...get(t), ...get(limit), ...get(t), ...get(limit), ...ltS, ...select, ...set(into)];
  // p = xBase + ((i·w + j)·c)·4 + kb, v = x[p]
  const tap = [...get(xBase), ...get(i), ...get(w), ...mul, ...get(j), ...add, ...get(c), ...mul, ...i32c(4), ...mul, ...add, ...get(kb), ...add, ...set(p),
    ...get(x), ...get(p), ...add, ...v128Load(0), ...set(v)];
  const taps = (body: number[]) => [...get(i0), ...set(i), ...forLoop(i, get(i1), [...get(j0), ...set(j), ...forLoop(j, get(j1), [...tap, ...body, ...bump(j, i32c(1))]), ...bump(i, i32c(1))])];
  const group = [
    ...get(minusInf), ...set(best),
    ...taps([...get(v), ...get(best), ...get(v), ...get(best), ...f32x4Gt, ...v128Bitselect, ...set(best)]),
    ...get(dy), ...get(o), ...add, ...get(kb), ...add, ...v128Load(0), ...set(dyv),
    ...get(best), ...get(minusInf), ...f32x4Gt, ...v128Not, ...set(found),
    ...taps([
      ...get(v), ...get(best), ...f32x4Eq, ...get(found), ...v128AndNot, ...set(hit),
      ...get(dx), ...get(p), ...add, ...get(hit), ...get(dyv), ...v128And, ...v128Store(0),
      ...get(found), ...get(hit), ...v128Or, ...set(found),
    ]),
    ...bump(kb, i32c(16)),
  ];
  const window = [
    ...get(q), ...get(sw), ...mul, ...get(left), ...sub, ...maxZero(j0),
    ...get(q), ...get(sw), ...mul, ...get(left), ...sub, ...get(fw), ...add, ...minOf(w, j1),
    ...i32c(0), ...set(kb),
    ...forLoop(kb, [...get(c), ...i32c(4), ...mul], group),
    ...bump(o, [...get(c), ...i32c(4), ...mul]),
    ...bump(q, i32c(1)),
  ];
  const outRow = [
    ...get(r), ...get(sh), ...mul, ...get(top), ...sub, ...maxZero(i0),
    ...get(r), ...get(sh), ...mul, ...get(top), ...sub, ...get(fh), ...add, ...minOf(h, i1),
    ...i32c(0), ...set(q), ...forLoop(q, get(ow), window),
    ...bump(r, i32c(1)),
  ];
  const body = [
    ...simd(0x0c, ...new Uint8Array(Float32Array.of(-Infinity, -Infinity, -Infinity, -Infinity).buffer)), ...set(minusInf),
    ...i32c(0), ...set(o), ...i32c(0), ...set(b),
    ...forLoop(b, get(n), [
      ...get(b), ...get(h), ...mul, ...get(w), ...mul, ...get(c), ...mul, ...i32c(4), ...mul, ...set(xBase),
      ...i32c(0), ...set(r), ...forLoop(r, get(oh), outRow),
      ...bump(b, i32c(1)),
    ]),
  ];
  return [...vec([[14, I32], [6, V128]]), ...body, 0x0b];
}

/** The module's bytes; `shared` when the backend's memory is (threads); `fma`: relaxed SIMD's fused multiply-add in the tiles. */
export function simdModuleBytes(shared: boolean, maxPages: number, fma: boolean): Uint8Array<ArrayBuffer> {
  const fn = (n: number, floats = 0) => [0x60, ...vec([...new Array(n).fill([I32]), ...new Array(floats).fill([F32])]), 0];
  const memory = shared ? [0x03, ...uleb(1), ...uleb(maxPages)] : [0x00, ...uleb(1)];
  const code = (body: number[]) => [...uleb(body.length), ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([fn(12), fn(13), fn(8, 4), fn(15)])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, ...memory]])),
    ...section(3, vec([[0], [0], [1], [2], [3]])),
    ...section(7, vec([[...name('tiles4'), 0x00, 0], [...name('tiles1'), 0x00, 1], [...name('edge'), 0x00, 2], [...name('rmsprop'), 0x00, 3], [...name('maxpoolgrad'), 0x00, 4]])),
    ...section(10, vec([code(tilesBody(4, fma)), code(tilesBody(1, fma)), code(edgeBody()), code(rmspropBody()), code(maxPoolGradBody())])),
  ]);
}
