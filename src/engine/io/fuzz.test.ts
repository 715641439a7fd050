/**
 * Fuzz: mutate valid model files (delete keys, swap in random JSON values, duplicate or drop
 * list entries, retarget tensor references) — 2,000+ cases — and .keras archives (flipped and
 * cut bytes in the zip and in its HDF5 weights, lying sizes, zip bombs, resized datasets).
 * Import never throws, and it either refuses with Issues that name the file part, or returns a
 * complete, valid project whose analysis has no errors. The outcome counts are printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { parseProject } from '../doc';
import { importModelValue } from './importModel';
import { precheckGraph, topologyOf } from './graphPrecheck';
import { Refusal, readModel } from './kerasGraph';
import { toProject } from './toProject';
import { validKeras3, validModelJson } from './fixtures/valid';
import { entriesOf, h5Resized, kerasBytes, rezip, zeroBomb, zipLying } from './fixtures/archives';
import { importFileSet } from './importModel';
import { readKerasFile } from './kerasFile';

type Json = unknown;
const clone = (v: Json): Json => JSON.parse(JSON.stringify(v));

/** Every path to a value inside v. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

type Mutation = { kind: 'delete' | 'replace' | 'duplicate'; pick: number; value: Json };
const mutation = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'duplicate') as fc.Arbitrary<Mutation['kind']>,
  pick: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e9, null, 'dense', 'input_1', ['dense', 0, 0], [['a', 0, 0]], 'Lambda', 'Functional', NaN)),
});

function apply(root: Json, muts: Mutation[]): Json {
  const v = clone(root);
  for (const m of muts) {
    const all = paths(v).filter((p) => p.length > 0);
    if (!all.length) break;
    const p = all[m.pick % all.length];
    let parent = v as Record<string | number, Json>;
    for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
    const key = p[p.length - 1];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.kind === 'replace') parent[key] = m.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 0, clone(parent[key as number]));
    else parent[key] = clone(parent[key]);
  }
  return v;
}

const preRefuses = (file: Json) => {
  try {
    precheckGraph(file);
    return false;
  } catch (e) {
    if (e instanceof Refusal) return true;
    throw e;
  }
};

/** The import without the graph pre-check: zod over the whole file, then the graph check (toProject). */
function schemaFirstRefuses(file: Json): boolean {
  try {
    toProject(readModel(topologyOf(file), 'fuzz.json', []), 'fuzz', []);
    return false;
  } catch {
    return true; // a Refusal, or anything else the import turns into an Issue
  }
}

/** Messages that would mean an internal error leaked out instead of a refusal. */
const INTERNAL = /undefined|not iterable|not defined|Cannot read prop|is not a function|is not an object|\[object |(of|is) null\b|Maximum call stack|RuntimeError|Aborted/;

describe('fuzzed model files', () => {
  it.each([
    ['Keras 3 JSON', validKeras3()],
    ['model.json (legacy layers + manifest)', validModelJson()],
  ] as const)('%s: never throws, never half-imports', (_n, base) => {
    let ok = 0;
    let pre = 0;
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        const file = apply(base, muts);
        const r = importModelValue(file, 'fuzz.json', { bins: new Map([['group1-shard1of1.bin', new Uint8Array(92)]]) });
        if (preRefuses(file)) {
          pre++;
          expect(schemaFirstRefuses(file), 'the pre-check refused a file the schema-first path accepts').toBe(true);
        }
        const outcome = r.ok ? 'imported' : `refused [${r.issues[0].code}]`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          for (const i of r.issues) expect(i.message, 'an internal error leaked into a refusal').not.toMatch(INTERNAL);
          return;
        }
        ok++;
        expect(parseProject(r.doc).doc).not.toBeNull();
        expect(analyze(r.doc).issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 1100, seed: 20261127 },
    );
    console.log(`fuzzed ${_n} outcomes:\n${[...outcomes].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${o.padEnd(30)} ${String(n).padStart(5)}`).join('\n')}\n(the graph pre-check refused ${pre})`);
    expect(ok).toBeGreaterThan(0);
    expect(pre, 'mutations the graph pre-check refused').toBeGreaterThan(0);
  }, 60_000);
});

/** What a refusal was about, read from its message (the printed table's rows). */
function outcomeKind(message: string): string {
  const kinds: [RegExp, string][] = [
    [/inflates past its declared/, 'zip: entry inflates past its declared size'],
    [/inflates past [\d.]+ MB/, 'zip: inflates past the cap'],
    [/declares [\d.]+ MB; entries over/, 'zip: entry declares more than the cap'],
    [/not a readable zip archive|cannot be inflated/, 'zip: not a readable archive'],
    [/has no config\.json/, 'zip: no config.json'],
    [/config\.json/, 'config.json refused'],
    [/not a readable HDF5 file/, 'h5: not a readable HDF5 file'],
    [/holds [\d,]+ weight values, but the model has/, 'h5: more values than the model has'],
    [/model\.weights\.h5: .*(cannot be read|is not a dataset|no readable shape|does not hold)/, 'h5: a group or dataset unreadable'],
    [/model\.weights\.h5.*weight/, 'h5: weights do not fit the layers'],
  ];
  return kinds.find(([re]) => re.test(message))?.[1] ?? `other: ${message.slice(0, 80)}`;
}

describe('fuzzed .keras archives', () => {
  it('never throw, never half-import; every refusal names the file part; the outcome counts are printed', async () => {
    const base = await kerasBytes();
    const real = entriesOf(base);
    const h5 = real['model.weights.h5'];
    const table = new Map<string, Map<string, number>>();
    const count = (strategy: string, outcome: string) => {
      const row = table.get(strategy) ?? new Map<string, number>();
      table.set(strategy, row.set(outcome, (row.get(outcome) ?? 0) + 1));
    };
    const flip = (bytes: Uint8Array, muts: [number, number][]) => {
      const out = bytes.slice();
      for (const [at, v] of muts) out[at % out.length] = v;
      return out;
    };
    const byteMuts = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 });
    const strategies: [string, fc.Arbitrary<() => Promise<Uint8Array>>][] = [
      ['zip bytes flipped', byteMuts.map((m) => async () => flip(base, m))],
      ['zip cut short', fc.nat().map((n) => async () => base.slice(0, n % base.length))],
      ['h5 bytes flipped', byteMuts.map((m) => async () => rezip(base, { 'model.weights.h5': flip(h5, m) }))],
      ['h5 cut short', fc.nat().map((n) => async () => rezip(base, { 'model.weights.h5': h5.slice(0, n % h5.length) }))],
      ['config.json bytes flipped', byteMuts.map((m) => async () => rezip(base, { 'config.json': flip(real['config.json'], m) }))],
      ['declared size a lie', fc.tuple(fc.constantFrom('config.json', 'model.weights.h5'), fc.nat({ max: 4000 })).map(([name, declared]) => async () =>
        zipLying(Object.entries(real).map(([n, data]) => ({ name: n, data, declared: n === name ? declared : undefined }))))],
      ['zip bomb', fc.tuple(fc.constantFrom('config.json', 'model.weights.h5'), fc.integer({ min: 1, max: 24 }), fc.nat({ max: 1000 })).map(([name, mb, declared]) => async () =>
        zipLying(Object.entries(real).map(([n, data]) => (n === name ? { name: n, data: new Uint8Array(0), deflated: zeroBomb(mb), declared } : { name: n, data }))))],
      ['h5 dataset resized', fc.integer({ min: 0, max: 1 << 28 }).map((n) => async () => rezip(base, { 'model.weights.h5': await h5Resized(n) }))],
    ];
    let imported = 0;
    for (const [name, arb] of strategies) {
      for (const make of fc.sample(arb, { numRuns: name === 'zip bomb' || name === 'h5 dataset resized' ? 40 : 120, seed: 14 })) {
        const bytes = await make();
        const r = await importFileSet([{ name: 'm.keras', bytes }], (f, c, paramsOf) => readKerasFile(f.bytes, f.name, c, paramsOf));
        if (r.ok) {
          imported++;
          count(name, 'imported');
          expect(parseProject(r.doc).doc).not.toBeNull();
          expect(analyze(r.doc).issues.filter((i) => i.severity === 'error')).toEqual([]);
          continue;
        }
        expect(r.issues.length).toBeGreaterThan(0);
        for (const i of r.issues) {
          expect(i.message, 'an internal error leaked into a refusal').not.toMatch(INTERNAL);
          expect(i.message, 'a refusal names the file part').toMatch(/m\.keras.*(config\.json|model\.weights\.h5|metadata\.json|archive)|m\.keras\/config\.json/);
        }
        count(name, outcomeKind(r.issues[0].message));
      }
    }
    const lines = [...table].flatMap(([s, row]) => [...row].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${s.padEnd(26)} ${o.padEnd(48)} ${String(n).padStart(4)}`));
    console.log(`fuzzed .keras outcomes (strategy, outcome, count):\n${lines.join('\n')}`);
    expect(imported).toBeGreaterThan(0);
    expect(lines.filter((l) => / other: /.test(l)), 'every refusal is one of the known kinds').toEqual([]);
  }, 300_000);
});
