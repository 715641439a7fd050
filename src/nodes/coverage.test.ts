/**
 * The README's "Keras layer coverage" section cannot drift: its supported list is the kind
 * registry, every other class of real Keras 3's keras.layers is listed with a reason, and the
 * counts in the text are the real ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { CELL_CLASSES } from './CellRNN';
import { kerasPython, runKeras } from '../testing/python';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Keras layer coverage'), readme.indexOf('\n## ', readme.indexOf('## Keras layer coverage') + 5));
const supportedLine = section.split('\n').find((l) => l.startsWith('**Supported')) ?? '';
const supported = [...supportedLine.matchAll(/`(\w+)`/g)].map((m) => m[1]);
// The RNN cells are no kinds of their own: they are read, built and written as the cell of an RNN kind.
const cellsLine = section.split('\n').find((l) => l.startsWith('**Supported inside RNN(cell)')) ?? '';
const cells = [...cellsLine.matchAll(/`(\w+)`/g)].map((m) => m[1]);
const rows = [...section.matchAll(/^\| `(\w+)` \| (.*) \|$/gm)].map((m) => ({ name: m[1], why: m[2].trim() }));
// The Op kind (keras.ops functions as nodes) and LayerScale (keras.applications') are no keras.layers classes.
const kinds = Object.keys(KINDS).filter((k) => KINDS[k].category !== 'ops' && !KINDS[k].kerasModule).sort();

describe('README: Keras layer coverage', () => {
  it('lists exactly the registered kinds as supported, with their count', () => {
    expect([...supported].sort()).toEqual(kinds);
    expect(supportedLine).toContain(`**Supported (${kinds.length}):**`);
    expect(section).toContain(`**${kinds.length} of the`);
  });

  it('lists the cells RNN(cell) reads and writes as supported inside it', () => {
    expect([...cells].sort()).toEqual([...CELL_CLASSES].sort());
    expect(cellsLine).toContain(`**Supported inside RNN(cell) (${cells.length}):**`);
    expect(cellsLine).toContain(`**${kinds.length + cells.length} of the`);
  });

  it('gives every unsupported class a reason, and none of them is a kind', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(section).toContain(`**Not supported (${rows.length}):**`);
    for (const r of rows) {
      expect(r.why.length, r.name).toBeGreaterThan(10);
      expect(kinds, r.name).not.toContain(r.name);
      expect(cells, r.name).not.toContain(r.name);
    }
  });

  it.skipIf(!kerasPython)("covers real Keras 3's keras.layers classes, no more and no fewer", () => {
    const out = runKeras(`
import json, keras
names = [n for n in dir(keras.layers) if isinstance(getattr(keras.layers, n), type)]
print(json.dumps({"names": len(names), "classes": sorted({getattr(keras.layers, n).__name__ for n in names}), "exported": {n: getattr(keras.layers, n).__name__ for n in names}, "version": keras.__version__}))`);
    const k = JSON.parse(out.trim().split('\n').at(-1)!) as { names: number; classes: string[]; exported: Record<string, string>; version: string };
    // A kind is named as Keras writes it in files, which can be an exported alias (GroupQueryAttention → GroupedQueryAttention).
    expect([...supported.map((n) => k.exported[n] ?? n), ...cells, ...rows.map((r) => r.name)].sort()).toEqual(k.classes);
    expect(section).toContain(`Keras ${k.version}'s \`keras.layers\` exposes ${k.names} class names: ${k.classes.length} distinct classes`);
    expect(section).toContain(`of the ${k.classes.length} classes are layer kinds here`);
  });
});
