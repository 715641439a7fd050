/**
 * Keras safe_mode, done before anything builds from the file (only the graph pre-check, which
 * reads names and references, comes first): code-carrying or foreign objects are refused, never evaluated. Walks every object of the parsed JSON without recursion.
 * Custom classes the project defines are let through by class name (as Keras' custom_objects):
 * they map to the project's own definition, so nothing from the file runs.
 */
import { issue, type Issue } from '../issues';

/** Classes that carry code or wrap foreign runtimes. */
const CODE_CLASSES: Record<string, string> = {
  Lambda: 'a Lambda layer carries Python code',
  __lambda__: 'a serialized Python lambda is code',
  TFSMLayer: 'TFSMLayer wraps a TensorFlow SavedModel (arbitrary graph code)',
  TorchModuleWrapper: 'TorchModuleWrapper wraps a PyTorch module (arbitrary code)',
  JaxLayer: 'JaxLayer wraps a JAX function (arbitrary code)',
  FlaxLayer: 'FlaxLayer wraps a Flax module (arbitrary code)',
  function: 'a serialized Python function is code',
};

const KERAS_MODULE = /^(tf\.|tensorflow\.)?keras(\.[A-Za-z_][A-Za-z_0-9]*)*$/;

export function unsafeObjects(root: unknown, file: string, projectClasses: ReadonlySet<string> = new Set()): Issue[] {
  const out: Issue[] = [];
  const stack: unknown[] = [root];
  while (stack.length && out.length < 5) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object') stack.push(x);
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const cls = typeof o.class_name === 'string' ? o.class_name : null;
    const name = typeof o.name === 'string' ? ` "${o.name}"` : '';
    if (cls && Object.hasOwn(CODE_CLASSES, cls)) {
      out.push(issue('unsafe', `${file}: ${cls}${name} refused — ${CODE_CLASSES[cls]}; Layerflow never runs code from a file`));
      continue;
    }
    const reg = o.registered_name;
    const projectClass = cls !== null && projectClasses.has(cls) && (reg === undefined || reg === null || reg === cls || (typeof reg === 'string' && reg.endsWith(`>${cls}`)));
    if (!projectClass && cls && typeof o.module === 'string' && !KERAS_MODULE.test(o.module)) {
      out.push(issue('unsafe', `${file}: ${cls}${name} comes from module "${o.module}", which is not part of Keras; refused like Keras safe_mode`));
      continue;
    }
    if (!projectClass && cls && typeof reg === 'string' && reg !== cls && (reg.includes('>') || !/^[A-Za-z_][A-Za-z_0-9]*$/.test(reg))) {
      out.push(issue('unsafe', `${file}: ${cls}${name} is the custom object "${reg}"; custom code is refused like Keras safe_mode`));
      continue;
    }
    for (const x of Object.values(o)) if (x && typeof x === 'object') stack.push(x);
  }
  return out;
}
