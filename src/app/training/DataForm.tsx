/** Where the data comes from: MNIST, synthetic data shaped to the model, a CSV, or an image folder/zip. */
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { analysisOf } from '../store/analysis';
import { csvHeader, useDataChoice, type DataKind } from './dataChoice';
import { outputsOf } from './run';

const KINDS: DataKind[] = ['mnist', 'synthetic', 'csv', 'images'];

function inputNames(): string[] {
  const { doc, activeModel } = useDocument.getState();
  const model = doc.models[activeModel];
  const a = analysisOf(doc).models[activeModel];
  return (a?.inputs ?? []).map((nid) => {
    const node = model?.nodes.find((n) => n.id === nid);
    return node && 'layer' in node.call ? (doc.layers[node.call.layer]?.name ?? nid) : nid;
  });
}

async function readFiles(list: FileList | null): Promise<{ path: string; bytes: ArrayBuffer }[]> {
  return Promise.all(Array.from(list ?? []).map(async (f) => ({ path: f.webkitRelativePath || f.name, bytes: await f.arrayBuffer() })));
}

export function DataForm({ disabled }: { disabled: boolean }) {
  const c = useDataChoice();
  useDocument((s) => s.doc);
  const { doc, activeModel } = useDocument.getState();
  const outputs = outputsOf(doc, activeModel).map((o) => o.name);
  const inputs = inputNames();
  const set = useDataChoice.setState;

  return (
    <fieldset className="tr-box" disabled={disabled} data-testid="data-form">
      <legend>{t('training.data')}</legend>
      <div className="tr-seg" role="radiogroup">
        {KINDS.map((k) => (
          <label key={k} className={c.kind === k ? 'on' : undefined}>
            <input type="radio" name="tr-data" checked={c.kind === k} onChange={() => set({ kind: k })} data-testid={`data-${k}`} />
            {t(`training.data.${k}`)}
          </label>
        ))}
      </div>
      {c.kind === 'mnist' && <div className="tr-hint">{t('training.data.mnistHint')}</div>}
      {c.kind === 'synthetic' && (
        <label className="tr-row">
          <span>{t('training.data.samples')}</span>
          <input type="number" min={2} max={100000} value={c.syntheticCount} data-testid="synthetic-count" onChange={(e) => Number(e.target.value) >= 2 && set({ syntheticCount: Math.round(Number(e.target.value)) })} />
        </label>
      )}
      {c.kind === 'csv' && (
        <>
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="csv-file"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              const text = await f.text();
              const header = csvHeader(text);
              // Default mapping: last column → first output, the rest → first input.
              const roles: Record<string, string> = {};
              header.forEach((h, i) => (roles[h] = i === header.length - 1 && outputs[0] ? `target:${outputs[0]}` : inputs[0] ? `input:${inputs[0]}` : ''));
              set({ csv: { fileName: f.name, text, header }, csvRoles: roles });
            }}
          />
          {c.csv && (
            <div className="tr-csv">
              <div className="tr-hint">{t('training.data.csvMap', { file: c.csv.fileName, n: c.csv.header.length })}</div>
              {c.csv.header.map((h) => (
                <label key={h} className="tr-row">
                  <code>{h}</code>
                  <select value={c.csvRoles[h] ?? ''} onChange={(e) => set({ csvRoles: { ...c.csvRoles, [h]: e.target.value } })}>
                    <option value="">{t('training.data.ignore')}</option>
                    {inputs.map((n) => (
                      <option key={`i${n}`} value={`input:${n}`}>{t('training.data.asInput', { name: n })}</option>
                    ))}
                    {outputs.map((n) => (
                      <option key={`t${n}`} value={`target:${n}`}>{t('training.data.asTarget', { name: n })}</option>
                    ))}
                  </select>
                </label>
              ))}
              <label className="tr-row">
                <span>{t('training.data.normalize')}</span>
                <select value={c.normalize} onChange={(e) => set({ normalize: e.target.value as typeof c.normalize })}>
                  <option value="none">{t('training.data.norm.none')}</option>
                  <option value="minmax">{t('training.data.norm.minmax')}</option>
                  <option value="zscore">{t('training.data.norm.zscore')}</option>
                </select>
              </label>
              <div className="tr-hint">{t('training.data.oneHotHint')}</div>
            </div>
          )}
        </>
      )}
      {c.kind === 'images' && (
        <>
          <div className="tr-hint">{t('training.data.imagesHint')}</div>
          <label className="tr-row">
            <span>{t('training.data.folder')}</span>
            <input type="file" {...{ webkitdirectory: '' }} multiple data-testid="images-folder" onChange={async (e) => {
                const files = await readFiles(e.target.files);
                set({ images: { label: t('training.data.filesPicked', { n: files.length, folder: files[0]?.path.split('/')[0] ?? '' }), files } });
              }} />
          </label>
          <label className="tr-row">
            <span>{t('training.data.zip')}</span>
            <input type="file" accept=".zip,application/zip" data-testid="images-zip" onChange={async (e) => set({ images: { label: e.target.files?.[0]?.name ?? '', files: await readFiles(e.target.files) } })} />
          </label>
          {c.images && <div className="tr-hint" data-testid="images-picked">{c.images.label}</div>}
        </>
      )}
    </fieldset>
  );
}
