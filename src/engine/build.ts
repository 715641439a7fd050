/**
 * A Keras-like way to write projects in code — templates, tests and importers use it:
 *
 *   const b = new ProjectBuilder('mnist_model');
 *   const inputs = b.input([784]);
 *   let x = b.layer('Dense', { units: 64, activation: 'relu' }).call(inputs);
 *   const outputs = b.layer('Dense', { units: 10 }).call(x);
 *   b.model('mnist_model', [inputs], [outputs]);
 *   const doc = b.build();
 *
 * As in Keras, calls form one graph; `model(name, inputs, outputs)` takes the part of it
 * between inputs and outputs, so two models can share one layer graph (the seed's
 * encoder/autoencoder). Calling a layer object twice makes a shared layer; `callModel`
 * nests a model.
 */
import { DOC_VERSION, type CallNode, type Edge, type LayerDef, type ModelDef, type ProjectDoc } from './doc';
import { defaultLayerName } from './names';
import { layeredLayout } from './layout';
import { KINDS, type KindMap } from '../nodes';
import type { CustomLayerDef } from './custom/definition';
import { customKind } from './custom/kind';
import { withDefaults } from '../nodes/params';

/** A symbolic tensor: output `output` of call `call`. */
export interface Sym {
  readonly call: number;
  readonly output: number;
}

interface CallRec {
  target: { layer: string } | { model: string };
  args: Sym[];
  isInput: boolean;
}

export interface LayerHandle {
  readonly id: string;
  readonly name: string;
  /** Call the layer on inputs; returns its first output. */
  call(...inputs: Sym[]): Sym;
}

export class ProjectBuilder {
  private layers: Record<string, LayerDef> = {};
  private models: Record<string, ModelDef> = {};
  private calls: CallRec[] = [];
  private names = new Set<string>();
  private custom: Record<string, CustomLayerDef> = {};
  private nextId = 1;

  constructor(
    private projectName: string,
    private kinds: KindMap = KINDS,
  ) {}

  private id(prefix: string) {
    return `${prefix}${this.nextId++}`;
  }

  /** Define a custom layer class in the project; `layer(def.className, ...)` then makes instances of it. */
  defineCustom(def: CustomLayerDef): void {
    this.custom[def.className] = def;
    this.kinds = { ...this.kinds, [def.className]: customKind(def) };
  }

  /** Create a layer (not yet called). Params not given take the kind's defaults. */
  layer(kind: string, params: Record<string, unknown> = {}, name?: string, trainable = true): LayerHandle {
    const k = this.kinds[kind];
    const id = this.id('l');
    const layerName = name ?? defaultLayerName(kind, this.names);
    this.names.add(layerName);
    this.layers[id] = { id, kind, name: layerName, params: k ? withDefaults(k.params, params) : (params as LayerDef['params']), trainable };
    return {
      id,
      name: layerName,
      call: (...inputs: Sym[]) => this.record({ layer: id }, inputs, kind === 'InputLayer'),
    };
  }

  /** keras.Input(shape=..., name=..., dtype=..., batch_size=...). */
  input(shape: (number | null)[], opts: { name?: string; dtype?: string; batch_size?: number | null } = {}): Sym {
    const { name, ...rest } = opts;
    return this.layer('InputLayer', { shape, ...rest }, name).call();
  }

  /** Output i of the call that produced `s` (LSTM return_state: 1 = h, 2 = c). */
  out(s: Sym, output: number): Sym {
    return { call: s.call, output };
  }

  /** Call a model of this project on inputs, like a layer. */
  callModel(modelId: string, ...inputs: Sym[]): Sym {
    return this.record({ model: modelId }, inputs, false);
  }

  private record(target: CallRec['target'], args: Sym[], isInput: boolean): Sym {
    this.calls.push({ target, args, isInput });
    return { call: this.calls.length - 1, output: 0 };
  }

  /** keras.Model(inputs, outputs, name): the calls between them become this model's nodes. Returns the model id. */
  model(name: string, inputs: Sym[], outputs: Sym[]): string {
    const inputCalls = new Set(inputs.map((s) => s.call));
    const order: number[] = [];
    const seen = new Set<number>();
    const visit = (c: number) => {
      if (seen.has(c)) return;
      seen.add(c);
      if (!inputCalls.has(c)) for (const a of this.calls[c].args) visit(a.call);
      order.push(c);
    };
    // Inputs first, in the order given: a model's inputs are its InputLayer nodes in node order.
    for (const s of inputs) visit(s.call);
    for (const s of outputs) visit(s.call);
    const id = this.id('m');
    const nodeOf = new Map<number, string>();
    const nodes: CallNode[] = order.map((c) => {
      const nid = `${id}n${c}`;
      nodeOf.set(c, nid);
      return { id: nid, call: this.calls[c].target, x: 0, y: 0 };
    });
    const edges: Edge[] = [];
    for (const c of order) {
      if (inputCalls.has(c)) continue;
      this.calls[c].args.forEach((a, i) =>
        edges.push({ id: `${nodeOf.get(c)}e${i}`, from: { node: nodeOf.get(a.call)!, output: a.output }, to: { node: nodeOf.get(c)!, input: i } }),
      );
    }
    const outs = outputs.map((s) => ({ node: nodeOf.get(s.call)!, output: s.output }));
    this.models[id] = layeredLayout({ id, name, nodes, edges, outputs: outs });
    return id;
  }

  /** The project; `main` defaults to the last model declared. */
  build(main?: string): ProjectDoc {
    const ids = Object.keys(this.models);
    const mainId = main ? (this.models[main] ? main : ids.find((m) => this.models[m].name === main)) : ids.at(-1);
    if (!mainId) throw new Error(`ProjectBuilder: no model ${main ?? ''} declared`); // programming error, not user input
    const doc: ProjectDoc = { version: DOC_VERSION, name: this.projectName, layers: this.layers, models: this.models, main: mainId };
    return Object.keys(this.custom).length ? { ...doc, custom: { ...this.custom } } : doc;
  }
}
