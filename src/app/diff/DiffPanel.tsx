/**
 * Compare the open model with another: a model of this project, a saved project's model or
 * an imported file's (tfjs model.json + .bin, Keras .json, .keras). The canvas highlights what
 * was added or changed; this list has every entry, removed ones included, and the totals.
 */
import { useEffect, useState } from 'react';
import { customDefs } from '../../engine/custom/kind';
import { importFileSet } from '../../engine/io/importModel';
import type { Analysis } from '../../engine/analysisTypes';
import type { ModelId, ProjectDoc } from '../../engine/doc';
import { library, useSession } from '../projects/session';
import type { ProjectMeta } from '../projects/library';
import { t } from '../i18n';
import { compareWith, currentDiff, useDiff } from './diffStore';
import { diffPhrases, statusLabel } from './diffText';

const fmt = new Intl.NumberFormat('en-US').format;

export function DiffPanel({ doc, modelId, analysis }: { doc: ProjectDoc; modelId: ModelId; analysis: Analysis }) {
  const baseline = useDiff((s) => s.baseline);
  const currentId = useSession((s) => s.currentId);
  const [saved, setSaved] = useState<ProjectMeta[]>([]);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    void library.list().then((all) => setSaved(all.filter((p) => p.id !== currentId)));
  }, [currentId]);

  const pick = async (value: string) => {
    setProblem('');
    if (!value) return compareWith(null);
    const [type, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    if (type === 'model') return compareWith({ label: t('diff.ofModel', { name: doc.models[id].name }), doc, modelId: id });
    const r = await library.open(id);
    if (!r.ok) return setProblem(t('diff.cannotOpen'));
    compareWith({ label: `${r.value.doc.name} / ${r.value.doc.models[r.value.activeModel].name}`, doc: r.value.doc, modelId: r.value.activeModel });
  };

  const pickFiles = async (files: File[]) => {
    setProblem('');
    if (!files.length) return;
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const r = await importFileSet(read, async (f, classes) => (await import('../../engine/io/kerasFile')).readKerasFile(f.bytes, f.name, classes), customDefs(doc));
    if (!r.ok) return setProblem(r.issues.map((i) => i.message).join('; '));
    compareWith({ label: files.map((f) => f.name).join(', '), doc: r.doc, modelId: r.doc.main });
  };

  const d = currentDiff(baseline, doc, modelId, analysis);
  return (
    <section className="lf-diff" data-testid="diff-panel">
      <h4>{t('diff.title')}</h4>
      <div className="lf-diff-pick">
        <select data-testid="diff-against" value="" onChange={(e) => void pick(e.target.value)} aria-label={t('diff.pick')}>
          <option value="">{t('diff.pick')}</option>
          {Object.values(doc.models)
            .filter((m) => m.id !== modelId)
            .map((m) => (
              <option key={m.id} value={`model:${m.id}`}>{t('diff.ofModel', { name: m.name })}</option>
            ))}
          {saved.map((p) => (
            <option key={p.id} value={`project:${p.id}`}>{t('diff.ofProject', { name: p.name })}</option>
          ))}
        </select>
        <label className="lf-diff-file">
          {t('diff.file')} <input type="file" multiple accept=".json,.bin,.keras" data-testid="diff-file" onChange={(e) => void pickFiles([...(e.target.files ?? [])])} />
        </label>
        {baseline && (
          <button type="button" onClick={() => compareWith(null)} data-testid="diff-clear">
            {t('diff.clear')}
          </button>
        )}
      </div>
      {problem && <p className="lf-field-error" data-testid="diff-problem">{problem}</p>}
      {d && baseline && (
        <>
          <p data-testid="diff-summary">
            {t('diff.summary', { label: baseline.label, added: d.diff.counts.added, removed: d.diff.counts.removed, changed: d.diff.counts.changed, same: d.diff.counts.same })}
            <br />
            {t('diff.totals', { before: fmt(d.diff.totals.before), after: fmt(d.diff.totals.after), delta: `${d.diff.totals.delta > 0 ? '+' : ''}${fmt(d.diff.totals.delta)}` })}
          </p>
          <ul data-testid="diff-list">
            {d.diff.entries.map((e) => {
              const c = (e.after ?? e.before)!;
              return (
                <li key={`${e.status}:${c.nodeId}`} className={e.status} data-testid={`diff-${e.status}-${c.name}`}>
                  <b>{statusLabel(e)}</b> {c.name} ({c.kind}) {diffPhrases(e).join(' · ')}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
