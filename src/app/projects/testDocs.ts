/** Small real projects for the projects tests, written with the engine's builder. */
import { ProjectBuilder } from '../../engine/build';
import type { ProjectDoc } from '../../engine/doc';

/** The seed's first model: 784 → Dense 64 relu → Dense 64 relu → Dense 10. */
export function mnistDoc(name = 'mnist'): ProjectDoc {
  const b = new ProjectBuilder(name);
  const inputs = b.input([784], { name: 'img' });
  let x = b.layer('Dense', { units: 64, activation: 'relu' }).call(inputs);
  x = b.layer('Dense', { units: 64, activation: 'relu' }).call(x);
  const outputs = b.layer('Dense', { units: 10 }).call(x);
  b.model('mnist_model', [inputs], [outputs]);
  return b.build();
}

/** A wide chain of `n` Dense layers: a project too big for a share link when n is large. */
export function chainDoc(n: number): ProjectDoc {
  const b = new ProjectBuilder(`chain_${n}`);
  const inputs = b.input([16]);
  let x = inputs;
  for (let i = 0; i < n; i++) x = b.layer('Dense', { units: 8 + (i % 97), activation: i % 2 ? 'relu' : 'tanh' }, `dense_block_${i}_${(i * 7919) % 10007}`).call(x);
  b.model('chain', [inputs], [x]);
  return b.build();
}
