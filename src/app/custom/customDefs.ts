/** Document transforms for custom layer definitions (pure; the dialog applies them as one undo step). */
import type { ProjectDoc } from '../../engine/doc';
import type { CustomLayerDef } from '../../engine/custom/definition';
import { t } from '../i18n';

/** Save `def`, replacing `previous` (renaming the class renames the kind of every layer of it). */
export function saveCustomDef(doc: ProjectDoc, previous: string | null, def: CustomLayerDef): ProjectDoc {
  const custom = { ...(doc.custom ?? {}) };
  if (previous && previous !== def.className) delete custom[previous];
  custom[def.className] = def;
  const renamed = previous && previous !== def.className;
  const layers = renamed
    ? Object.fromEntries(Object.entries(doc.layers).map(([id, l]) => [id, l.kind === previous ? { ...l, kind: def.className } : l]))
    : doc.layers;
  return { ...doc, custom, layers };
}

/** Remove a definition, or say why not (layers still use it). */
export function removeCustomDef(doc: ProjectDoc, className: string): ProjectDoc | string {
  const users = Object.values(doc.layers).filter((l) => l.kind === className).map((l) => l.name);
  if (users.length) return t('custom.inUse', { name: className, layers: users.join(', ') });
  const custom = { ...(doc.custom ?? {}) };
  delete custom[className];
  return { ...doc, custom };
}
