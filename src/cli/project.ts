/** What every CLI command that takes `FILE|template:NAME [--model NAME]` shares. */
import { readFile, stat } from 'node:fs/promises';
import { parseProject, type ModelId, type ProjectDoc } from '../engine/doc';
import type { Issue } from '../engine/issues';
import { checkSize, parseJsonBytes } from '../engine/io/safeJson';
import { TEMPLATES } from '../templates';

export type Loaded = { doc: ProjectDoc; error?: undefined } | { doc?: undefined; error: string };

/** A project from a file path or a built-in template (`template:toy_resnet`); never throws. */
export async function loadProject(source: string | undefined): Promise<Loaded> {
  if (!source) return { error: 'missing project: give a FILE or template:NAME' };
  if (source.startsWith('template:')) {
    const name = source.slice('template:'.length);
    // Own properties only: template:__proto__ or template:toString names no template.
    const t = Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined;
    return t ? { doc: t.build() } : { error: `unknown template "${name}"; templates: ${Object.keys(TEMPLATES).join(', ')}` };
  }
  let bytes: Uint8Array;
  try {
    // The size cap before reading: a project file gets the guards a model file gets.
    const size = (await stat(source)).size;
    const big = checkSize(size, source);
    if (big) return { error: big.message };
    bytes = new Uint8Array(await readFile(source));
  } catch (e) {
    return { error: `cannot read ${source}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseJsonBytes(bytes, source);
  if (!parsed.ok) return { error: parsed.issues.map((i) => i.message).join('\n') };
  const r = parseProject(parsed.value);
  return r.doc ? { doc: r.doc } : { error: `${source} is not a Layerflow project:\n  ${r.errors.join('\n  ')}` };
}

/** The model named `name` (Keras name, or id), or the project's main model. */
export function pickModel(doc: ProjectDoc, name: string | undefined): { id: ModelId; error?: undefined } | { id?: undefined; error: string } {
  if (name === undefined) return { id: doc.main };
  const hit = Object.values(doc.models).find((m) => m.name === name) ?? (Object.hasOwn(doc.models, name) ? doc.models[name] : undefined);
  return hit ? { id: hit.id } : { error: `no model "${name}" in project "${doc.name}"; models: ${Object.values(doc.models).map((m) => m.name).join(', ')}` };
}

/** `--flag value` options and positional arguments. */
export function parseArgs(args: string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else options[a.slice(2)] = args[++i] ?? '';
    } else positional.push(a);
  }
  return { positional, options };
}

export function formatIssues(doc: ProjectDoc, issues: readonly Issue[]): string {
  return issues
    .map((i) => {
      const model = i.modelId ? doc.models[i.modelId]?.name : undefined;
      return `  ${i.severity} [${i.code}]${model ? ` in model "${model}"` : ''}: ${i.message}`;
    })
    .join('\n');
}
