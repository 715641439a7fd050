/**
 * Codecs of the wrapped layer of a wrapper kind (Bidirectional, TimeDistributed). The wrapped
 * layer is stored as {kind, params} (params may omit defaults); this module turns it into the
 * Keras nested config {module, class_name, config}, the Python `layers.LSTM(64, ...)` argument,
 * and the tfjs layer object the wrapper's factory takes.
 */
import { buildTfjs, checkKindParams, fillParams, kerasParams, paramsFromKeras, pythonCall, type LayerKind, type Tf, type TfLayer } from './kind';
import { wrapped, type Params, type Spec, type WrappedLayer } from './params';

export type KindLookup = () => Readonly<Record<string, LayerKind>>;

/** The wrapped layer's kind and its params with defaults filled in. */
export function inner(v: WrappedLayer, kinds: KindLookup): { kind: LayerKind; params: Params } {
  const kind = kinds()[v.kind];
  return { kind, params: fillParams(kind, v.params) };
}

/**
 * The `layer` param of a wrapper. `allowed` is read lazily (TimeDistributed wraps kinds from
 * the full map, which imports the wrapper itself), so the map is never touched at import time.
 */
export function wrappedLayer(allowed: () => readonly string[], dflt: WrappedLayer, kinds: KindLookup, doc: string): Spec<WrappedLayer> {
  const base = wrapped([], dflt, { doc });
  return {
    ...base,
    get options() {
      return allowed();
    },
    check(v) {
      const w = v as WrappedLayer | null;
      const ok = allowed();
      if (!w || typeof w !== 'object' || Array.isArray(w) || !ok.includes(w.kind))
        return `must wrap one of ${ok.join(', ')}, got ${w && typeof w === 'object' ? JSON.stringify(w.kind) : JSON.stringify(v)}`;
      if (!w.params || typeof w.params !== 'object') return `params of the wrapped ${w.kind} must be an object`;
      const { kind, params } = inner(w, kinds);
      const bad = checkKindParams(kind, params);
      return bad.length ? `wraps a layer with invalid params: ${bad.map((b) => b.message).join('; ')}` : null;
    },
    toKeras(v) {
      const { kind, params } = inner(v, kinds);
      return { module: 'keras.layers', class_name: kind.kind, config: kerasParams(kind, params), registered_name: null };
    },
    fromKeras(x) {
      const cls = (x as { class_name?: unknown } | null)?.class_name;
      const config = (x as { config?: unknown } | null)?.config;
      if (typeof cls !== 'string' || !allowed().includes(cls) || !config || typeof config !== 'object') return undefined;
      const { params, problems } = paramsFromKeras(kinds()[cls], config as Record<string, unknown>);
      return problems.length ? undefined : { kind: cls, params };
    },
    toPython(v) {
      const { kind, params } = inner(v, kinds);
      return pythonCall(kind, params);
    },
  };
}

/** The tfjs layer of the wrapped layer, or why tfjs 4.22 cannot build it. */
export function buildInner(v: WrappedLayer, name: string, tf: Tf, kinds: KindLookup): TfLayer | { unsupported: string } {
  const { kind, params } = inner(v, kinds);
  return buildTfjs(kind, params, name, tf);
}

