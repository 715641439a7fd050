/**
 * Every layer kind, by Keras class name. An explicit map: no import-time registration, no
 * global registry; code that needs the kinds imports this map or takes one as an argument.
 */
import type { LayerKind } from './kind';
import { InputLayer } from './InputLayer';
// core
import { Dense } from './Dense';
import { Embedding } from './Embedding';
import { EinsumDense } from './EinsumDense';
import { Identity } from './Identity';
import { Masking } from './Masking';
// convolution
import { Conv2D } from './Conv2D';
import { Conv1D } from './Conv1D';
import { Conv3D } from './Conv3D';
import { Conv2DTranspose } from './Conv2DTranspose';
import { SeparableConv2D } from './SeparableConv2D';
import { DepthwiseConv2D } from './DepthwiseConv2D';
import { Conv1DTranspose } from './Conv1DTranspose';
import { Conv3DTranspose } from './Conv3DTranspose';
import { SeparableConv1D } from './SeparableConv1D';
import { DepthwiseConv1D } from './DepthwiseConv1D';
// pooling
import { MaxPooling1D } from './MaxPooling1D';
import { MaxPooling2D } from './MaxPooling2D';
import { MaxPooling3D } from './MaxPooling3D';
import { AveragePooling1D } from './AveragePooling1D';
import { AveragePooling2D } from './AveragePooling2D';
import { AveragePooling3D } from './AveragePooling3D';
import { GlobalMaxPooling1D } from './GlobalMaxPooling1D';
import { GlobalMaxPooling2D } from './GlobalMaxPooling2D';
import { GlobalAveragePooling1D } from './GlobalAveragePooling1D';
import { GlobalAveragePooling2D } from './GlobalAveragePooling2D';
import { GlobalMaxPooling3D } from './GlobalMaxPooling3D';
import { GlobalAveragePooling3D } from './GlobalAveragePooling3D';
import { AdaptiveAveragePooling1D } from './AdaptiveAveragePooling1D';
import { AdaptiveAveragePooling2D } from './AdaptiveAveragePooling2D';
import { AdaptiveAveragePooling3D } from './AdaptiveAveragePooling3D';
import { AdaptiveMaxPooling1D } from './AdaptiveMaxPooling1D';
import { AdaptiveMaxPooling2D } from './AdaptiveMaxPooling2D';
import { AdaptiveMaxPooling3D } from './AdaptiveMaxPooling3D';
// reshaping
import { Flatten } from './Flatten';
import { Reshape } from './Reshape';
import { Permute } from './Permute';
import { RepeatVector } from './RepeatVector';
import { UpSampling1D } from './UpSampling1D';
import { UpSampling2D } from './UpSampling2D';
import { ZeroPadding2D } from './ZeroPadding2D';
import { ZeroPadding1D } from './ZeroPadding1D';
import { Cropping1D } from './Cropping1D';
import { UpSampling3D } from './UpSampling3D';
import { Cropping2D } from './Cropping2D';
import { ZeroPadding3D } from './ZeroPadding3D';
import { Cropping3D } from './Cropping3D';
// normalization
import { BatchNormalization } from './BatchNormalization';
import { LayerNormalization } from './LayerNormalization';
import { GroupNormalization } from './GroupNormalization';
import { UnitNormalization } from './UnitNormalization';
import { RMSNormalization } from './RMSNormalization';
import { LayerScale } from './LayerScale';
// attention
import { MultiHeadAttention } from './MultiHeadAttention';
import { Attention } from './Attention';
import { AdditiveAttention } from './AdditiveAttention';
import { GroupQueryAttention } from './GroupQueryAttention';
// recurrent
import { SimpleRNN } from './SimpleRNN';
import { LSTM } from './LSTM';
import { GRU } from './GRU';
import { ConvLSTM2D } from './ConvLSTM2D';
import { ConvLSTM1D } from './ConvLSTM1D';
import { ConvLSTM3D } from './ConvLSTM3D';
import { RNN } from './CellRNN';
// merging
import { Subtract } from './Subtract';
import { Multiply } from './Multiply';
import { Average } from './Average';
import { Maximum } from './Maximum';
import { Minimum } from './Minimum';
import { Concatenate } from './Concatenate';
import { Dot } from './Dot';
import { Add } from './Add';
// ops (keras.ops functions as nodes)
import { Op } from './Op';
// activation
import { Activation } from './Activation';
import { ReLU } from './ReLU';
import { LeakyReLU } from './LeakyReLU';
import { Softmax } from './Softmax';
import { ELU } from './ELU';
import { PReLU } from './PReLU';
// regularization
import { Dropout } from './Dropout';
import { SpatialDropout1D } from './SpatialDropout1D';
import { SpatialDropout2D } from './SpatialDropout2D';
import { SpatialDropout3D } from './SpatialDropout3D';
import { GaussianNoise } from './GaussianNoise';
import { GaussianDropout } from './GaussianDropout';
import { AlphaDropout } from './AlphaDropout';
import { ActivityRegularization } from './ActivityRegularization';
// preprocessing
import { Rescaling } from './Rescaling';
import { RandomFlip } from './RandomFlip';
import { Normalization } from './Normalization';
import { Resizing } from './Resizing';
import { CenterCrop } from './CenterCrop';
import { RandomRotation } from './RandomRotation';
import { RandomZoom } from './RandomZoom';
import { RandomTranslation } from './RandomTranslation';
import { RandomContrast } from './RandomContrast';
import { RandomCrop } from './RandomCrop';
import { RandomBrightness } from './RandomBrightness';
import { RandomShear } from './RandomShear';
import { CategoryEncoding } from './CategoryEncoding';
import { Discretization } from './Discretization';
// image augmentation (imageOps.ts)
import { RandomGrayscale } from './RandomGrayscale';
import { RandomInvert } from './RandomInvert';
import { Solarization } from './Solarization';
import { AutoContrast } from './AutoContrast';
import { RandomPosterization } from './RandomPosterization';
import { RandomColorDegeneration } from './RandomColorDegeneration';
import { RandomSaturation } from './RandomSaturation';
import { RandomHue } from './RandomHue';
import { RandomSharpness } from './RandomSharpness';
import { RandomGaussianBlur } from './RandomGaussianBlur';
import { RandomErasing } from './RandomErasing';
import { Equalization } from './Equalization';
import { RandomColorJitter } from './RandomColorJitter';
import { MixUp } from './MixUp';
import { CutMix } from './CutMix';
import { RandomPerspective } from './RandomPerspective';
import { RandomElasticTransform } from './RandomElasticTransform';
import { RandAugment } from './RandAugment';
import { AugMix } from './AugMix';
import { ContrastLimitedAdaptiveHistogramEqualization } from './ContrastLimitedAdaptiveHistogramEqualization';
// wrapper
import { Bidirectional } from './Bidirectional';
import { TimeDistributed } from './TimeDistributed';
import { SpectralNormalization } from './SpectralNormalization';

export const KINDS: Readonly<Record<string, LayerKind>> = {
  InputLayer,
  // core
  Dense,
  Embedding,
  EinsumDense,
  Identity,
  Masking,
  // convolution
  Conv2D,
  Conv1D,
  Conv3D,
  Conv2DTranspose,
  SeparableConv2D,
  DepthwiseConv2D,
  Conv1DTranspose,
  Conv3DTranspose,
  SeparableConv1D,
  DepthwiseConv1D,
  // pooling
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling3D,
  GlobalAveragePooling3D,
  AdaptiveAveragePooling1D,
  AdaptiveAveragePooling2D,
  AdaptiveAveragePooling3D,
  AdaptiveMaxPooling1D,
  AdaptiveMaxPooling2D,
  AdaptiveMaxPooling3D,
  // reshaping
  Flatten,
  Reshape,
  Permute,
  RepeatVector,
  UpSampling1D,
  UpSampling2D,
  ZeroPadding2D,
  ZeroPadding1D,
  Cropping1D,
  UpSampling3D,
  Cropping2D,
  ZeroPadding3D,
  Cropping3D,
  // normalization
  BatchNormalization,
  LayerNormalization,
  GroupNormalization,
  UnitNormalization,
  RMSNormalization,
  LayerScale,
  // attention
  MultiHeadAttention,
  Attention,
  AdditiveAttention,
  GroupQueryAttention,
  // recurrent
  SimpleRNN,
  LSTM,
  GRU,
  ConvLSTM2D,
  ConvLSTM1D,
  ConvLSTM3D,
  RNN,
  // merging
  Subtract,
  Multiply,
  Average,
  Maximum,
  Minimum,
  Concatenate,
  Dot,
  Add,
  // ops
  Op,
  // activation
  Activation,
  ReLU,
  LeakyReLU,
  Softmax,
  ELU,
  PReLU,
  // regularization
  Dropout,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
  GaussianNoise,
  GaussianDropout,
  AlphaDropout,
  ActivityRegularization,
  // preprocessing
  Rescaling,
  RandomFlip,
  Normalization,
  Resizing,
  CenterCrop,
  RandomRotation,
  RandomZoom,
  RandomTranslation,
  RandomContrast,
  RandomCrop,
  RandomBrightness,
  RandomShear,
  CategoryEncoding,
  Discretization,
  // image augmentation
  RandomGrayscale,
  RandomInvert,
  Solarization,
  AutoContrast,
  RandomPosterization,
  RandomColorDegeneration,
  RandomSaturation,
  RandomHue,
  RandomSharpness,
  RandomGaussianBlur,
  RandomErasing,
  Equalization,
  RandomColorJitter,
  MixUp,
  CutMix,
  RandomPerspective,
  RandomElasticTransform,
  RandAugment,
  AugMix,
  ContrastLimitedAdaptiveHistogramEqualization,
  // wrapper
  Bidirectional,
  TimeDistributed,
  SpectralNormalization,
};

export type KindMap = Readonly<Record<string, LayerKind>>;
