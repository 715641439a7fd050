/**
 * Feature extraction: pick intermediate outputs of the active model (or all layers), create a
 * model with those outputs over the same layers, and run it once on a random input to show
 * each output's shape.
 */
import { useMemo, useState } from 'react';
import { analysisOf } from '../store/analysis';
import { addFeatureModel, allOutputs } from '../../engine/io/featureModel';
import { isLayerCall, type Port } from '../../engine/doc';
import { fmtShape } from '../../engine/shape';
import type { Issue } from '../../engine/issues';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { projectWeights } from '../training/weightStore';
import { IssueList } from './IoPanel';

const key = (p: Port) => `${p.node}:${p.output}`;

export function FeatureExtraction() {
  const doc = useDocument((s) => s.doc);
  const activeModel = useDocument((s) => s.activeModel);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<{ model: string; shapes: string[] } | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);

  const ports = useMemo(() => {
    if (!doc.models[activeModel] || analysisOf(doc).models[activeModel]?.issues.some((i) => i.severity === 'error')) return [];
    return allOutputs(doc, activeModel).map((p) => {
      const n = doc.models[activeModel].nodes.find((x) => x.id === p.node)!;
      const name = isLayerCall(n.call) ? doc.layers[n.call.layer].name : doc.models[n.call.model].name;
      const shape = analysisOf(doc).models[activeModel].nodes[p.node]?.outputShapes[p.output];
      return { port: p, label: p.output ? `${name}[${p.output}]` : name, shape: shape ? fmtShape(shape) : '?' };
    });
  }, [doc, activeModel]);

  const create = async (which: Port[]) => {
    setBusy(true);
    setIssues([]);
    setResult(null);
    try {
      const { doc: next, modelId } = addFeatureModel(doc, activeModel, which);
      const tf = await import('@tensorflow/tfjs');
      if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
      const { compile } = await import('../../engine/compile');
      const built = compile(next, modelId, tf, { weights: projectWeights() ?? undefined });
      if (!built.model) {
        setIssues(built.issues);
        return;
      }
      const xs = built.model.inputs.map((i) => tf.randomNormal(i.shape.map((d) => d ?? 1)));
      const ys = built.model.predict(xs.length === 1 ? xs[0] : xs);
      const shapes = (Array.isArray(ys) ? ys : [ys]).map((y) => fmtShape(y.shape));
      tf.dispose([...xs, ...(Array.isArray(ys) ? ys : [ys])]);
      built.model.dispose();
      useDocument.getState().change(() => next);
      setResult({ model: next.models[modelId].name, shapes });
    } catch (e) {
      setIssues([{ code: 'unsupported-tfjs', severity: 'error', message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy(false);
    }
  };

  if (!ports.length) return null;
  return (
    <section className="io-section" data-testid="io-features">
      <h3>{t('io.features.title')}</h3>
      <p className="io-hint">{t('io.features.hint')}</p>
      <ul className="io-ports">
        {ports.map((p) => (
          <li key={key(p.port)}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(key(p.port))}
                onChange={(e) => {
                  const s = new Set(chosen);
                  if (e.target.checked) s.add(key(p.port));
                  else s.delete(key(p.port));
                  setChosen(s);
                }}
              />
              {p.label} <code>{p.shape}</code>
            </label>
          </li>
        ))}
      </ul>
      <div className="io-row">
        <button disabled={busy || !chosen.size} onClick={() => void create(ports.filter((p) => chosen.has(key(p.port))).map((p) => p.port))} data-testid="io-features-chosen">
          {t('io.features.chosen', { n: chosen.size })}
        </button>
        <button disabled={busy} onClick={() => void create(ports.map((p) => p.port))} data-testid="io-features-all">
          {t('io.features.all')}
        </button>
      </div>
      {result && (
        <div className="io-ok" data-testid="io-features-result">
          <p>{t('io.features.done', { model: result.model, n: result.shapes.length })}</p>
          <ol>
            {result.shapes.map((s, i) => (
              <li key={i}>
                <code>{s}</code>
              </li>
            ))}
          </ol>
        </div>
      )}
      <IssueList issues={issues} testId="io-features-issues" />
    </section>
  );
}
