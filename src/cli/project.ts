/** What every CLI command that takes `FILE|template:NAME [--model NAME]` shares. */
import { readFile } from 'node:fs/promises';
import { parseProject, type ModelId, type ProjectDoc } from '../engine/doc';
import type { Issue } from '../engine/issues';
import { TEMPLATES } from '../templates';

export type Loaded = { doc: ProjectDoc; error?: undefined } | { doc?: undefined; error: string };

/** A project from a file path or a built-in template (`template:toy_resnet`); never throws. */
export async function loadProject(source: string | undefined): Promise<Loaded> {
  if (!source) return { error: 'missing project: give a FILE or template:NAME' };
  if (source.startsWith('template:')) {
    const name = source.slice('template:'.length);
    const t = TEMPLATES[name];
    return t ? { doc: t.build() } : { error: `unknown template "${name}"; templates: ${Object.keys(TEMPLATES).join(', ')}` };
  }
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (e) {
    return { error: `cannot read ${source}: ${e instanceof Error ? e.message : String(e)}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { error: `${source} is not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = parseProject(raw);
  return r.doc ? { doc: r.doc } : { error: `${source} is not a Layerflow project:\n  ${r.errors.join('\n  ')}` };
}

/** The model named `name` (Keras name, or id), or the project's main model. */
export function pickModel(doc: ProjectDoc, name: string | undefined): { id: ModelId; error?: undefined } | { id?: undefined; error: string } {
  if (name === undefined) return { id: doc.main };
  const hit = Object.values(doc.models).find((m) => m.name === name) ?? doc.models[name];
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
