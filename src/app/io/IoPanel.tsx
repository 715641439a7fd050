/**
 * The Export tab: export the active model (tfjs zip, Keras 3 JSON, Keras 2 JSON, .keras,
 * Python script with an optional MirroredStrategy), import model files, and feature
 * extraction (a model whose outputs are chosen intermediate tensors, run once to show shapes).
 */
import { useState } from 'react';
import type { ExportFormat } from '../../engine/io/exportFormats';
import type { Issue } from '../../engine/issues';
import { t, useLang } from '../i18n';
import { downloadBlob } from '../projects/download';
import { useDocument } from '../store/document';
import { projectWeights } from '../training/weightStore';
import { approvedPythonClasses, projectKeyOf } from '../custom/approval';
import { useSession } from '../projects/session';
import { FeatureExtraction } from './FeatureExtraction';
import { importFiles, useImport } from './importFiles';
import './io.css';

const FORMATS: { id: ExportFormat; key: string }[] = [
  { id: 'tfjs', key: 'io.format.tfjs' },
  { id: 'keras3', key: 'io.format.keras3' },
  { id: 'keras2', key: 'io.format.keras2' },
  { id: 'keras', key: 'io.format.keras' },
  { id: 'python', key: 'io.format.python' },
];

/** tfjs is loaded when an export needs it (CPU backend: exports are small, one-off jobs). */
async function loadTf() {
  const tf = await import('@tensorflow/tfjs');
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  return tf;
}

export function IssueList({ issues, testId }: { issues: readonly Issue[]; testId: string }) {
  if (!issues.length) return null;
  return (
    <ul className="io-issues" data-testid={testId}>
      {issues.map((i, n) => (
        <li key={n} className={i.severity === 'error' ? 'io-error' : 'io-warning'}>
          <code>{i.code}</code> {i.message}
        </li>
      ))}
    </ul>
  );
}

function ExportSection() {
  const doc = useDocument((s) => s.doc);
  const activeModel = useDocument((s) => s.activeModel);
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [distribute, setDistribute] = useState(false);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setIssues([]);
    setDone(null);
    try {
      const tf = await loadTf();
      const { exportModel, zipFiles } = await import('../../engine/io/exportFormats');
      const r = await exportModel(doc, activeModel, format, tf, { weights: projectWeights() ?? undefined, distribute, approvedPython: approvedPythonClasses(doc, projectKeyOf(useSession.getState().currentId, doc)) });
      setIssues(r.issues);
      if (!r.files.length) return;
      const name = doc.models[activeModel].name;
      const [blob, file] =
        r.files.length > 1 ? [new Blob([zipFiles(r.files) as BlobPart], { type: 'application/zip' }), `${name}.tfjs.zip`] : [new Blob([r.files[0].bytes as BlobPart]), r.files[0].name];
      downloadBlob(blob, file);
      setDone(file);
    } catch (e) {
      setIssues([{ code: 'invalid-file', severity: 'error', message: e instanceof Error ? e.message : String(e) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="io-section" data-testid="io-export">
      <h3>{t('io.export.title', { model: doc.models[activeModel]?.name ?? '' })}</h3>
      <div className="io-formats" role="radiogroup">
        {FORMATS.map((f) => (
          <label key={f.id}>
            <input type="radio" name="io-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} data-testid={`io-format-${f.id}`} />
            {t(f.key)}
          </label>
        ))}
      </div>
      {format === 'python' && (
        <label className="io-check">
          <input type="checkbox" checked={distribute} onChange={(e) => setDistribute(e.target.checked)} data-testid="io-distribute" />
          {t('io.distribute')}
        </label>
      )}
      <p className="io-hint">{projectWeights() ? t('io.weights.trained') : t('io.weights.initial')}</p>
      <button className="io-primary" disabled={busy} onClick={() => void run()} data-testid="io-export-button">
        {busy ? t('io.working') : t('io.export.button')}
      </button>
      {done && <p className="io-ok" data-testid="io-export-done">{t('io.export.done', { file: done })}</p>}
      <IssueList issues={issues} testId="io-export-issues" />
    </section>
  );
}

function ImportSection() {
  const { busy, issues, last } = useImport();
  return (
    <section className="io-section" data-testid="io-import">
      <h3>{t('io.import.title')}</h3>
      <p className="io-hint">{t('io.import.hint')}</p>
      <input
        type="file"
        multiple
        accept=".json,.bin,.keras,.h5,.hdf5"
        disabled={busy}
        data-testid="io-import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void importFiles(files);
        }}
      />
      {busy && <p className="io-hint">{t('io.working')}</p>}
      {last && (
        <p className={last.ok ? 'io-ok' : 'io-error'} data-testid="io-import-result">
          {last.ok ? t('io.import.done', { files: last.files.join(', ') }) : t('io.import.refused', { files: last.files.join(', ') })}
        </p>
      )}
      <IssueList issues={issues} testId="io-import-issues" />
    </section>
  );
}

export function IoPanel() {
  useLang();
  return (
    <div className="io-panel" data-testid="io-panel">
      <ExportSection />
      <ImportSection />
      <FeatureExtraction />
    </div>
  );
}
