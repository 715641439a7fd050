import { describe, expect, it } from 'vitest';
import { imageFrame, parseTranslate, unionRect } from './imageFrame';

describe('graph image frame', () => {
  it('bounds every node', () => {
    expect(unionRect([])).toBeNull();
    expect(unionRect([{ x: -10, y: 5, width: 100, height: 40 }, { x: 200, y: -50, width: 80, height: 40 }])).toEqual({ x: -10, y: -50, width: 290, height: 95 });
  });

  it('draws at natural size with padding, mapping the bounds corner to the padding', () => {
    const f = imageFrame({ x: -120, y: 40, width: 500, height: 300 }, 20);
    expect(f).toEqual({ width: 540, height: 340, x: 140, y: -20, zoom: 1 });
    // The bounds' far corner lands `padding` pixels from the image's far corner.
    expect((-120 + 500) * f.zoom + f.x).toBe(f.width - 20);
  });

  it('scales a huge graph down to the side limit, keeping the aspect', () => {
    const f = imageFrame({ x: 0, y: 0, width: 1000, height: 20000 }, 0, 4000);
    expect(f.zoom).toBeCloseTo(0.2);
    expect(f.height).toBe(4000);
    expect(f.width).toBe(200);
  });

  it('reads React Flow node transforms', () => {
    expect(parseTranslate('translate(12.5px, -40px)')).toEqual({ x: 12.5, y: -40 });
    expect(parseTranslate('translate(1e-5px,3px)')).toEqual({ x: 1e-5, y: 3 });
    expect(parseTranslate('none')).toBeNull();
  });
});
