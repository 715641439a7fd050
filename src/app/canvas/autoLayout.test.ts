import { describe, expect, it } from 'vitest';
import { clearLongEdges } from './elkLayout';

describe('clearLongEdges', () => {
  it('moves nodes a skip connection would cross, and their row neighbours, to the right of the line', () => {
    const boxes = new Map([
      ['a', { x: 0, y: 0, w: 200, h: 60 }],
      ['b', { x: 20, y: 100, w: 200, h: 60 }],
      ['b2', { x: 260, y: 100, w: 200, h: 60 }],
      ['c', { x: 0, y: 200, w: 200, h: 60 }],
    ]);
    clearLongEdges(boxes, [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }]);
    // The line a→c runs at x = 100 through b's row: b starts right of it, b2 keeps its distance.
    expect(boxes.get('b')!.x).toBe(136);
    expect(boxes.get('b2')!.x).toBe(376);
    expect(boxes.get('a')!.x).toBe(0);
    expect(boxes.get('c')!.x).toBe(0);
  });

  it('leaves nodes the line does not cross', () => {
    const boxes = new Map([
      ['a', { x: 0, y: 0, w: 200, h: 60 }],
      ['side', { x: 400, y: 100, w: 200, h: 60 }],
      ['c', { x: 0, y: 200, w: 200, h: 60 }],
    ]);
    clearLongEdges(boxes, [{ from: 'a', to: 'c' }]);
    expect(boxes.get('side')!.x).toBe(400);
  });
});
