/** The seed's "extend the API with custom layers": CustomDense(10) on keras.Input((4,)). */
import { ProjectBuilder } from '../engine/build';
import { CUSTOM_DENSE } from '../engine/custom/definition';
import type { ProjectDoc } from '../engine/doc';

export function customDense(): ProjectDoc {
  const b = new ProjectBuilder('custom_dense');
  b.defineCustom(CUSTOM_DENSE);
  const inputs = b.input([4]);
  const outputs = b.layer('CustomDense', { units: 10 }).call(inputs);
  b.model('custom_dense', [inputs], [outputs]);
  return b.build();
}
