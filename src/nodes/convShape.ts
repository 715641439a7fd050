/** Shape rules shared by the convolutions (and the shrink check of pooling). */
import { convOutLength, type Padding } from './convMath';
import { fail, needKnown, needRank, type Infer } from './kind';
import { tuple } from './params';
import { fmtShape, type Dim, type Shape } from '../engine/shape';

export interface ConvGeometryParams {
  kernel_size: number | readonly number[];
  strides: number | readonly number[];
  padding: string;
  data_format: string;
  dilation_rate: number | readonly number[];
}

/** Where the channels sit, how many there are, and the output's spatial dims. */
export interface ConvGeometry {
  first: boolean;
  channels: number;
  spatial: Dim[];
}

const SPATIAL = ['steps', 'rows, cols', 'depth, rows, cols'];

/** "(batch, rows, cols, channels)" for an n-D input in this data format. */
export const layoutOf = (n: number, first: boolean) => `(batch, ${first ? 'channels, ' : ''}${SPATIAL[n - 1]}${first ? '' : ', channels'})`;

/**
 * Check rank, channel dim, strides × dilation, and compute the output length of each spatial
 * axis. `stridesWithDilation`: Keras's Conv1D/2D/3D/Conv2DTranspose refuse strides > 1 with
 * dilation_rate > 1; SeparableConv2D and DepthwiseConv2D allow it.
 */
export function convGeometry(kind: string, n: number, x: Shape, p: ConvGeometryParams, stridesWithDilation = false): ConvGeometry | Infer {
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 2, layoutOf(n, first));
  if (r) return r;
  const [k, s, d] = [tuple(p.kernel_size, n), tuple(p.strides, n), tuple(p.dilation_rate, n)];
  const clash = stridesWithDilation ? null : dilationClash(kind, s, d);
  if (clash) return clash;
  const chAxis = first ? 1 : n + 1;
  const known = needKnown(kind, x, chAxis, 'channel dimension');
  if (known) return known;
  const sp = first ? x.slice(2) : x.slice(1, n + 1);
  const spatial = sp.map((len, i) => convOutLength(len, k[i], p.padding as Padding, s[i], d[i]));
  const dilated = d.some((v) => v > 1) ? ` and dilation_rate ${fmtShape(d)}` : '';
  return shrinkCheck(kind, `kernel ${fmtShape(k)} with padding "${p.padding}"${dilated}`, x, spatial) ?? { first, channels: x[chAxis] as number, spatial };
}

/** Keras's BaseConv refuses strides > 1 together with dilation_rate > 1. */
export function dilationClash(kind: string, s: number[], d: number[]): Infer | null {
  if (s.some((v) => v > 1) && d.some((v) => v > 1))
    return fail(`${kind} cannot combine strides ${fmtShape(s)} with dilation_rate ${fmtShape(d)}`, 'invalid-param', 'strides');
  return null;
}

/** The negative-size failure when a window (`window`: 'kernel (3, 3) with padding "valid"') shrinks x to `out`. */
export function shrinkCheck(kind: string, window: string, x: Shape, out: Dim[]): Infer | null {
  if (out.some((v) => v !== null && v <= 0)) return fail(`${kind} ${window} shrinks ${fmtShape(x)} to ${fmtShape(out)}; the input is too small`, 'negative-size');
  return null;
}

export const isFailure = (g: ConvGeometry | Infer): g is Infer => 'ok' in g;

/** Output shape with `channels` put back where the data format says. */
export const withChannels = (batch: Dim, g: ConvGeometry, channels: number): Dim[] =>
  g.first ? [batch, channels, ...g.spatial] : [batch, ...g.spatial, channels];
