/** Params Keras allows to be None (pool strides, output_padding, ReLU max_value, Dropout noise_shape). */
import type { ParamValue, Spec } from './params';

/** `spec` or None; the default is None, which every target writes as null / None. */
export function orNone<T extends ParamValue>(spec: Spec<T>): Spec<T | null> {
  return {
    ...spec,
    default: null,
    check: (v) => (v === null ? null : spec.check(v)),
    toKeras: (v) => (v === null ? null : spec.toKeras(v)),
    fromKeras: (x) => (x === null ? null : spec.fromKeras(x)),
    // null, not undefined: tfjs reads a null field as "not given" (strides → pool size).
    toTfjs: (v) => (v === null ? null : spec.toTfjs(v)),
    toPython: (v) => (v === null ? 'None' : spec.toPython(v)),
  };
}
