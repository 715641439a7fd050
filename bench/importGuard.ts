/**
 * How fast hostile model files are refused, before anything reaches tfjs (whose fromConfig
 * loops forever on cycles and dangling names): the target is < 100 ms per refusal. The import
 * runs the graph check on a minimal view of the file before the zod schema
 * (src/engine/io/graphPrecheck.ts) and the safe-mode walk; "as before" is the path the import ran
 * before: safe mode, zod over the whole file, then the graph check. Also: a large valid import.
 *
 * Each row: the first call (cold code) and the median of later calls, wall ms / CPU ms of this
 * process (the machine is shared, so wall time carries other processes' load).
 */
import { checkGraph } from '../src/engine/io/graphCheck';
import { importModelValue } from '../src/engine/io/importModel';
import { Refusal, readModel } from '../src/engine/io/kerasGraph';
import { unsafeObjects } from '../src/engine/io/safety';
import { toProject } from '../src/engine/io/toProject';
import { validKeras3 } from '../src/engine/io/fixtures/valid';

type Json = Record<string, any>;
const N = 2000;

function time(fn: () => void): [number, number] {
  const cpu = process.cpuUsage();
  const t = performance.now();
  fn();
  const c = process.cpuUsage(cpu);
  return [performance.now() - t, (c.user + c.system) / 1000];
}

function measure(fn: () => void, runs = 7): { first: [number, number]; median: [number, number] } {
  const first = time(fn);
  const rest = Array.from({ length: runs }, () => time(fn));
  const med = (i: 0 | 1) => rest.map((r) => r[i]).sort((a, b) => a - b)[runs >> 1];
  return { first, median: [med(0), med(1)] };
}

const refused = (r: ReturnType<typeof importModelValue>) => {
  if (r.ok) throw new Error('expected a refusal');
};

/** Layers c0..c{N-1} chained after input "a"; `cycle` makes c0 take c{N-1} instead. */
function chain(cycle: boolean): Json {
  const m = validKeras3() as Json;
  m.config.layers.push(
    ...Array.from({ length: N }, (_, i) => ({
      class_name: 'Dense',
      config: { name: `c${i}`, units: 8, activation: 'relu', use_bias: true },
      name: `c${i}`,
      inbound_nodes: [[[i ? `c${i - 1}` : cycle ? `c${N - 1}` : 'a', 0, 0, {}]]],
    })),
  );
  if (!cycle) m.config.output_layers.push([`c${N - 1}`, 0, 0]);
  return m;
}

const cyc = validKeras3() as Json;
cyc.config.layers.find((l: Json) => l.name === 'dense').inbound_nodes[0].args[0].config.keras_history = ['add', 0, 0];
const dangling = validKeras3() as Json;
dangling.config.layers.find((l: Json) => l.name === 'dense_1').inbound_nodes[0].args[0].config.keras_history = ['ghost', 0, 0];
const bigCycle = chain(true);
const bigValid = chain(false);
const bigGraph = readModel(bigCycle, 'big', []);

const rows: [string, ReturnType<typeof measure>][] = [
  ['import refuses a 2,000-layer cycle', measure(() => refused(importModelValue(bigCycle, 'big.json')))],
  ['  as before: safe mode, schema, graph', measure(() => {
    try {
      if (unsafeObjects(bigCycle, 'big').length) throw new Error('unexpected safe-mode refusal');
      toProject(readModel(bigCycle, 'big', []), 'big', []);
      throw new Error('expected a refusal');
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
    }
  })],
  ['  graph check alone', measure(() => {
    try {
      checkGraph(bigGraph, 'big');
    } catch {
      /* refused */
    }
  })],
  ['import refuses a cycle (small model)', measure(() => refused(importModelValue(cyc, 'cycle.json')))],
  ['import refuses a dangling name', measure(() => refused(importModelValue(dangling, 'dangling.json')))],
  ['import of a valid 2,000-layer file', measure(() => {
    if (!importModelValue(bigValid, 'big.json').ok) throw new Error('the valid file was refused');
  }, 3)],
];
const fmt = ([w, c]: [number, number]) => `${w.toFixed(1).padStart(7)} / ${c.toFixed(1).padStart(6)}`;
console.log(`${''.padEnd(40)} ${'first: wall / cpu ms'.padStart(22)} ${'median: wall / cpu ms'.padStart(22)}`);
for (const [what, m] of rows) console.log(`${what.padEnd(40)} ${fmt(m.first).padStart(22)} ${fmt(m.median).padStart(22)}`);
