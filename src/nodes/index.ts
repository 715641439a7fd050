/**
 * Every layer kind, by Keras class name. An explicit map: no import-time registration, no
 * global registry; code that needs the kinds imports this map or takes one as an argument.
 */
import type { LayerKind } from './kind';
import { InputLayer } from './InputLayer';
// core
import { Dense } from './Dense';
// convolution
import { Conv2D } from './Conv2D';
// pooling
// reshaping
// normalization
// recurrent
// merging
import { Add } from './Add';
// activation
// regularization
// wrapper

export const KINDS: Readonly<Record<string, LayerKind>> = {
  InputLayer,
  // core
  Dense,
  // convolution
  Conv2D,
  // pooling
  // reshaping
  // normalization
  // recurrent
  // merging
  Add,
  // activation
  // regularization
  // wrapper
};

export type KindMap = Readonly<Record<string, LayerKind>>;
