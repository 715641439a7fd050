/**
 * `layerflow import FILE [FILE...] --out project.json`: a model file (tfjs model.json — its .bin
 * files are found next to it by the manifest —, Keras JSON, or .keras) → a Layerflow project.
 * Weights go beside the project as a tfjs model (OUT.weights/model.json + .bin) when the file had them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { importFileSet, type ImportFile } from '../../engine/io/importModel';
import { readKerasFile } from '../../engine/io/kerasFile';
import { exportTfjs } from '../../engine/io/tfjsModel';
import { formatIssues, parseArgs } from '../project';

/** The files a model file needs: itself, plus the .bin files its weightsManifest names. */
export async function readModelFiles(paths: string[]): Promise<ImportFile[] | string> {
  const files: ImportFile[] = [];
  for (const p of paths) {
    try {
      files.push({ name: basename(p), bytes: new Uint8Array(await readFile(p)) });
    } catch (e) {
      return `cannot read ${p}: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  const json = paths.find((p) => p.endsWith('.json'));
  if (json && paths.length === 1) {
    try {
      const manifest = (JSON.parse(new TextDecoder().decode(files[0].bytes)) as { weightsManifest?: { paths?: unknown[] }[] }).weightsManifest ?? [];
      for (const g of manifest)
        for (const bin of g.paths ?? [])
          if (typeof bin === 'string' && !bin.includes('..')) {
            const at = join(dirname(json), basename(bin));
            const bytes = await readFile(at).catch(() => null);
            if (bytes) files.push({ name: basename(bin), bytes: new Uint8Array(bytes) });
          }
    } catch {
      /* not JSON: the importer says so */
    }
  }
  return files;
}

export async function run(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args);
  if (!positional.length || !options.out) {
    console.error('layerflow import: usage: import FILE [FILE...] --out project.json');
    return 1;
  }
  const files = await readModelFiles(positional);
  if (typeof files === 'string') {
    console.error(`layerflow import: ${files}`);
    return 1;
  }
  const r = await importFileSet(files, (f, classes, paramsOf) => readKerasFile(f.bytes, f.name, classes, paramsOf));
  if (!r.ok) {
    console.error(`layerflow import: ${positional.join(', ')} was not imported:\n${r.issues.map((i) => `  ${i.severity} [${i.code}]: ${i.message}`).join('\n')}`);
    return 1;
  }
  if (r.issues.length) console.error(formatIssues(r.doc, r.issues));
  await writeFile(options.out, JSON.stringify(r.doc, null, 1));
  console.log(`wrote ${options.out}: ${Object.keys(r.doc.layers).length} layers, ${Object.keys(r.doc.models).length} model(s)`);
  // A part left behind (weights the file had but that were not loaded or not written) is a failure, not a success with a warning.
  let dropped = r.issues.some((i) => i.code === 'weights');
  if (r.weights) {
    await tf.setBackend('cpu');
    const dir = `${options.out.replace(/\.json$/, '')}.weights`;
    const exp = await exportTfjs(r.doc, r.doc.main, tf, r.weights);
    if (exp.issues.length) {
      console.error(`weights not written:\n${formatIssues(r.doc, exp.issues)}`);
      dropped = true;
    } else {
      await mkdir(dir, { recursive: true });
      for (const f of exp.files) await writeFile(join(dir, f.name), f.bytes);
      console.log(`wrote the weights to ${dir}/ (a tfjs model; import it to get project and weights back)`);
    }
  }
  if (dropped) console.error(`layerflow import: ${positional.join(', ')} was imported without all of its parts (see above)`);
  return dropped ? 1 : 0;
}
