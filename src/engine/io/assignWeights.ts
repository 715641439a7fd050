/**
 * Named tensors (from a weightsManifest or a .h5) → the project's WeightSet. A tensor belongs to
 * the layer whose file name is the leftmost path segment it carries, whatever prefixes the
 * converter added ("model/dense/kernel:0", "dense/kernel"); within a layer, tensors match the
 * kind's weights by variable name when the names say it, else by order; shapes must agree.
 */
import type { FullAnalysis } from '../analyze';
import type { LayerId, ProjectDoc } from '../doc';
import { issue, type Issue } from '../issues';
import type { WeightSet } from '../weights';
import { kindsFor } from '../custom/kind';
import type { WeightSpec } from '../../nodes/kind';
import { nonFinite, type NamedTensor } from './weightsFile';

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const clean = (n: string) => n.replace(/:\d+$/, '');

/** The weights each layer expects (Keras order), from the shapes of the call that builds it. */
export function expectedWeights(doc: ProjectDoc, analysis: FullAnalysis): Map<LayerId, WeightSpec[]> {
  const kinds = kindsFor(doc);
  const out = new Map<LayerId, WeightSpec[]>();
  for (const [id, l] of Object.entries(doc.layers)) {
    const shapes = analysis.layers[id]?.buildShapes;
    const kind = kinds[l.kind];
    if (!kind || !shapes) continue;
    out.set(id, kind.weights(shapes, l.params));
  }
  return out;
}

export function assignWeights(
  doc: ProjectDoc,
  analysis: FullAnalysis,
  tensors: readonly NamedTensor[],
  fileNames: ReadonlyMap<LayerId, string>,
): { weights: WeightSet; issues: Issue[] } {
  const issues: Issue[] = [];
  const byName = new Map<string, LayerId>();
  for (const [id, n] of fileNames) if (!byName.has(n)) byName.set(n, id);
  const groups = new Map<LayerId, NamedTensor[]>();
  for (const t of tensors) {
    const segs = clean(t.name).split('/');
    const owner = segs.slice(0, -1).map((s) => byName.get(s)).find((id) => id !== undefined) ?? byName.get(segs[0]);
    if (!owner) {
      issues.push(issue('weights', `the weight "${t.name}" matches no layer of the model`));
      continue;
    }
    groups.set(owner, [...(groups.get(owner) ?? []), t]);
  }
  const expected = expectedWeights(doc, analysis);
  const weights: WeightSet = {};
  for (const [id, specs] of expected) {
    if (specs.length === 0) continue;
    const name = doc.layers[id].name;
    const got = groups.get(id) ?? [];
    if (got.length !== specs.length) {
      issues.push(issue('weights', `layer "${name}" needs ${specs.length} weight(s) (${specs.map((s) => s.name).join(', ')}); the file has ${got.length}${got.length ? ` (${got.map((t) => t.name).join(', ')})` : ''}`, { layerId: id }));
      continue;
    }
    const last = got.map((t) => clean(t.name).split('/').pop()!);
    const byVar = specs.every((s) => last.filter((n) => n === s.name).length === 1);
    const ordered = byVar ? specs.map((s) => got[last.indexOf(s.name)]) : got;
    const list = [];
    for (let i = 0; i < specs.length; i++) {
      const t = ordered[i];
      if (!same(t.shape, specs[i].shape)) {
        issues.push(issue('weights', `layer "${name}": weight ${specs[i].name} should have shape [${specs[i].shape.join(', ')}], the file's "${t.name}" has [${t.shape.join(', ')}]`, { layerId: id }));
        break;
      }
      const bad = nonFinite(t.data);
      if (bad) issues.push(issue('weights', `layer "${name}": weight "${t.name}" holds ${bad} NaN/Infinity value(s)`, { layerId: id }, 'warning'));
      list.push({ shape: [...t.shape], data: t.data });
    }
    if (list.length === specs.length) weights[id] = list;
  }
  for (const id of groups.keys())
    if (!expected.get(id)?.length) issues.push(issue('weights', `the file has weights for "${doc.layers[id].name}", which has none`, { layerId: id }));
  return { weights, issues };
}
