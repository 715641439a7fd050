/**
 * Analysis speed on a generated 1,000-node graph (a residual MLP: Dense chains with an Add
 * every 10 layers): a full analysis of a fresh document, and the re-analysis after a single
 * param edit (documents are immutable, so unchanged layers and shapes are reused).
 * Budgets: full < 20 ms, edit < 5 ms.
 */
import { analyze } from '../src/engine/analyze';
import { ProjectBuilder, type Sym } from '../src/engine/build';
import type { ProjectDoc } from '../src/engine/doc';

function generate(nodes: number): ProjectDoc {
  const b = new ProjectBuilder('bench');
  const input = b.input([64]);
  let x: Sym = input;
  let skip: Sym = input;
  for (let i = 1; i < nodes; i++) {
    if (i % 10 === 0) {
      x = b.layer('Add').call(x, skip);
      skip = x;
    } else x = b.layer('Dense', { units: 64, activation: 'relu' }).call(x);
  }
  b.model('bench', [input], [x]);
  return b.build();
}

import { loadavg } from 'node:os';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs: number[]) => `median ${median(xs).toFixed(2)} ms, min ${Math.min(...xs).toFixed(2)} ms`;
/** Wall-clock and CPU time (ms) of f: on a busy shared machine, CPU time is the fairer figure. */
const cpuTimes: number[][] = [[], [], []];
let series = 0;
function time(f: () => void): number {
  const c = process.cpuUsage();
  const t = performance.now();
  f();
  const wall = performance.now() - t;
  const used = process.cpuUsage(c);
  cpuTimes[series].push((used.user + used.system) / 1000);
  return wall;
}

const RUNS = 25;
const full: number[] = [];
let doc = generate(1000);
for (let r = 0; r < RUNS; r++) {
  doc = generate(1000); // new objects: nothing memoised
  full.push(time(() => analyze(doc)));
}
const issues = analyze(doc).issues.length;

series = 1;
const paramEdit: number[] = [];
const shapeEdit: number[] = [];
const dense = Object.values(doc.layers).filter((l) => l.kind === 'Dense');
for (let r = 0; r < RUNS; r++) {
  const l = dense[(r * 37) % dense.length];
  // An activation change: no shape moves.
  doc = { ...doc, layers: { ...doc.layers, [l.id]: { ...l, params: { ...l.params, activation: r % 2 ? 'relu' : 'tanh' } } } };
  paramEdit.push(time(() => analyze(doc)));
}
series = 2;
// A units change on the last Dense before the output: its shape changes, nothing else.
const last = dense[dense.length - 1];
for (let r = 0; r < RUNS; r++) {
  const l = doc.layers[last.id];
  doc = { ...doc, layers: { ...doc.layers, [l.id]: { ...l, params: { ...l.params, units: 64 + (r % 2) } } } };
  shapeEdit.push(time(() => analyze(doc)));
}

console.log(`analyze, ${Object.values(doc.models)[0].nodes.length} nodes (${issues} issues), load average ${loadavg()[0].toFixed(1)}:`);
console.log(`  full analysis of a fresh document  wall ${stats(full)}; CPU ${stats(cpuTimes[0])}; budget 20 ms`);
console.log(`  after one param edit (activation)  wall ${stats(paramEdit)}; CPU ${stats(cpuTimes[1])}; budget 5 ms`);
console.log(`  after one shape edit (units)       wall ${stats(shapeEdit)}; CPU ${stats(cpuTimes[2])}; budget 5 ms`);
