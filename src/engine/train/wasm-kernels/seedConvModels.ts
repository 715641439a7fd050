/**
 * The seed guide's two conv models, written with tf.layers exactly as the guide writes them in
 * Keras (used by this folder's tests and bench/wasmConv.ts, which must not depend on the app's
 * document compiler to measure the backend).
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type S = tfjs.SymbolicTensor;

export function seedAutoencoder(tf: Tf): tfjs.LayersModel {
  const L = tf.layers;
  const apply = (layer: tfjs.layers.Layer, x: S) => layer.apply(x) as S;
  const img = tf.input({ shape: [28, 28, 1], name: 'img' });
  let x = apply(L.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }), img);
  x = apply(L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.maxPooling2d({ poolSize: 3 }), x);
  x = apply(L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.globalMaxPooling2d({}), x);
  x = apply(L.reshape({ targetShape: [4, 4, 1] }), x);
  x = apply(L.conv2dTranspose({ filters: 16, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.conv2dTranspose({ filters: 32, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.upSampling2d({ size: [3, 3] }), x);
  x = apply(L.conv2dTranspose({ filters: 16, kernelSize: 3, activation: 'relu' }), x);
  x = apply(L.conv2dTranspose({ filters: 1, kernelSize: 3, activation: 'relu' }), x);
  return tf.model({ inputs: img, outputs: x, name: 'autoencoder' });
}

export function seedToyResnet(tf: Tf): tfjs.LayersModel {
  const L = tf.layers;
  const apply = (layer: tfjs.layers.Layer, x: S | S[]) => layer.apply(x) as S;
  const conv = (padding: 'valid' | 'same') => L.conv2d({ filters: 64, kernelSize: 3, activation: 'relu', padding });
  const img = tf.input({ shape: [32, 32, 3], name: 'img' });
  let x = apply(L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }), img);
  x = apply(conv('valid'), x);
  const block1 = apply(L.maxPooling2d({ poolSize: 3 }), x);
  x = apply(conv('same'), block1);
  x = apply(conv('same'), x);
  const block2 = apply(L.add(), [x, block1]);
  x = apply(conv('same'), block2);
  x = apply(conv('same'), x);
  const block3 = apply(L.add(), [x, block2]);
  x = apply(conv('valid'), block3);
  x = apply(L.globalAveragePooling2d({}), x);
  x = apply(L.dense({ units: 256, activation: 'relu' }), x);
  x = apply(L.dropout({ rate: 0.5 }), x);
  const outputs = apply(L.dense({ units: 10 }), x);
  return tf.model({ inputs: img, outputs, name: 'toy_resnet' });
}
