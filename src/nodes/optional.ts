/** Spec variants: params Keras allows to be None, and a data_format tfjs only runs channels_last. */
import { dataFormat, type ParamValue, type Spec } from './params';

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

/** data_format where tfjs 4.22 gets channels_first wrong at run time: it counts as unsupported there. */
export function channelsLastOnly(): Spec<'channels_last' | 'channels_first'> {
  const base = dataFormat();
  return { ...base, toTfjs: (v) => (v === 'channels_last' ? base.toTfjs(v) : undefined) };
}
