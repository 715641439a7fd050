/** The seed's image encoder and decoder stacks, shared by both autoencoder templates. */
import type { ProjectBuilder, Sym } from '../engine/build';

/** Layer names per stack, so each template can use the names the seed's summaries print. */
export interface EncoderNames {
  conv: [string, string, string, string];
  pool: string;
  global: string;
}
export interface DecoderNames {
  reshape: string;
  deconv: [string, string, string, string];
  up: string;
}

/** Conv2D(16,3) → Conv2D(32,3) → MaxPooling2D(3) → Conv2D(32,3) → Conv2D(16,3) → GlobalMaxPooling2D: 18,672 params. */
export function encoderStack(b: ProjectBuilder, input: Sym, n: EncoderNames): Sym {
  let x = b.layer('Conv2D', { filters: 16, kernel_size: 3, activation: 'relu' }, n.conv[0]).call(input);
  x = b.layer('Conv2D', { filters: 32, kernel_size: 3, activation: 'relu' }, n.conv[1]).call(x);
  x = b.layer('MaxPooling2D', { pool_size: 3 }, n.pool).call(x);
  x = b.layer('Conv2D', { filters: 32, kernel_size: 3, activation: 'relu' }, n.conv[2]).call(x);
  x = b.layer('Conv2D', { filters: 16, kernel_size: 3, activation: 'relu' }, n.conv[3]).call(x);
  return b.layer('GlobalMaxPooling2D', {}, n.global).call(x);
}

/** Reshape((4,4,1)) → Conv2DTranspose(16,3) → Conv2DTranspose(32,3) → UpSampling2D(3) → Conv2DTranspose(16,3) → Conv2DTranspose(1,3): 9,569 params. */
export function decoderStack(b: ProjectBuilder, input: Sym, n: DecoderNames): Sym {
  let x = b.layer('Reshape', { target_shape: [4, 4, 1] }, n.reshape).call(input);
  x = b.layer('Conv2DTranspose', { filters: 16, kernel_size: 3, activation: 'relu' }, n.deconv[0]).call(x);
  x = b.layer('Conv2DTranspose', { filters: 32, kernel_size: 3, activation: 'relu' }, n.deconv[1]).call(x);
  x = b.layer('UpSampling2D', { size: 3 }, n.up).call(x);
  x = b.layer('Conv2DTranspose', { filters: 16, kernel_size: 3, activation: 'relu' }, n.deconv[2]).call(x);
  return b.layer('Conv2DTranspose', { filters: 1, kernel_size: 3, activation: 'relu' }, n.deconv[3]).call(x);
}
