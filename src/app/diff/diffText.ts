/** How a diff entry reads, on a canvas node and in the list: each change a short phrase. */
import type { DiffEntry } from '../../engine/diff';
import { py } from '../../nodes/params';
import { t } from '../i18n';

const fmt = new Intl.NumberFormat('en-US').format;
const signed = (n: number) => (n > 0 ? `+${fmt(n)}` : fmt(n));

export function diffPhrases(e: DiffEntry): string[] {
  const out: string[] = [];
  const { before: a, after: b } = e;
  if (a && b) {
    if (a.name !== b.name) out.push(t('diff.was', { name: a.name }));
    if (e.kindChanged) out.push(`${a.kind} → ${b.kind}`);
    for (const p of e.params) out.push(`${p.key} ${py(p.before)} → ${py(p.after)}`);
    if (e.shapesChanged) out.push(`${a.shapes.join(' · ') || '—'} → ${b.shapes.join(' · ') || '—'}`);
    if (e.trainableChanged) out.push(b.trainable ? t('diff.unfrozen') : t('diff.frozen'));
  }
  if (e.paramDelta) out.push(t('diff.params', { n: signed(e.paramDelta) }));
  return out;
}

export const statusLabel = (e: DiffEntry) => t(`diff.status.${e.status}`);
