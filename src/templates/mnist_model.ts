/** The seed's first example: 784 → Dense(64) → Dense(64) → Dense(10), 55,050 params. */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';

export function mnistModel(): ProjectDoc {
  const b = new ProjectBuilder('mnist_model');
  // Named as the guide's printed summary names it (Keras 2); a new input would be Keras 3's input_layer.
  const inputs = b.input([784], { name: 'input_1' });
  let x = b.layer('Dense', { units: 64, activation: 'relu' }).call(inputs);
  x = b.layer('Dense', { units: 64, activation: 'relu' }).call(x);
  const outputs = b.layer('Dense', { units: 10 }).call(x);
  b.model('mnist_model', [inputs], [outputs]);
  return b.build();
}
