/**
 * Import a model file: tfjs model.json (JS-saved or converter-written, with its .bin weights),
 * or Keras JSON (model.to_json(), a .keras file's config.json). Never throws; on any refusal
 * returns Issues and no document, so the caller's project stays untouched.
 */
import { analyze } from '../analyze';
import type { CustomLayerDef } from '../custom/definition';
import { isLayerCall, parseProject, type ProjectDoc } from '../doc';
import { hasErrors, issue, type Issue } from '../issues';
import type { WeightSet } from '../weights';
import { assignWeights } from './assignWeights';
import { MODEL_CLASSES, readModel, Refusal } from './kerasGraph';
import { precheckGraph } from './graphPrecheck';
import { LIMITS, fileLimit, fmtBytes } from './limits';
import { parseJsonBytes } from './safeJson';
import { unsafeObjects } from './safety';
import { modelJson, zodMessage } from './schemas';
import { toProject } from './toProject';
import { compileConfigSchema, compileFromFile } from './trainingConfig';
import { readWeightFiles, type NamedTensor } from './weightsFile';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export type ImportResult =
  | { ok: true; doc: ProjectDoc; weights: WeightSet | null; issues: Issue[] }
  | { ok: false; issues: Issue[] };

const fail = (issues: Issue[]): ImportResult => ({ ok: false, issues });
const stem = (file: string) => file.replace(/^.*[\\/]/, '').replace(/\.(json|keras|h5|hdf5)$/i, '') || 'imported';

/** Where the weights come from: a manifest + .bin files, or tensors already read (a .keras file). */
export type WeightSource = { bins: ReadonlyMap<string, Uint8Array> } | { tensors: NamedTensor[] } | null;

/** Custom layer definitions of the project importing the file, by class name: file layers of those classes map to them. */
export type ProjectClasses = Readonly<Record<string, CustomLayerDef>>;

/** Import an already-parsed model JSON value. */
export function importModelValue(value: unknown, file: string, weights: WeightSource = null, custom: ProjectClasses = {}): ImportResult {
  try {
    return importUnsafe(value, file, weights, custom);
  } catch (e) {
    if (e instanceof Refusal) return fail(e.issues);
    return fail([issue('invalid-file', `${file} could not be read: ${e instanceof Error ? e.message : String(e)}`)]);
  }
}

function importUnsafe(value: unknown, file: string, source: WeightSource, custom: ProjectClasses): ImportResult {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail([issue('invalid-file', `${file} is not a model file: expected a JSON object`)]);
  // The graph pre-check first: it only reads names and references, and it is the cheapest refusal.
  precheckGraph(value);
  const unsafe = unsafeObjects(value, file, new Set(Object.keys(custom)));
  if (unsafe.length) return fail(unsafe);
  const o = value as Record<string, unknown>;
  let topology: unknown;
  let training: unknown;
  let manifest = null;
  let metadata: unknown;
  if ('modelTopology' in o) {
    const r = modelJson.safeParse(o);
    if (!r.success) return fail([issue('invalid-file', zodMessage(r.error, file))]);
    const mt = r.data.modelTopology;
    topology = 'model_config' in mt ? mt.model_config : mt;
    training = r.data.trainingConfig ?? mt.training_config;
    manifest = r.data.weightsManifest ?? null;
    metadata = (o.userDefinedMetadata as { layerflow?: { compile?: unknown } } | undefined)?.layerflow?.compile;
  } else if (typeof o.class_name === 'string') {
    topology = o;
    training = o.compile_config ?? o.training_config;
  } else return fail([issue('invalid-file', `${file} is not a model file: it has neither "modelTopology" nor "class_name"`)]);
  const cls = (topology as { class_name?: unknown } | null)?.class_name;
  if (typeof cls !== 'string' || !MODEL_CLASSES.has(cls))
    return fail([issue('invalid-file', `${file}: the top-level object is ${typeof cls === 'string' ? `a "${cls}"` : 'not a Keras object'}, not a Functional, Model or Sequential model`)]);

  const warnings: string[] = [];
  const model = readModel(topology, file, warnings);
  const graph = toProject(model, stem(file) === 'model' ? model.name : stem(file), warnings, custom);
  let doc = graph.doc;
  const analysis = analyze(doc);
  const main = analysis.models[doc.main];
  let params = 0;
  for (const l of Object.values(analysis.layers)) params += l.params.trainable + l.params.nonTrainable;
  if (params * 4 > LIMITS.paramBytes)
    return fail([issue('invalid-file', `${file}: the model has ${params.toLocaleString('en')} parameters (${fmtBytes(params * 4)}); more than ${fmtBytes(LIMITS.paramBytes)} is refused`)]);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length) return fail(errors.slice(0, 8).map((i) => issue('invalid-file', `${file}: ${i.message}`)));

  // Compile settings: our own metadata when valid, else the file's training config.
  const mainModel = doc.models[doc.main];
  const outNames = main.outputs.map((p) => {
    const n = mainModel.nodes.find((x) => x.id === p.node)!;
    return isLayerCall(n.call) ? doc.layers[n.call.layer].name : doc.models[n.call.model].name;
  });
  const own = compileConfigSchema.safeParse(metadata);
  const compile = own.success ? own.data : compileFromFile(training, outNames, warnings);
  if (compile) doc = { ...doc, models: { ...doc.models, [doc.main]: { ...mainModel, compile } } };

  const issues: Issue[] = warnings.map((w) => issue('invalid-file', w, {}, 'warning'));
  let weights: WeightSet | null = null;
  let tensors: NamedTensor[] | null = null;
  if (source && 'tensors' in source) tensors = source.tensors;
  else if (manifest) {
    const read = readWeightFiles(manifest, source?.bins ?? new Map());
    issues.push(...read.issues);
    if (hasErrors(read.issues)) return fail(read.issues);
    tensors = read.tensors;
  }
  if (tensors) {
    const a = assignWeights(doc, analysis, tensors, graph.fileNames);
    if (hasErrors(a.issues)) return fail(a.issues);
    issues.push(...a.issues);
    weights = a.weights;
  }
  const check = parseProject(doc);
  if (!check.doc) return fail([issue('invalid-file', `${file}: the imported project is not valid: ${check.errors.join('; ')}`)]);
  return { ok: true, doc, weights, issues };
}

/** Parameters of the model a config describes (imported without weights), or null when it is refused. */
function paramCount(config: unknown, file: string, custom: ProjectClasses): number | null {
  const r = importModelValue(config, file, null, custom);
  if (!r.ok) return null;
  return Object.values(analyze(r.doc).layers).reduce((n, l) => n + l.params.trainable + l.params.nonTrainable, 0);
}

/**
 * Import the files a user picked or dropped: one model.json (+ its .bin files), a Keras JSON,
 * a .keras archive or a legacy .h5 model file (read by the caller-provided reader, which needs h5wasm).
 */
export async function importFileSet(
  files: readonly ImportFile[],
  readKeras?: (f: ImportFile, projectClasses: readonly string[], paramsOf: (config: unknown) => number | null) => Promise<{ config: unknown; tensors: NamedTensor[] } | { issues: Issue[] }>,
  custom: ProjectClasses = {},
): Promise<ImportResult> {
  for (const f of files)
    if (f.bytes.byteLength > fileLimit(f.name)) return fail([issue('invalid-file', `${f.name} is ${fmtBytes(f.bytes.byteLength)}; files of its kind over ${fmtBytes(fileLimit(f.name))} are refused`)]);
  const keras = files.find((f) => /\.(keras|h5|hdf5)$/i.test(f.name));
  if (keras) {
    if (!readKeras) return fail([issue('invalid-file', `${keras.name}: .keras files cannot be read here`)]);
    const r = await readKeras(keras, Object.keys(custom), (config) => paramCount(config, keras.name, custom));
    if ('issues' in r) return fail(r.issues);
    const imported = importModelValue(r.config, keras.name, { tensors: r.tensors }, custom);
    // Name the part of the archive each issue is about.
    const part = (i: Issue): Issue => {
      if (/^\S+\.keras\/|\.keras is /.test(i.message)) return i;
      const bare = i.message.startsWith(`${keras.name}: `) ? i.message.slice(keras.name.length + 2) : i.message;
      return { ...i, message: `${keras.name}/${i.code === 'weights' ? 'model.weights.h5' : 'config.json'}: ${bare}` };
    };
    return imported.ok ? { ...imported, issues: imported.issues.map(part) } : fail(imported.issues.map(part));
  }
  const jsons = files.filter((f) => /\.json$/i.test(f.name));
  if (jsons.length !== 1)
    return fail([issue('invalid-file', jsons.length ? `choose one model file at a time, got ${jsons.map((f) => f.name).join(', ')}` : `no model file among ${files.map((f) => f.name).join(', ') || 'the files'}: choose a model.json (with its .bin files), a Keras .json or a .keras file`)]);
  const parsed = parseJsonBytes(jsons[0].bytes, jsons[0].name);
  if (!parsed.ok) return fail(parsed.issues);
  const bins = new Map(files.filter((f) => f !== jsons[0]).map((f) => [f.name.replace(/^.*[\\/]/, ''), f.bytes] as const));
  return importModelValue(parsed.value, jsons[0].name, { bins }, custom);
}
