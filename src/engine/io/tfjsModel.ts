/**
 * tfjs layers-model export: model.json (format "layers-model", modelTopology, weightsManifest,
 * trainingConfig) + one weights .bin, written by tfjs's own serializer so tf.loadLayersModel
 * reads it back exactly. Loss weights and from_logits, which tfjs's trainingConfig cannot hold,
 * travel in userDefinedMetadata.layerflow.compile.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { compile } from '../compile';
import { kindsFor } from '../custom/kind';
import { declaredWeightsRuntime } from './customWeights';
import type { CompileConfig, ModelId, ProjectDoc } from '../doc';
import { issue, type Issue } from '../issues';
import type { WeightSet } from '../weights';
import { OPTIMIZERS } from '../train/optimizers';
import { TFJS_LOSS, TFJS_OPTIMIZER } from './trainingConfig';

type Tf = typeof tfNs;

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/** tfjs trainingConfig of a compile config, or null when a loss has no tfjs equivalent. */
export function tfjsTrainingConfig(c: CompileConfig, tf: Tf): Record<string, unknown> | null {
  const loss: Record<string, string> = {};
  for (const [out, l] of Object.entries(c.loss)) {
    const name = TFJS_LOSS[l.name];
    if (!name) return null;
    loss[out] = name;
  }
  const opt = OPTIMIZERS[c.optimizer as keyof typeof OPTIMIZERS];
  if (!opt) return null;
  const o = opt.make(tf, c.learningRate);
  const config = o.getConfig();
  o.dispose();
  return { loss, metrics: [...c.metrics], optimizer_config: { class_name: TFJS_OPTIMIZER[c.optimizer], config } };
}

export async function exportTfjs(doc: ProjectDoc, modelId: ModelId, tf: Tf, weights?: WeightSet): Promise<{ files: ExportFile[]; issues: Issue[] }> {
  // Custom layers as declared (weights, shapes, config) without running their code: saving never calls them.
  const built = compile(doc, modelId, tf, { weights, kinds: kindsFor(doc, declaredWeightsRuntime) });
  if (!built.model) return { files: [], issues: built.issues.length ? built.issues : [issue('unsupported-tfjs', `model "${doc.models[modelId]?.name}" cannot be built in tfjs`)] };
  const model = built.model;
  try {
    let artifacts: tfNs.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = artifacts as unknown as tfNs.io.ModelArtifacts;
    const data = a.weightData === undefined ? new ArrayBuffer(0) : Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : a.weightData;
    const c = doc.models[modelId].compile;
    const json: Record<string, unknown> = {
      format: 'layers-model',
      generatedBy: `Layerflow (TensorFlow.js tfjs-layers v${tf.version.tfjs})`,
      convertedBy: null,
      modelTopology: a.modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs ?? [] }],
    };
    if (c) {
      const tc = tfjsTrainingConfig(c, tf);
      if (tc) json.trainingConfig = tc;
      json.userDefinedMetadata = { layerflow: { compile: c } };
    }
    return {
      files: [
        { name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) },
        { name: WEIGHTS_FILE, bytes: new Uint8Array(data) },
      ],
      issues: [],
    };
  } finally {
    disposeModel(model, built.layers);
  }
}

function disposeModel(model: tfNs.LayersModel, layers: Map<string, tfNs.layers.Layer>) {
  try {
    model.dispose();
  } catch {
    for (const l of layers.values()) for (const w of l.weights) w.dispose();
  }
}
