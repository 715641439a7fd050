/**
 * `layerflow export FILE|template:NAME --format tfjs|keras3|keras2|keras|python [--distribute] [--model NAME] --out DIR`.
 * FILE is a project file, or a model file (model.json / .keras), which is imported with its weights first.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ProjectDoc } from '../../engine/doc';
import type { WeightSet } from '../../engine/weights';
import { EXPORT_FORMATS, exportModel, type ExportFormat } from '../../engine/io/exportFormats';
import { importFileSet } from '../../engine/io/importModel';
import { readKerasFile } from '../../engine/io/kerasFile';
import { formatIssues, loadProject, parseArgs, pickModel } from '../project';
import { readModelFiles } from './import';

async function load(source: string | undefined): Promise<{ doc: ProjectDoc; weights?: WeightSet } | string> {
  const loaded = await loadProject(source);
  if (loaded.doc) return { doc: loaded.doc };
  if (!source || !/\.(json|keras)$/i.test(source)) return loaded.error;
  const files = await readModelFiles([source]);
  if (typeof files === 'string') return files;
  const r = await importFileSet(files, (f, classes, paramsOf) => readKerasFile(f.bytes, f.name, classes, paramsOf));
  if (!r.ok) return `${loaded.error}\nnor a model file:\n${r.issues.map((i) => `  [${i.code}] ${i.message}`).join('\n')}`;
  return { doc: r.doc, weights: r.weights ?? undefined };
}

export async function run(args: string[]): Promise<number> {
  const distribute = args.includes('--distribute');
  const approveCode = args.includes('--approve-code');
  const { positional, options } = parseArgs(args.filter((a) => a !== '--distribute' && a !== '--approve-code'));
  const format = options.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format) || !options.out) {
    console.error(`layerflow export: usage: export FILE|template:NAME --format ${EXPORT_FORMATS.join('|')} --out DIR [--distribute] [--approve-code] [--model NAME]`);
    return 1;
  }
  const loaded = await load(positional[0]);
  if (typeof loaded === 'string') {
    console.error(`layerflow export: ${loaded}`);
    return 1;
  }
  const picked = pickModel(loaded.doc, options.model);
  if (picked.error !== undefined) {
    console.error(`layerflow export: ${picked.error}`);
    return 1;
  }
  // A project's Python code goes into the script only when the user says so (as the app asks for approval).
  const custom = Object.keys(loaded.doc.custom ?? {});
  if (format === 'python' && custom.length)
    console.error(approveCode ? `layerflow export: including the Python code of ${custom.join(', ')} (--approve-code)` : `layerflow export: the Python code of ${custom.join(', ')} is left out (its call raises); review it and pass --approve-code to include it`);
  await tf.setBackend('cpu');
  const r = await exportModel(loaded.doc, picked.id, format, tf, { weights: loaded.weights, distribute, approvedPython: approveCode ? custom : [] });
  if (r.issues.length) {
    console.error(`layerflow export: not exported:\n${formatIssues(loaded.doc, r.issues)}`);
    return 1;
  }
  await mkdir(options.out, { recursive: true });
  for (const f of r.files) {
    await writeFile(join(options.out, f.name), f.bytes);
    console.log(`wrote ${join(options.out, f.name)} (${f.bytes.byteLength} bytes)`);
  }
  return 0;
}
