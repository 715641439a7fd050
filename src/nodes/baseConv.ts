/** Params, shape rule and weights of Conv1D, Conv2D and Conv3D (keras BaseConv). */
import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { convGeometry, isFailure, withChannels, type ConvGeometryParams } from './convShape';
import { fail, ok, w, type Infer, type WeightSpec } from './kind';
import { dataFormat, int, tuple, type ParamSchema } from './params';
import type { Shape } from '../engine/shape';

/** `tfjs`: the config field, for the kind whose tfjs builder models groups (Conv2D). */
export const groupsParam = (tfjs?: string) =>
  int({ default: 1, min: 1, tfjs, doc: 'Number of groups the input channels are split into, each convolved with its own filters / groups filters; must divide both the input channels and filters.' });

const standardParams = (n: number) => ({
  filters: filtersParam(),
  ...convWindow(n),
  data_format: dataFormat(),
  dilation_rate: dilationRate(n),
  groups: groupsParam(),
  ...activationAndBias('kernel'),
});

/** The params in Keras's order; `overrides` replace entries in place, so the order stays. */
export function baseConvParams<O extends ParamSchema = Record<never, never>>(n: number, overrides = {} as O): Omit<ReturnType<typeof standardParams>, keyof O> & O {
  return { ...standardParams(n), ...overrides };
}

interface BaseConvValues extends ConvGeometryParams {
  filters: number;
  groups: number;
  use_bias: boolean;
}

/** groups must divide both the input channels and filters. */
export function groupsCheck(kind: string, channels: number, p: BaseConvValues): Infer | null {
  if (channels % p.groups || p.filters % p.groups)
    return fail(`${kind} groups=${p.groups} must divide both input channels ${channels} and filters ${p.filters}`, 'invalid-param', 'groups');
  return null;
}

/** (batch, spatial…, channels) → (batch, spatial'…, filters), channels first or last. */
export function inferBaseConv(kind: string, n: number, x: Shape, p: BaseConvValues): Infer {
  const g = convGeometry(kind, n, x, p);
  if (isFailure(g)) return g;
  return groupsCheck(kind, g.channels, p) ?? ok(withChannels(x[0], g, p.filters));
}

/** kernel (kernel_size…, channels / groups, filters), then bias (filters). */
export function baseConvWeights(n: number, x: Shape, p: BaseConvValues): WeightSpec[] {
  const ch = x[p.data_format === 'channels_first' ? 1 : n + 1] as number;
  return [w('kernel', [...tuple(p.kernel_size, n), ch / p.groups, p.filters]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
}
