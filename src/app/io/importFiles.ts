/**
 * Import model files into the app: from the file picker or files dropped on the canvas.
 * On success the model opens as a new project (with its weights); on refusal the current
 * project is untouched and the Issues are shown.
 */
import { customDefs } from '../../engine/custom/kind';
import { importFileSet, type ImportResult } from '../../engine/io/importModel';
import { fileLimit } from '../../engine/io/limits';
import type { Issue } from '../../engine/issues';
import { projectKeyOf } from '../custom/approval';
import { useSession, openAsNewProject } from '../projects/session';
import { useDocument } from '../store/document';
import { openWeights, saveWeights } from '../training/weightStore';
import { create } from 'zustand';

export interface ImportState {
  busy: boolean;
  /** Issues of the last import (errors when refused, warnings when imported). */
  issues: Issue[];
  last: { files: string[]; ok: boolean } | null;
}
export const useImport = create<ImportState>()(() => ({ busy: false, issues: [], last: null }));

/** Files the importer reads: model.json + .bin, Keras .json, .keras, legacy .h5. */
export const isModelFile = (name: string) => /\.(json|bin|keras|h5|hdf5)$/i.test(name);

export async function importFiles(files: File[]): Promise<ImportResult> {
  useImport.setState({ busy: true, issues: [] });
  try {
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: f.size > fileLimit(f.name) ? ({ byteLength: f.size } as Uint8Array) : new Uint8Array(await f.arrayBuffer()) })));
    // Custom classes the open project defines map to its definitions; others are refused by name.
    const custom = customDefs(useDocument.getState().doc);
    const r = await importFileSet(read, async (f, classes, paramsOf) => (await import('../../engine/io/kerasFile')).readKerasFile(f.bytes, f.name, classes, paramsOf), custom);
    if (r.ok) {
      await openAsNewProject(r.doc);
      if (r.weights) {
        await openWeights(projectKeyOf(useSession.getState().currentId, useDocument.getState().doc));
        await saveWeights(r.weights, 0);
      }
    }
    useImport.setState({ issues: r.issues, last: { files: files.map((f) => f.name), ok: r.ok } });
    return r;
  } finally {
    useImport.setState({ busy: false });
  }
}
