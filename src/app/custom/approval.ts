/**
 * Which custom code the user approved, per project — the app's safe_mode. A project file or an
 * import can carry code; none of it runs until the user approves it for that project. The
 * approval lives in this browser (localStorage), never in the document, so a shared file cannot
 * approve itself; it holds the exact code approved, so an edited body needs approval again.
 */
import { useSyncExternalStore } from 'react';
import type { ProjectDoc } from '../../engine/doc';
import { customDefs } from '../../engine/custom/kind';
import type { CustomLayerDef } from '../../engine/custom/definition';

const KEY = 'layerflow.approvedCode';
type Store = Record<string, Record<string, string>>; // project key → class name → approved code

const listeners = new Set<() => void>();
let cache: Store | null = null;

function read(): Store {
  if (cache) return cache;
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    cache = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Store) : {};
  } catch {
    cache = {};
  }
  return cache;
}

function write(next: Store) {
  cache = next;
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* storage full or private mode: the approval lasts for this page */
  }
  listeners.forEach((l) => l());
}

/** Approvals are kept per library project (its id), or per project name before it has one. */
export const projectKeyOf = (libraryId: string | null, doc: ProjectDoc) => libraryId ?? `name:${doc.name}`;

/**
 * What is approved is the code the user runs: the JS call body (here, in the worker) and the
 * Python call body (in the exported script). The shape expressions never run as code.
 */
const PY = ':python';

export function approvedClasses(doc: ProjectDoc, projectKey: string): string[] {
  const approved = read()[projectKey] ?? {};
  return Object.values(customDefs(doc))
    .filter((d) => approved[d.className] === d.call)
    .map((d) => d.className);
}

/** Classes whose Python code may go into an exported script. */
export function approvedPythonClasses(doc: ProjectDoc, projectKey: string): string[] {
  const approved = read()[projectKey] ?? {};
  return Object.values(customDefs(doc))
    .filter((d) => approved[d.className + PY] === d.pythonCall)
    .map((d) => d.className);
}

export function isApproved(def: CustomLayerDef, projectKey: string): boolean {
  const approved = read()[projectKey] ?? {};
  return approved[def.className] === def.call && approved[def.className + PY] === def.pythonCall;
}

export function pendingDefs(doc: ProjectDoc, projectKey: string): CustomLayerDef[] {
  return Object.values(customDefs(doc)).filter((d) => !isApproved(d, projectKey));
}

/** Approve exactly this code (JS and Python) of each definition for the project. */
export function approve(projectKey: string, defs: readonly CustomLayerDef[]) {
  const store = read();
  const mine = { ...(store[projectKey] ?? {}) };
  for (const d of defs) {
    mine[d.className] = d.call;
    mine[d.className + PY] = d.pythonCall;
  }
  write({ ...store, [projectKey]: mine });
}

/** Re-render when approvals change; returns a counter usable as a memo key. */
let version = 0;
listeners.add(() => version++);
export function useApprovalVersion(): number {
  return useSyncExternalStore(
    (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    () => version,
  );
}
