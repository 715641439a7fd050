/** A kind's description in the UI language: the catalogue's for built-in kinds, its own for custom layers. */
import type { LayerKind } from '../../nodes/kind';
import { t } from '../i18n';

export function kindDoc(k: LayerKind): string {
  const key = `layer.doc.${k.kind}`;
  const text = t(key);
  return text === key ? k.doc : text;
}
