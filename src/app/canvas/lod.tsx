/**
 * Level of detail: below LOD_ZOOM the text of a node or an edge label is too small to read, and
 * a whole big graph may be on screen at once. Nodes then draw as a plain box with the layer name
 * (category and issue colours kept) and edges as plain curves without shape labels (LodEdges),
 * which keeps a 1,000-node graph light to lay out and paint. One context value, so crossing the
 * threshold re-renders each node once and a drag never does.
 */
import { createContext, useEffect } from 'react';
import { useStore } from '@xyflow/react';

export const LOD_ZOOM = 0.45;

export const LodContext = createContext(false);

/** Inside <ReactFlow>: reports whether the zoom is below LOD_ZOOM, each time that flips. */
export function LodWatch({ onChange }: { onChange(low: boolean): void }) {
  const low = useStore((s) => s.transform[2] < LOD_ZOOM);
  useEffect(() => onChange(low), [low, onChange]);
  return null;
}
