/**
 * Generated names follow Keras 3 (input_layer, input_layer_1, …; dense, dense_1, …), with real
 * Keras 3 as the judge: the same layers made in a fresh Keras session get the same names.
 */
import { describe, expect, it } from 'vitest';
import { kerasPython, runKeras } from '../testing/python';
import { ProjectBuilder } from './build';
import { readModel } from './io/kerasGraph';
import { defaultLayerName } from './names';

const KINDS = ['InputLayer', 'Dense', 'InputLayer', 'Conv2D', 'Dense', 'MaxPooling2D', 'InputLayer', 'ReLU'];

/** Names given in turn to new layers of these kinds, in one project. */
function ours(kinds: string[]) {
  const taken = new Set<string>();
  return kinds.map((k) => {
    const n = defaultLayerName(k, taken);
    taken.add(n);
    return n;
  });
}

describe('generated layer names', () => {
  it('an input is input_layer, then input_layer_1, …; other kinds their snake_case class name', () => {
    expect(ours(KINDS)).toEqual(['input_layer', 'dense', 'input_layer_1', 'conv2d', 'dense_1', 'max_pooling2d', 'input_layer_2', 're_lu']);
    // The project builder (templates, the CLI) names unnamed inputs the same way.
    const b = new ProjectBuilder('p');
    const [x, y] = [b.input([4]), b.input([3])];
    b.model('m', [x, y], [b.layer('Concatenate').call(x, y)]);
    expect(Object.values(b.build().layers).map((l) => l.name).sort()).toEqual(['concatenate', 'input_layer', 'input_layer_1']);
  });

  it('a Sequential file with no InputLayer gets one named as Keras 3 builds it', () => {
    const m = readModel({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'dense', units: 2, batch_input_shape: [null, 5] } }] } }, 'file', []);
    expect(m.layers[0]).toMatchObject({ name: 'input_layer', className: 'InputLayer' });
  });
});

describe.skipIf(!kerasPython)('generated layer names under real Keras 3', () => {
  it('match the names a fresh Keras session gives the same layers', () => {
    const script = `
import keras
from keras import layers
make = {'InputLayer': lambda: keras.Input((8, 8, 3))._keras_history[0], 'Dense': lambda: layers.Dense(2), 'Conv2D': lambda: layers.Conv2D(2, 3),
        'MaxPooling2D': lambda: layers.MaxPooling2D(), 'ReLU': lambda: layers.ReLU()}
print(' '.join(make[k]().name for k in ${JSON.stringify(KINDS)}))
`;
    expect(runKeras(script).trim()).toBe(ours(KINDS).join(' '));
  });

  it('a Sequential built on a shape gets the InputLayer the import names', () => {
    const script = `
import keras
s = keras.Sequential([keras.layers.Dense(2, name='dense')])
s.build((None, 5))
print(s._layers[0].name)
`;
    const m = readModel({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'dense', units: 2, batch_input_shape: [null, 5] } }] } }, 'file', []);
    expect(runKeras(script).trim()).toBe(m.layers[0].name);
  });
});
