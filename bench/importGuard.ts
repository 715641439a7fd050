/**
 * How fast hostile model files are refused, before anything reaches tfjs (whose fromConfig
 * loops forever on cycles and dangling names): the target is < 100 ms per refusal.
 */
import { checkGraph } from '../src/engine/io/graphCheck';
import { importModelValue } from '../src/engine/io/importModel';
import { readModel } from '../src/engine/io/kerasGraph';
import { validKeras3 } from '../src/engine/io/fixtures/valid';

type Json = Record<string, any>;

function fastest(fn: () => void, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const cyc = validKeras3() as Json;
const dense = cyc.config.layers.find((l: Json) => l.name === 'dense');
dense.inbound_nodes[0].args[0].config.keras_history = ['add', 0, 0];
const dangling = validKeras3() as Json;
dangling.config.layers.find((l: Json) => l.name === 'dense_1').inbound_nodes[0].args[0].config.keras_history = ['ghost', 0, 0];
const big = validKeras3() as Json;
big.config.layers.push(...Array.from({ length: 2000 }, (_, i) => ({ class_name: 'Dense', config: { name: `c${i}`, units: 8 }, name: `c${i}`, inbound_nodes: [[[`c${(i + 1999) % 2000}`, 0, 0, {}]]] })));
const bigGraph = readModel(big, 'big', []);

const rows: [string, number][] = [
  ['import refuses a cycle (small model)', fastest(() => importModelValue(cyc, 'cycle.json'))],
  ['import refuses a dangling name', fastest(() => importModelValue(dangling, 'dangling.json'))],
  ['graph check refuses a 2,000-layer cycle', fastest(() => { try { checkGraph(bigGraph, 'big'); } catch { /* refused */ } })],
  ['import refuses a 2,000-layer cycle', fastest(() => importModelValue(big, 'big.json'), 3)],
];
for (const [what, ms] of rows) console.log(`${what.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms ${ms < 100 ? '(< 100 ms)' : '(over the 100 ms target)'}`);
