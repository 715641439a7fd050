/** Project files on disk: the ProjectDoc as pretty JSON, read back through parseProject. */
import { parseProject, type ProjectDoc } from '../../engine/doc';
import { fail, ok, type Result } from './problem';

/** Larger files are refused before JSON.parse (a project of 1,000 layers is ~1 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function serializeProject(doc: ProjectDoc): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/** A file name from the project name: letters, digits, '-', '_' and CJK survive. */
export function projectFileName(name: string): string {
  const base = name
    .trim()
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80);
  return `${base || 'project'}.layerflow.json`;
}

/**
 * Read a project file's text. On failure the problem names what is wrong (not JSON and where,
 * or the first schema errors with their paths); the caller keeps the current project.
 */
export function readProjectText(text: string, fileName = 'file'): Result<ProjectDoc> {
  if (text.length > MAX_FILE_BYTES) return fail('projects.file.tooLarge', { file: fileName, size: fmtMB(text.length), max: fmtMB(MAX_FILE_BYTES) });
  if (!text.trim()) return fail('projects.file.empty', { file: fileName });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail('projects.file.notJson', { file: fileName, detail: (e as Error).message });
  }
  const r = parseProject(raw);
  if (!r.doc) return fail('projects.file.invalid', { file: fileName, detail: r.errors.slice(0, 3).join('; ') });
  return ok(r.doc);
}

const fmtMB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
