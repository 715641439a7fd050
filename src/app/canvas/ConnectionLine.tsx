/**
 * The line drawn while connecting. Over a handle the engine is asked whether the connection is
 * allowed; a refusal shows its reason right at the pointer.
 */
import { getBezierPath, type ConnectionLineComponentProps } from '@xyflow/react';
import { refusal } from './connectCheck';

export function ConnectionLine({ fromX, fromY, toX, toY, fromPosition, toPosition, fromNode, fromHandle, toNode, toHandle, connectionStatus }: ConnectionLineComponentProps) {
  const [path] = getBezierPath({ sourceX: fromX, sourceY: fromY, sourcePosition: fromPosition, targetX: toX, targetY: toY, targetPosition: toPosition });
  const reason =
    connectionStatus === 'invalid' && toNode && toHandle
      ? refusal({ source: fromHandle.type === 'source' ? fromNode.id : toNode.id, sourceHandle: fromHandle.type === 'source' ? fromHandle.id ?? null : toHandle.id ?? null, target: fromHandle.type === 'source' ? toNode.id : fromNode.id, targetHandle: fromHandle.type === 'source' ? toHandle.id ?? null : fromHandle.id ?? null })
      : null;
  return (
    <g>
      <path d={path} className={`lf-connection ${connectionStatus ?? ''}`} fill="none" />
      {reason && (
        <foreignObject x={toX + 14} y={toY + 14} width={340} height={120} style={{ overflow: 'visible' }}>
          <div className="lf-refusal" data-testid="connect-refusal">
            {reason}
          </div>
        </foreignObject>
      )}
    </g>
  );
}
