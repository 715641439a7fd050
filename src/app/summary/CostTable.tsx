/**
 * Beside Keras' summary text (which stays Keras' own): what each layer call of the active model
 * costs per sample — FLOPs, activation (output tensor) bytes, weight bytes — and the totals.
 */
import { useMemo } from 'react';
import type { Analysis } from '../../engine/analysisTypes';
import { compactNumber, formatBytes, modelCost } from '../../engine/cost';
import type { ModelId, ProjectDoc } from '../../engine/doc';
import { kindsOf } from '../store/kinds';
import { t } from '../i18n';

const fmt = new Intl.NumberFormat('en-US').format;

function Value({ n, bytes }: { n: number | null; bytes?: boolean }) {
  if (n === null) return <>{t('editor.node.unknown')}</>;
  return <span title={`${fmt(n)}${bytes ? ' B' : ''}`}>{bytes ? formatBytes(n) : compactNumber(n)}</span>;
}

export function CostTable({ doc, modelId, analysis }: { doc: ProjectDoc; modelId: ModelId; analysis: Analysis }) {
  const cost = useMemo(() => modelCost(doc, analysis, kindsOf(doc), modelId), [doc.layers, doc.models, analysis, modelId]);
  const model = doc.models[modelId];
  if (!cost || !model) return null;
  // Calls in topological order (the ones that feed an output: the model's own).
  const rows = analysis.models[modelId].order.filter((id) => cost.nodes[id]).map((nodeId) => {
    const c = cost.nodes[nodeId];
    const call = model.nodes.find((n) => n.id === nodeId)!.call;
    const [name, kind] = 'layer' in call ? [doc.layers[call.layer].name, doc.layers[call.layer].kind] : [doc.models[call.model].name, 'Functional'];
    return { nodeId, name, kind, c };
  });
  const partial = (complete: boolean) => (complete ? '' : '≥ ');
  return (
    <section className="lf-cost" data-testid="cost-table">
      <h4>{t('editor.cost.title')}</h4>
      <table>
        <thead>
          <tr>
            <th>{t('editor.cost.layer')}</th>
            <th>{t('editor.cost.flops')}</th>
            <th>{t('editor.cost.act')}</th>
            <th>{t('editor.cost.weights')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.nodeId} data-testid={`cost-row-${r.name}`}>
              <td>
                {r.name} <span className="lf-cost-kind">({r.kind})</span>
              </td>
              <td data-testid="cost-flops"><Value n={r.c.flops} /></td>
              <td data-testid="cost-act"><Value n={r.c.activationBytes} bytes /></td>
              <td data-testid="cost-weights"><Value n={r.c.weightBytes} bytes /></td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="cost-total">
            <th>{t('editor.cost.total')}</th>
            <td data-testid="cost-flops" title={fmt(cost.flops.value)}>{partial(cost.flops.complete)}{compactNumber(cost.flops.value)}</td>
            <td data-testid="cost-act" title={`${fmt(cost.activationBytes.value)} B`}>{partial(cost.activationBytes.complete)}{formatBytes(cost.activationBytes.value)}</td>
            <td data-testid="cost-weights" title={`${fmt(cost.weightBytes)} B`}>{formatBytes(cost.weightBytes)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="lf-cost-note">{t('editor.cost.note')}</p>
    </section>
  );
}
