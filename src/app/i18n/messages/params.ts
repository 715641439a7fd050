/**
 * What each layer parameter means (inspector hover text), in both languages. English is the
 * param spec's own `doc` (src/nodes), so it lives in one place; Chinese is written here, keyed by
 * the Keras param name. Where one name means different things in different kinds (units of Dense
 * vs. of an RNN), the Chinese is given per kind, and '*' stands for every kind not named (those
 * kinds must share one English doc; the test checks it). Param names themselves stay as in Keras.
 */
import { KINDS } from '../../../nodes';

const rnnUnits = '输出空间的维度（也是每个状态的维度）。';
const convFilters = '输出通道数（即卷积核的数量）。';
const cropOrPad = 'int、(rows, cols) 或 ((top, bottom), (left, right))。';
const cropOrPad3d = 'int、(depth, rows, cols) 或 ((before, after), (before, after), (before, after))。';
const POOLING = ['MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D'];
const outRows = '输出图像的行数。';
const outCols = '输出图像的列数。';
const affineInterp = '读取像素之间的点的方式："bilinear" 或 "nearest"。';
const affineFill = '图像外的点如何填充："reflect"（d c b a | a b c d | d c b a）、"wrap"（a b c d | a b c d）、"constant"（用 fill_value）或 "nearest"（边缘像素）。';
const affineFillValue = 'fill_mode="constant" 时图像外的点取的值。';
const valueRangeZh = '像素值的 (min, max) 范围，例如 (0, 255) 或 (0, 1)；输出会被裁剪到该范围。';
const samePadding = '在输入两侧均匀填充，步长为 1 时输出与输入大小相同';

/** A string: the param means the same in every kind. A record: its Chinese per kind ('*': the other kinds). */
export const zhParamDocs: Record<string, string | Record<string, string>> = {
  shape: '不含批次维度的形状；None 表示该维长度可变。',
  dtype: '输入的数据类型："float32"、"int32"（例如给 Embedding 的词 id）或 "bool"。',
  batch_size: '固定的批次大小（keras.Input(batch_shape=...)）。',
  units: { Dense: '输出空间的维度。', SimpleRNN: rnnUnits, LSTM: rnnUnits, GRU: rnnUnits, RNN: '单元（cell）的单元数；元组 (64, 32) 表示按顺序堆叠多个单元（StackedRNNCells），最后一个决定输出大小。' },
  activation: '要使用的激活函数，用 Keras 名称指定。',
  recurrent_activation: '循环步骤（各个门）使用的激活函数，用 Keras 名称指定。',
  use_bias: '布尔值，该层是否使用偏置向量。',
  kernel_initializer: '权重矩阵 kernel 的初始化器。',
  recurrent_initializer: '权重矩阵 recurrent_kernel 的初始化器，用于循环状态的线性变换。',
  bias_initializer: '偏置向量的初始化器。',
  embeddings_initializer: 'embeddings 矩阵的初始化器。',
  depthwise_initializer: '逐深度卷积核（depthwise_kernel）的初始化器。',
  pointwise_initializer: '逐点（1×1）卷积核（pointwise_kernel）的初始化器。',
  beta_initializer: 'beta 权重的初始化器。',
  gamma_initializer: 'gamma 权重的初始化器。',
  moving_mean_initializer: '滑动均值的初始化器。',
  moving_variance_initializer: '滑动方差的初始化器。',
  input_dim: '词汇表大小：最大 id + 1。',
  output_dim: '每个嵌入向量的长度。',
  mask_zero: '把 id 0 视为填充：输出一个掩码，后续层（如 RNN）会跳过被掩盖的时间步。',
  filters: {
    Conv1D: convFilters,
    Conv2D: convFilters,
    Conv3D: convFilters,
    Conv2DTranspose: convFilters,
    SeparableConv2D: convFilters,
    Conv1DTranspose: convFilters,
    Conv3DTranspose: convFilters,
    SeparableConv1D: convFilters,
    ConvLSTM2D: '输出通道数（也是每个状态的通道数）。',
    ConvLSTM1D: '输出通道数（也是每个状态的通道数）。',
    ConvLSTM3D: '输出通道数（也是每个状态的通道数）。',
  },
  kernel_size: {
    RandomGaussianBlur: '高斯核的大小：一个奇数，或由奇数组成的 (width, height)。',
    '*': '卷积窗口的大小：一个 int 用于所有空间维度，或每个空间维度各一个值的元组。',
  },
  strides: {
    '*': '卷积沿各空间维度的步长：一个 int 用于所有维度，或每个维度各一个值的元组。',
    ...Object.fromEntries(POOLING.map((k) => [k, 'None 表示等于 pool_size（池化窗口大小）。'])),
  },
  padding: {
    '*': `"valid"（不填充）或 "same"（${samePadding}）。`,
    Conv1D: `"valid"（不填充）、"same"（${samePadding}）或 "causal"（只在左侧填充，使 output[t] 不依赖 input[t + 1:]）。`,
    ZeroPadding2D: cropOrPad,
    ZeroPadding1D: 'int（两端相同）或 (start, end)：要补上的零步数。',
    ZeroPadding3D: cropOrPad3d,
  },
  data_format: '各维度的顺序："channels_last" 对应 (batch, ..., channels)，"channels_first" 对应 (batch, channels, ...)。',
  dilation_rate: '膨胀卷积的膨胀率：卷积核各元素在每个空间维度上的间隔。',
  groups: {
    Conv1D: '输入沿通道轴拆分成的组数，每组各与 filters / groups 个卷积核卷积；必须同时整除输入通道数和 filters。',
    Conv2D: '输入沿通道轴拆分成的组数，每组各与 filters / groups 个卷积核卷积；必须同时整除输入通道数和 filters。',
    Conv3D: '输入沿通道轴拆分成的组数，每组各与 filters / groups 个卷积核卷积；必须同时整除输入通道数和 filters。',
    GroupNormalization: '通道被分成的组数；-1 表示每个通道一组（实例归一化）。',
  },
  output_padding: '在输出每个空间维度的一侧额外补充的项数；每项都必须小于对应的步长。',
  depth_multiplier: {
    SeparableConv2D: '逐深度卷积中每个输入通道对应的输出通道数。',
    SeparableConv1D: '逐深度卷积中每个输入通道对应的输出通道数。',
    DepthwiseConv2D: '每个输入通道对应的输出通道数。',
    DepthwiseConv1D: '每个输入通道对应的输出通道数。',
  },
  pool_size: '池化窗口大小；MaxPooling2D(3) 表示按 3×3 池化。',
  output_size: {
    AdaptiveAveragePooling1D: 'steps 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
    AdaptiveAveragePooling2D: 'rows 和 cols 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
    AdaptiveAveragePooling3D: 'depth、rows 和 cols 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
    AdaptiveMaxPooling1D: 'steps 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
    AdaptiveMaxPooling2D: 'rows 和 cols 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
    AdaptiveMaxPooling3D: 'depth、rows 和 cols 的输出大小：一个 int 用于所有维度，或每个维度各一个值。',
  },
  keepdims: '保留被池化的轴（长度为 1），而不是去掉这些轴。',
  target_shape: '不含批次维度的目标形状，例如 (4, 4, 1)；可以有一项为 -1，表示“其余部分”。',
  dims: '批次维度之后各轴的排列，从 1 开始编号：(2, 1) 交换这两个轴。',
  n: '重复次数。',
  size: { UpSampling1D: '上采样因子。', UpSampling2D: 'rows 和 cols 的上采样因子。', UpSampling3D: 'depth、rows 和 cols 的上采样因子。' },
  interpolation: {
    UpSampling2D: '插值方法："nearest"、"bilinear"、"bicubic"、"lanczos3" 或 "lanczos5"。',
    RandomRotation: affineInterp,
    RandomZoom: affineInterp,
    RandomTranslation: affineInterp,
    RandomShear: affineInterp,
    RandomPerspective: affineInterp,
    RandomElasticTransform: affineInterp,
    AugMix: '几何步骤（错切、平移、旋转）读取像素之间的点的方式："bilinear" 或 "nearest"。',
    RandAugment: '几何步骤（错切、平移、旋转）读取像素之间的点的方式："bilinear" 或 "nearest"。',
    Resizing: '新像素的计算方式："bilinear" 或 "nearest"（与 Keras 相同，像素中心取半像素）；"bicubic"、"lanczos3" 和 "lanczos5" 可导出到 Keras，但不能在浏览器中运行。',
  },
  cropping: { Cropping2D: cropOrPad, Cropping3D: cropOrPad3d, Cropping1D: 'int（两端相同）或 (start, end)：要去掉的步数。' },
  axis: {
    BatchNormalization: '特征所在的轴（-1：最后一个轴；channels_first 的图像用 1）。',
    LayerNormalization: '要归一化的一个或多个轴（-1：最后一个轴）。',
    RMSNormalization: '要归一化的一个或多个轴（-1：最后一个轴）。',
    UnitNormalization: '沿哪个或哪些轴归一化（-1：最后一个轴）。',
    GroupNormalization: '通道所在的轴（-1：最后一个轴）。',
    Concatenate: '沿哪个轴拼接（-1：最后一个轴）。',
    Softmax: '沿哪个轴做归一化；-1 表示最后一个轴。',
    Normalization: '哪个或哪些轴的每个索引各有一组均值和方差（-1：最后一个轴，即每个特征）；None 表示只用一个标量均值和方差。',
  },
  momentum: '滑动平均的动量。',
  epsilon: {
    BatchNormalization: '加到方差上的小浮点数，以避免除以零。',
    LayerNormalization: '加到方差上的小浮点数，以避免除以零。',
    GroupNormalization: '加到方差上的小浮点数，以避免除以零。',
    RMSNormalization: '加到方差上的小浮点数，以避免除以零。',
    Discretization: 'adapt() 计算分箱时使用的误差容限（只为导出而保留；起作用的是 bin_boundaries）。',
  },
  init_values: '每个 gamma 的初始值。',
  projection_dim: '通道数：gamma 的大小，等于输入的最后一个轴。',
  center: '学习偏移量 beta。',
  scale: {
    BatchNormalization: '学习缩放因子 gamma。',
    LayerNormalization: '学习缩放因子 gamma。',
    GroupNormalization: '学习缩放因子 gamma。',
    Rescaling: '每个值要乘以的因子。',
    RandomElasticTransform: '扭曲强度 d，每个批次从 (lower, upper) 中均匀抽取：位移为 0.1·d·max(height, width) 个像素，再用 sigma 为 0.05·d·min(height, width) 的高斯平滑。',
    RandomPerspective: '四个角移动的幅度：每个坐标至多移动其自身的 ±scale/2。',
    RandomErasing: '矩形大小：每张图像的每条边从 (lower, upper) 中均匀抽取 s，边长为图像边长的 √s；一个数 s 表示 (0, s)。',
  },
  dropout: {
    SimpleRNN: '输入单元的丢弃比例。',
    LSTM: '输入单元的丢弃比例。',
    GRU: '输入单元的丢弃比例。',
    ConvLSTM2D: '输入单元的丢弃比例。',
    ConvLSTM1D: '输入单元的丢弃比例。',
    ConvLSTM3D: '输入单元的丢弃比例。',
    RNN: '输入单元的丢弃比例。',
    MultiHeadAttention: '训练时对注意力分数做丢弃的比例。',
    GroupQueryAttention: '训练时对注意力分数做丢弃的比例。',
    Attention: '训练时对注意力分布做丢弃的比例。',
    AdditiveAttention: '训练时对注意力分布做丢弃的比例。',
  },
  recurrent_dropout: '循环状态单元的丢弃比例。',
  return_sequences: '返回完整的输出序列，而不只是序列中的最后一个输出。',
  return_state: '除输出外，同时返回最终状态。',
  go_backwards: '反向处理输入序列。',
  stateful: '把每个批次的最后状态作为下一个批次的初始状态（需要固定的批次大小）。',
  unroll: '展开时间步上的循环（短序列更快，但占用更多内存）。',
  unit_forget_bias: '初始化时给遗忘门的偏置加 1。',
  reset_after: '在矩阵乘法之后应用重置门（Keras 3 的默认值；输入和循环部分各有一个偏置）。',
  axes: '求点积所沿的轴：一个 int 同时用于两个输入，或 (a 的轴, b 的轴)。',
  normalize: '先沿 axes 对两个输入做 L2 归一化（即计算余弦相似度）。',
  max_value: '输出的最大值；None 表示不设上限。',
  negative_slope: { ReLU: '低于阈值部分的斜率。', LeakyReLU: '负输入部分的斜率。' },
  threshold: '低于该阈值的输入会被衰减。',
  rate: {
    Dropout: '输入单元的丢弃比例，取值在 [0, 1] 之间。',
    AlphaDropout: '输入单元的丢弃比例，取值在 [0, 1] 之间。',
    GaussianDropout: '它模拟的丢弃概率；噪声方差为 rate / (1 - rate)。',
    SpatialDropout1D: '训练时按此比例丢弃整个特征图（通道）。',
    SpatialDropout2D: '训练时按此比例丢弃整个特征图（通道）。',
    SpatialDropout3D: '训练时按此比例丢弃整个特征图（通道）。',
  },
  seed: { Dropout: '用作随机种子的整数（决定丢弃掩码）；None 表示不固定种子。', RandomCrop: '用作随机种子的整数（决定随机裁剪窗口）；None 表示不固定种子。' },
  noise_shape: '保留/丢弃掩码的形状（含批次维度）；某个轴为 1 表示沿该轴共用同一个丢弃决定。',
  layer: { Bidirectional: '要正向和反向各运行一次的循环层。', TimeDistributed: '在每个时间步上应用的层。', SpectralNormalization: '要对其 kernel 做谱归一化的层。' },
  power_iterations: '每个训练步中估计最大奇异值所用的幂迭代次数。',
  equation: 'einsum 方程：输入规格,核规格->输出规格，例如 "abc,cd->abd"。',
  output_shape: {
    EinsumDense: '不含批次维度的期望输出形状；None 表示该维大小取自输入。',
    MultiHeadAttention: '输出投影的大小（int 或元组，不含批次和序列维度）；None 表示与 query 的最后一维相同。',
  },
  bias_axes: '加偏置的输出轴（输出规格中的字母）；None 表示不加偏置。',
  num_heads: '注意力头的数量。',
  head_dim: '每个注意力头的大小。',
  num_query_heads: '查询头的数量。',
  num_key_value_heads: '键和值头的数量；必须整除 num_query_heads。',
  key_dim: 'query 和 key 每个注意力头的大小。',
  value_dim: 'value 每个注意力头的大小；None 表示等于 key_dim。',
  use_gate: '在输出投影之前，把注意力输出乘以由 query 计算的 sigmoid 门。',
  attention_axes: '在哪些轴上做注意力；None 表示除批次、头和特征以外的所有轴。',
  sliding_window: '注意力只看这么多个相邻位置；None 表示不限制。',
  use_scale: {
    Attention: '学习一个缩放注意力分数的标量。',
    AdditiveAttention: '学习一个在求和内部逐维应用的缩放向量。',
  },
  score_mode: '"dot"：query · key；"concat"：对 tanh(query + key) 求和。',
  mask_value: '所有特征都等于该值的时间步会被掩盖。',
  alpha: {
    ELU: '负半轴部分的缩放系数。',
    AugMix: '各链权重服从 Dirichlet(alpha)，原图权重服从 Beta(alpha, alpha)。',
    MixUp: '混合权重服从 Beta(alpha, alpha) 分布：alpha 越小，大多数图像越接近原图；1 表示均匀分布。',
  },
  alpha_initializer: 'alpha 权重的初始化器。',
  shared_axes: 'alpha 在哪些轴上共享（整个轴用一个值），例如图像用 (1, 2) 表示每个通道一个 alpha；None 表示每个值一个 alpha。',
  stddev: '噪声的标准差。',
  l1: 'L1 正则化系数。',
  l2: 'L2 正则化系数。',
  offset: '缩放之后加上的值。',
  mode: '要做哪些翻转："horizontal"（左右）、"vertical"（上下）或两者都做。',
  merge_mode: '正向和反向输出的合并方式；None 表示两者都返回。',
  op: '要应用的 keras.ops 函数。',
  ...Object.fromEntries(
    Object.entries({ kernel: 'kernel', bias: 'bias', recurrent: 'recurrent_kernel', depthwise: 'depthwise kernel', pointwise: 'pointwise kernel', embeddings: 'embeddings', beta: 'beta', gamma: 'gamma', alpha: 'alpha' }).flatMap(([w, word]) => [
      [`${w}_regularizer`, `应用于 ${word} 权重的正则化项（训练时加到损失上），例如 L2(l2=0.01)；None 表示不用。`],
      [`${w}_constraint`, `每次优化器更新后施加于 ${word} 权重的约束，例如 MaxNorm(max_value=2, axis=0)；None 表示不用。`],
    ]),
  ),
  scalar: '只用一个张量调用二元运算时的另一个操作数（x + 3.0）；有两个张量或一元运算时不用。',
  scalar_first: '把标量放在前面（3.0 - x 而不是 x - 3.0）。',
  mean: '用于归一化的均值，固定写在配置里（一个数，或最后一个保留轴的每个索引各一个）；None 表示作为不可训练的权重保存（由 adapt() 或导入的文件设置）。',
  variance: '用于归一化的方差，固定写在配置里（一个数，或最后一个保留轴的每个索引各一个）；None 表示作为不可训练的权重保存（由 adapt() 或导入的文件设置）。',
  invert: '做逆变换：x * sqrt(variance) + mean，把归一化后的值还原。',
  height: outRows,
  width: outCols,
  crop_to_aspect_ratio: '先裁出目标宽高比下最大的居中窗口，使图像不变形。',
  pad_to_aspect_ratio: '先用 fill_value 把图像两侧均匀填充到目标宽高比，使图像不变形。',
  fill_mode: {
    Resizing: '填充的方式：Keras 只有 "constant"（用 fill_value 填充）。',
    RandomRotation: affineFill,
    RandomZoom: affineFill,
    RandomTranslation: affineFill,
    RandomShear: affineFill,
    RandomElasticTransform: affineFill,
  },
  fill_value: {
    Resizing: '使用 pad_to_aspect_ratio 时填充部分的值。',
    RandomRotation: affineFillValue,
    RandomZoom: affineFillValue,
    RandomTranslation: affineFillValue,
    RandomShear: affineFillValue,
    RandomElasticTransform: affineFillValue,
    RandomPerspective: '图像外的点取的值。',
    RandomErasing: '被擦除像素的取值：None 表示按 value_range 上限缩放的高斯噪声，也可以是一个数，或每个通道一个数（3 个通道，channels_last）。',
  },
  factor: {
    RandomRotation: '旋转量占一整圈的比例：f 表示 [-f, f]，或 (lower, upper)，例如 0.1 表示最多 ±36°。',
    RandomContrast: "对比度变化：f 对应 Keras 的范围 (0, f)，或 (lower, upper)；因子取自 [1 - lower, 1 + upper]。",
    RandomBrightness: '亮度变化占 value_range 的比例：f 表示 [-f, f]，或 (lower, upper)。',
    RandomGrayscale: '图像被变成灰度图的概率：0 表示从不，1 表示总是。',
    RandomInvert: '反转概率：每张图像从 (lower, upper) 中均匀抽取一个；一个数 f 表示 (0, f)。',
    RandomGaussianBlur: '模糊概率：每张图像从 (lower, upper) 中均匀抽取一个；一个数 f 表示 (0, f)。',
    RandomErasing: '擦除概率：每张图像从 (lower, upper) 中均匀抽取一个；一个数 f 表示 (0, f)。',
    RandomPosterization: '每个值保留的比特数：每张图像从 [lower, upper) 中抽取一个整数（两者相等时就是 lower）；一个数 n 表示 (1, n)。',
    RandomColorDegeneration: '混合量：每张图像从 (lower, upper) 中均匀抽取；一个数 f 表示 (-f, f)；1 表示完全变灰。',
    RandomSaturation: '每张图像从 (lower, upper) 中均匀抽取 f，饱和度乘以 f / (1 - f)；一个数 f 表示 (-f, f)。',
    RandomHue: '每张图像从 (lower, upper) 中均匀抽取 f，色相移动 ±f/2（1 表示半个色环）；一个数 f 表示 (0, f)。',
    RandomSharpness: '每张图像从 (lower, upper) 中均匀抽取 f：0 得到平滑图像，0.5 保持原图，1 得到锐化图像；一个数 f 表示 (0, f)。',
    RandomPerspective: '透视变换的概率：每张图像从 (lower, upper) 中均匀抽取；一个数 f 表示 (0, f)。',
    RandomElasticTransform: '图像被扭曲的概率：每张图像从 (lower, upper) 中均匀抽取；一个数 f 表示 (0, f)。',
    AugMix: '每个步骤的强度 (lower, upper)（色调分离保留 max(1, int(8·upper)) 个比特）；一个数 f 表示 (0, f)。',
    RandAugment: '每个步骤的强度 (lower, upper)（色调分离保留 max(1, int(8·upper)) 个比特）；一个数 f 表示 (0, f)。',
    CutMix: '矩形大小服从 Beta(alpha, alpha)：每个批次从 (lower, upper) 中均匀抽取 alpha；一个数 f 表示 (0, f)。',
  },
  height_factor: {
    RandomZoom: '垂直缩放比例：f 表示 [-f, f]，或 (lower, upper)；图像按 1 + factor 缩放（正值：缩小）。',
    RandomTranslation: '垂直平移占高度的比例：f 表示 [-f, f]，或 (lower, upper)（正值：向下）。',
  },
  width_factor: {
    RandomZoom: '水平缩放比例，同 height_factor；None 表示与垂直方向缩放相同，保持宽高比。',
    RandomTranslation: '水平平移占宽度的比例：f 表示 [-f, f]，或 (lower, upper)（正值：向右）。',
  },
  value_range: { RandomBrightness: valueRangeZh, RandomContrast: valueRangeZh, RandomColorJitter: valueRangeZh, RandAugment: valueRangeZh, AugMix: valueRangeZh, '*': '输入值的范围 (low, high)：8 位像素为 (0, 255)，经过 Rescaling(1/255) 之后为 (0, 1)。' },
  x_factor: '水平错切量：f 表示 [0, f]，或 [0, 1] 内的 (lower, upper)；每张图像随机取正负。',
  y_factor: '垂直错切量：f 表示 [0, f]，或 [0, 1] 内的 (lower, upper)；每张图像随机取正负。',
  antialias: '缩小时加宽滤波器（jax.image.resize 的 antialias）；tfjs 4.22 中不可用。',
  // image augmentation (imageParams.ts)
  addition_factor: '阈值化之前加上的量，每张图像从 (lower, upper·255) 中均匀抽取；一个数 f 表示 (0, f)。',
  threshold_factor: '像素不低于该阈值时被反转，每张图像从 (lower, upper·255) 中均匀抽取；一个数 f 表示 (0, f)。',
  sigma: '高斯分布的标准差，每个批次、每个方向从 (lower, upper) 中均匀抽取；一个数 s 表示 (0, s)。',
  bins: '直方图的箱数。',
  cell: '每个时间步运行的单元：SimpleRNNCell、LSTMCell 或 GRUCell。',
  num_tokens: '不同 id 的个数：输入必须在 [0, num_tokens) 之内。',
  output_mode: '"one_hot"：每个索引变成长度为 depth 的一行，索引处为 1（大小为 1 的最后一个轴被替换）；"multi_hot"：每个样本中出现过的索引处为 1；"count"：每个样本中各索引出现的次数。',
  sparse: '返回稀疏张量（Keras 的 TensorFlow 或 JAX 后端）。Layerflow 只有稠密张量，所以只能为 False。',
  bin_boundaries: '递增的分箱边界：x < b[0] 为第 0 箱，b[0] ≤ x < b[1] 为第 1 箱，……，x ≥ b[-1] 为最后一箱。',
  num_bins: 'adapt() 计算边界时的分箱数（只为导出而保留；起作用的是边界）。',
  clip_limit: '直方图每个箱的上限为 clip_limit × 图块像素数 / 256，超出部分平均分给所有箱；0 或更小表示不截断。',
  tile_grid_size: '图块网格 (rows, cols)；图像先对称填充到它的整数倍。',
  num_chains: '要混合的增强链条数。',
  chain_depth: '每条链的步骤数；每次选取也可能是“无”，所以一条链至多有这么多步。',
  all_ops: '同时使用颜色类步骤（亮度、颜色退化、对比度、锐度）。',
  num_ops: '要应用的步骤数（同一步骤可能被选中多次）。',
  // RandomColorJitter: the factors of its four steps
  brightness_factor: '同 RandomBrightness(factor)：变化量占 value_range 的比例，f 表示 [-f, f]，或 (lower, upper)；None 表示不做亮度步骤。',
  contrast_factor: '同 RandomContrast(factor)：对比度因子取自 [1 - lower, 1 + upper]；None 表示不做对比度步骤。',
  saturation_factor: '同 RandomSaturation(factor)：饱和度乘以 f / (1 - f)，f 从 (lower, upper) 中抽取，0.5 表示不变；None 表示不做饱和度步骤。',
  hue_factor: '同 RandomHue(factor)：色相移动色环的 ±f/2，f 从 (lower, upper) 中抽取；None 表示不做色相步骤。',
};

/** Every documented param of the built-in kinds: kind, Keras name, English doc. */
const documented = Object.values(KINDS).flatMap((k) =>
  Object.entries(k.params).flatMap(([name, spec]) => (spec.doc ? [{ kind: k.kind, name, doc: spec.doc }] : [])),
);
/** Names whose doc differs between kinds get one key per kind; the rest one key per name. */
const perKind = new Set(
  documented.filter((d) => documented.some((o) => o.name === d.name && o.doc !== d.doc)).map((d) => d.name),
);
const key = (name: string, kind: string) => (perKind.has(name) ? `param.doc.${name}.${kind}` : `param.doc.${name}`);

/** The documented uses of `name` in kinds a per-kind record does not name: its '*' entry covers them. */
export const otherKinds = (name: string, perKindZh: Record<string, string>) => documented.filter((d) => d.name === name && !(d.kind in perKindZh));

/** name + English doc → catalogue key: the inspector knows a param's spec, not its kind. */
const byDoc = new Map(documented.map((d) => [`${d.name}\n${d.doc}`, key(d.name, d.kind)]));

/** The catalogue key of a param's hover text, or undefined when the engine has no doc for it. */
export const paramDocKey = (name: string, doc: string | undefined): string | undefined =>
  doc === undefined ? undefined : byDoc.get(`${name}\n${doc}`);

export const params = {
  en: Object.fromEntries(documented.map((d) => [key(d.name, d.kind), d.doc])),
  zh: Object.fromEntries(
    Object.entries(zhParamDocs).flatMap(([name, text]) =>
      typeof text === 'string'
        ? [[`param.doc.${name}`, text]]
        : Object.entries(text).flatMap(([kind, t]) =>
            kind === '*' ? otherKinds(name, text).map((d) => [key(name, d.kind), t]) : [[`param.doc.${name}.${kind}`, t]],
          ),
    ),
  ),
};
