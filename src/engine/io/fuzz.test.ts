/**
 * Fuzz: mutate valid model files (delete keys, swap in random JSON values, duplicate or drop
 * list entries, retarget tensor references) — 2,000+ cases. Import never throws, and it either
 * refuses with Issues or returns a complete, valid project whose analysis has no errors.
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

describe('fuzzed model files', () => {
  it.each([
    ['Keras 3 JSON', validKeras3()],
    ['model.json (legacy layers + manifest)', validModelJson()],
  ] as const)('%s: never throws, never half-imports', (_n, base) => {
    let ok = 0;
    let pre = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (muts) => {
        const file = apply(base, muts);
        const r = importModelValue(file, 'fuzz.json', { bins: new Map([['group1-shard1of1.bin', new Uint8Array(92)]]) });
        if (preRefuses(file)) {
          pre++;
          expect(schemaFirstRefuses(file), 'the pre-check refused a file the schema-first path accepts').toBe(true);
        }
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
          return;
        }
        ok++;
        expect(parseProject(r.doc).doc).not.toBeNull();
        expect(analyze(r.doc).issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 1100, seed: 20261127 },
    );
    expect(ok).toBeGreaterThan(0);
    expect(pre, 'mutations the graph pre-check refused').toBeGreaterThan(0);
  }, 60_000);
});
