/**
 * Operation entries of a Functional config → Op layers: Keras 3 saves `x + 3.0`, `x * y`,
 * `ops.relu6(x)` as classes of keras.src.ops.numpy / .nn (`Add`, `Multiply`, `Relu6` …) whose
 * call holds the scalar; tf.keras 2 saves them as `TFOpLambda` layers naming a TF function
 * ("__operators__.add", "math.multiply", "nn.relu6") with the other operand in the call kwargs.
 * Both read into the one Op kind; an op Layerflow has no formula for is refused by name.
 */
import { OP_NAMES, OPS, opOfKerasClass, type OpName } from '../../nodes/Op';
import { refuse, type KLayer, type TensorRef } from './kerasGraph';
import { kerasTensor, keras3Node, listRef, type LayerEntry } from './schemas';

/** TF function names tf.keras 2 writes in a TFOpLambda's config.function. */
const TF_FUNCTIONS: Readonly<Record<string, OpName>> = {
  '__operators__.add': 'add', 'math.add': 'add',
  '__operators__.sub': 'subtract', 'math.subtract': 'subtract',
  '__operators__.mul': 'multiply', 'math.multiply': 'multiply',
  '__operators__.truediv': 'true_divide', 'math.truediv': 'true_divide', 'math.divide': 'divide',
  'math.maximum': 'maximum', 'math.minimum': 'minimum',
  '__operators__.pow': 'power', 'math.pow': 'power',
  '__operators__.neg': 'negative', 'math.negative': 'negative', 'math.abs': 'absolute',
  'math.square': 'square', 'math.sqrt': 'sqrt', 'math.exp': 'exp', 'math.log': 'log',
  'math.tanh': 'tanh', 'nn.tanh': 'tanh', 'nn.relu': 'relu', 'nn.relu6': 'relu6',
  'math.sigmoid': 'sigmoid', 'nn.sigmoid': 'sigmoid', 'nn.silu': 'silu', 'nn.swish': 'silu',
};

const KNOWN = `Layerflow models ${OP_NAMES.join(', ')}`;

/**
 * A Keras 3 operation (module keras.src.ops.*) or a tf.keras TFOpLambda. Keras 3's legacy `.h5`
 * writer drops the module: there an operation (MobileNetV3's `x + 3.0`) is an op class whose
 * config holds only its name (a layer's always carries trainable and dtype) and whose Keras 3
 * call passes its operands one by one (a merge layer gets them as one list).
 */
export const isOpEntry = (e: LayerEntry) =>
  e.class_name === 'TFOpLambda' ||
  (typeof e.module === 'string' ? e.module.startsWith('keras.src.ops.') : legacyH5Op(e));

function legacyH5Op(e: LayerEntry): boolean {
  if (opOfKerasClass(e.class_name) === undefined || Array.isArray(e.config) || Object.keys(e.config).some((k) => k !== 'name')) return false;
  const call = keras3Node.safeParse(e.inbound_nodes?.[0]);
  return call.success && Array.isArray(call.data.args) && call.data.args.length > 0 && !Array.isArray(call.data.args[0]);
}

type Operand = TensorRef | number;
const isRef = (o: Operand): o is TensorRef => typeof o !== 'number';

/** The Op layer of an operation entry, or a refusal naming the value. */
export function readOpEntry(e: LayerEntry, lname: string, where: string): KLayer {
  const tfop = e.class_name === 'TFOpLambda';
  const fn = tfop ? (e.config as { function?: unknown }).function : `${e.module ?? 'keras.src.ops'}.${e.class_name}`;
  const op = tfop ? (typeof fn === 'string' && Object.hasOwn(TF_FUNCTIONS, fn) ? TF_FUNCTIONS[fn] : undefined) : opOfKerasClass(e.class_name);
  const what = tfop ? `a TFOpLambda calling tf.${String(fn)}` : `the operation ${fn}`;
  if (!op) refuse(`${where}: layer "${lname}" is ${what}, which Layerflow does not model (${KNOWN}); nothing was imported`);
  let params: { op: OpName; scalar: number; scalar_first: boolean } | undefined;
  const calls = (e.inbound_nodes ?? []).map((n, i) => {
    const at = `${where}: layer "${lname}" call ${i}`;
    const operands = tfop ? legacyOperands(n, at) : keras3Operands(n, at);
    const p = opParams(op!, operands, `${at} (${what})`);
    if (params && JSON.stringify(params) !== JSON.stringify(p)) refuse(`${at}: ${what} is called with another scalar than in call 0; Layerflow keeps one per layer`);
    params = p;
    return operands.filter(isRef);
  });
  return { name: lname, className: 'Op', config: { name: lname, ...(params ?? { op }) }, calls };
}

/** Operands in call order → the Op's params; the arity must be what the op takes. */
function opParams(op: OpName, operands: Operand[], where: string) {
  const refs = operands.filter(isRef).length;
  const bad = (): never => refuse(`${where}: takes ${operands.map((o) => (isRef(o) ? 'a tensor' : String(o))).join(', ')}; keras.ops.${op} in Layerflow takes ${OPS[op].binary ? 'two tensors, or a tensor and a scalar' : 'one tensor'}`);
  if (!OPS[op].binary) return operands.length === 1 && refs === 1 ? { op, scalar: 1, scalar_first: false } : bad();
  if (operands.length !== 2 || refs === 0) bad();
  if (refs === 2) return { op, scalar: 1, scalar_first: false };
  const first = !isRef(operands[0]);
  return { op, scalar: (first ? operands[0] : operands[1]) as number, scalar_first: first };
}

/** Keras 3: {args: [tensor | number, ...], kwargs: {}}. */
function keras3Operands(n: unknown, where: string): Operand[] {
  const r = keras3Node.safeParse(n);
  if (!r.success) refuse(`${where}: unreadable call of an operation`);
  const { args, kwargs } = r.data!;
  if (kwargs && Object.keys(kwargs).length) refuse(`${where}: the operation's keyword arguments ${JSON.stringify(kwargs).slice(0, 80)} are not modelled; nothing was imported`);
  return (Array.isArray(args) ? args : [args]).map((a) => operand(a, where, false));
}

/** tf.keras 2: [[layer, node, tensor, {y: number | [layer, node, tensor], name}]]. */
function legacyOperands(n: unknown, where: string): Operand[] {
  const refs = Array.isArray(n) ? n.map((x) => listRef.safeParse(x)) : [];
  if (!refs.length || refs.some((r) => !r.success)) refuse(`${where}: unreadable call of a TFOpLambda`);
  const out: Operand[] = refs.map((r) => ({ layer: r.data![0], node: r.data![1], tensor: r.data![2] }));
  const kw = { ...((refs[0].data![3] ?? {}) as Record<string, unknown>) };
  delete kw.name;
  if ('y' in kw) out.push(operand(kw.y, where, true));
  delete kw.y;
  if (Object.keys(kw).length) refuse(`${where}: the TFOpLambda arguments ${JSON.stringify(kw).slice(0, 80)} are not modelled; nothing was imported`);
  return out;
}

function operand(a: unknown, where: string, legacy: boolean): Operand {
  if (typeof a === 'number' && Number.isFinite(a)) return a;
  if (legacy) {
    const r = listRef.safeParse(a);
    if (r.success) return { layer: r.data[0], node: r.data[1], tensor: r.data[2] };
  } else {
    const t = kerasTensor.safeParse(a);
    if (t.success) {
      const [layer, node, tensor] = t.data.config.keras_history;
      return { layer, node, tensor };
    }
  }
  return refuse(`${where}: the operation argument ${JSON.stringify(a)?.slice(0, 80)} is neither a tensor nor a number`);
}
