/**
 * A custom layer definition as a Python Keras class: __init__ with the params, build with
 * the declared weights, call with the project's Python body, get_config with the params —
 * the way the seed writes CustomDense. Load it back with custom_objects={"X": X}.
 */
import { py, pyDocstring } from '../../nodes/params';
import type { CustomLayerDef } from './definition';
import { exprToPython } from './expr';

const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => (l.trim() ? ' '.repeat(n) + l : ''))
    .join('\n');

/** `modelVar` names the Python variable of a project model the layer holds (the script builds it first). */
export function customClassPython(def: CustomLayerDef, modelVar: (modelName: string) => string = (m) => m): string {
  const multi = def.inputs.max > 1;
  const rename = (name: string) => {
    if (name === 'input') return multi ? 'input_shape[0]' : 'input_shape';
    const m = /^input(\d+)$/.exec(name);
    if (m) return `input_shape[${m[1]}]`;
    return `self.${name}`;
  };
  const tuple = (dims: string[]) => {
    const parts = dims.map((d) => exprToPython(d, rename));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`; // (x,) and (*s,): a 1-tuple needs the comma
  };
  const params = def.params.map((p) => `${p.name}=${py(p.default)}`);
  const lines = [
    `class ${def.className}(layers.Layer):`,
    ...(def.doc ? [`    ${pyDocstring(def.doc)}`, ''] : []),
    `    def __init__(self, ${[...params, '**kwargs'].join(', ')}):`,
    '        super().__init__(**kwargs)',
    ...def.params.map((p) => `        self.${p.name} = ${p.name}`),
    ...(def.models ?? []).map((m) => `        self.${m.name} = ${modelVar(m.model)}`),
    '',
    '    def build(self, input_shape):',
    ...def.weights.map(
      (w) =>
        `        self.${w.name} = self.add_weight(shape=${tuple(w.shape)}, initializer=${py(w.initializer)}, trainable=${py(w.trainable)}, name=${py(w.name)})`,
    ),
    ...(def.weights.length ? [] : ['        pass']),
    '',
    '    def call(self, inputs, training=None, mask=None):',
    indent(def.pythonCall.trim() || 'return inputs', 8),
  ];
  if (def.outputShape) lines.push('', '    def compute_output_shape(self, input_shape):', `        return ${tuple(def.outputShape)}`);
  lines.push(
    '',
    '    def get_config(self):',
    '        config = super().get_config()',
    `        config.update({${def.params.map((p) => `${py(p.name)}: self.${p.name}`).join(', ')}})`,
    '        return config',
  );
  return lines.join('\n');
}
