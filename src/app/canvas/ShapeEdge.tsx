/** An edge labelled with the tensor shape it carries (from the analysis). */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { LayerFlowEdge } from './adapter';

function ShapeEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<LayerFlowEdge>) {
  const [path, lx, ly] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const cls = ['lf-edge', data?.bad && 'bad', selected && 'selected'].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} interactionWidth={16} />
      <EdgeLabelRenderer>
        <div className={`lf-edge-label ${cls}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }} data-testid={`edge-label-${id}`}>
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeImpl);
