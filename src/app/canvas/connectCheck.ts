/** Connection checks for React Flow, answered by the engine's canConnect. */
import type { Connection, Edge } from '@xyflow/react';
import { canConnect } from '../../engine/connect';
import { useDocument } from '../store/document';
import { analysisOf } from '../store/analysis';
import { kindsOf } from '../store/kinds';
import { handleIndex } from './adapter';

type Conn = { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null };

/** The engine's reason to refuse this connection, or null when it is allowed. */
export function refusal(c: Conn): string | null {
  const s = useDocument.getState();
  if (!c.source || !c.target) return null;
  const r = canConnect(s.doc, s.activeModel, { node: c.source, output: handleIndex(c.sourceHandle) }, { node: c.target, input: handleIndex(c.targetHandle) }, kindsOf(s.doc), analysisOf(s.doc));
  return r.ok ? null : r.reason;
}

export const isValidConnection = (c: Edge | Connection) => refusal(c) === null;
