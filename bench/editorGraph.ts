/** A generated big project for the editor bench: one Input, 25 branches of 40 Dense layers, one Add. */
import { ProjectBuilder } from '../src/engine/build';
import type { ProjectDoc } from '../src/engine/doc';

export function bigGraph(branches = 25, depth = 40): ProjectDoc {
  const b = new ProjectBuilder('bench_1000');
  const input = b.input([16]);
  const ends = [];
  for (let i = 0; i < branches; i++) {
    let x = input;
    for (let j = 0; j < depth; j++) x = b.layer('Dense', { units: 16, activation: 'relu' }).call(x);
    ends.push(x);
  }
  b.model('bench_1000', [input], [b.layer('Add').call(...ends)]);
  return b.build();
}
