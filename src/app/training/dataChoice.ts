/** Which data the next fit uses: MNIST, synthetic, an uploaded CSV (with its column mapping) or images. */
import { create } from 'zustand';
import type { CsvMapping } from '../../engine/train/data/csv';
import type { DataSpec } from '../../engine/train/protocol';

export type DataKind = DataSpec['kind'];

interface DataChoice {
  kind: DataKind;
  syntheticCount: number;
  csv: { fileName: string; text: string; header: string[] } | null;
  /** CSV column → 'input:<name>' | 'target:<output>' | '' (ignored). */
  csvRoles: Record<string, string>;
  normalize: CsvMapping['normalize'];
  images: { label: string; files: { path: string; bytes: ArrayBuffer }[] } | null;
}

export const useDataChoice = create<DataChoice>()(() => ({ kind: 'mnist', syntheticCount: 1280, csv: null, csvRoles: {}, normalize: 'minmax', images: null }));

/** The header row of a CSV (first line only: the rest is parsed in the worker). */
export function csvHeader(text: string): string[] {
  const line = text.slice(0, text.search(/\r?\n|$/));
  return line.split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
}

/** The DataSpec for the worker, or null when the chosen source has nothing loaded yet. */
export function dataSpec(c: DataChoice): DataSpec | null {
  if (c.kind === 'mnist') return { kind: 'mnist' };
  if (c.kind === 'synthetic') return { kind: 'synthetic', count: c.syntheticCount };
  if (c.kind === 'csv') {
    if (!c.csv) return null;
    const mapping: CsvMapping = { inputs: {}, targets: {}, normalize: c.normalize, testFraction: 0.2 };
    for (const col of c.csv.header) {
      const role = c.csvRoles[col] ?? '';
      if (role.startsWith('input:')) (mapping.inputs[role.slice(6)] ??= []).push(col);
      else if (role.startsWith('target:')) mapping.targets[role.slice(7)] = col;
    }
    return { kind: 'csv', text: c.csv.text, mapping };
  }
  return c.images ? { kind: 'images', files: c.images.files } : null;
}
