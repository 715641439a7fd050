/**
 * What each built-in layer kind does (palette tooltip, inspector), in both languages. English is
 * the kind's own `doc` (src/nodes); Chinese is written here, and the catalogue test fails when a
 * kind has none. Keras names (kinds, parameters, values) stay as in Keras.
 */
import { KINDS } from '../../../nodes';

const zh: Record<string, string> = {
  InputLayer: '模型输入：给定形状的符号张量（不含批次维度）。',
  Dense: '全连接层：在最后一个轴上计算 activation(dot(input, kernel) + bias)。',
  EinsumDense: '以 einsum 方程（如 "abc,cd->abd"）表示输入与核相乘的全连接层，可在 bias_axes 上加偏置。',
  Embedding: '把 [0, input_dim) 中的整数 id 变成 output_dim 维的稠密向量：(batch, n) → (batch, n, output_dim)。',
  Conv2D: '图像上的二维卷积 (batch, rows, cols, channels)。',
  Conv1D: '序列上的一维卷积 (batch, steps, channels)。',
  Conv3D: '体数据上的三维卷积 (batch, depth, rows, cols, channels)。',
  Conv2DTranspose: '二维转置卷积（“反卷积”）：放大 rows 和 cols，例如用在解码器中。',
  SeparableConv2D: '深度可分离二维卷积：先逐通道做空间卷积，再做跨通道的 1×1 卷积。',
  DepthwiseConv2D: '逐深度二维卷积：每个输入通道单独卷积，各输出 depth_multiplier 个通道。',
  MaxPooling1D: '在序列 (batch, steps, channels) 上按 pool_size 步的窗口取最大值。',
  MaxPooling2D: '在图像 (batch, rows, cols, channels) 上按 pool_size 窗口取最大值；strides 默认等于 pool_size。',
  MaxPooling3D: '在体数据 (batch, depth, rows, cols, channels) 上按 pool_size 窗口取最大值。',
  AveragePooling1D: '在序列 (batch, steps, channels) 上按 pool_size 步的窗口取平均值。',
  AveragePooling2D: '在图像 (batch, rows, cols, channels) 上按 pool_size 窗口取平均值；strides 默认等于 pool_size。',
  AveragePooling3D: '在体数据 (batch, depth, rows, cols, channels) 上按 pool_size 窗口取平均值。',
  GlobalMaxPooling1D: '对序列的所有步取最大值：(batch, steps, channels) → (batch, channels)。',
  GlobalMaxPooling2D: '对所有 rows 和 cols 取最大值：(batch, rows, cols, channels) → (batch, channels)。',
  GlobalAveragePooling1D: '对序列的所有步取平均值：(batch, steps, channels) → (batch, channels)。',
  GlobalAveragePooling2D: '对所有 rows 和 cols 取平均值：(batch, rows, cols, channels) → (batch, channels)。',
  Flatten: '把批次以外的所有轴展平为一个：(batch, 28, 28, 1) → (batch, 784)。',
  Reshape: '把批次以外的轴变形为 target_shape；其中一项可以是 -1，由元素总数推算。',
  Permute: '重排批次之后的轴：Permute((2, 1)) 把 (batch, 10, 64) 变成 (batch, 64, 10)。',
  RepeatVector: '把向量重复 n 次：(batch, features) → (batch, n, features)。',
  UpSampling1D: '把序列的每一步重复 size 次：(batch, steps, features) → (batch, steps·size, features)。',
  UpSampling2D: '沿 rows 和 cols 把图像放大 size 倍：nearest 重复像素，其他方式插值。',
  ZeroPadding2D: '在图像的上、下、左、右补上若干行和列的零。',
  Cropping2D: '从图像的上、下、左、右裁掉若干行和列。',
  BatchNormalization: '把 `axis` 上的每个特征归一化为均值 0、方差 1（训练时用批次统计量，推理时用滑动平均）。',
  LayerNormalization: '对每个样本在 `axis` 上归一化（不跨批次），再乘以 gamma、加上 beta。',
  GroupNormalization: '把 `axis` 上的通道分成 groups 组，对每个样本的每组（连同空间轴）归一化；groups 为 -1 时每个通道一组。',
  UnitNormalization: '缩放每个样本，使其在 `axis` 上的 L2 范数为 1。',
  RMSNormalization: '用每个样本在 `axis` 上的均方根去除（不减均值），再乘以学习到的 scale。',
  MultiHeadAttention: '多头注意力：query 对 value 做注意力（key 默认等于 value）；num_heads 个头各投影到 key_dim 维，再投影回输出。',
  Attention: '点积注意力：对形状为 (batch, steps, dim) 的 [query, value] 或 [query, value, key] 计算 softmax(query · keyᵀ) · value。',
  AdditiveAttention: '加性（Bahdanau 式）注意力：对 [query, value] 或 [query, value, key] 计算 softmax(Σ tanh(query + key)) · value。',
  SimpleRNN: '全连接 RNN：在 (batch, timesteps, features) 上计算 h_t = activation(x_t·W + h_(t-1)·U + b)。',
  LSTM: '长短期记忆层，输入为 (batch, timesteps, features)；return_state 会额外输出最终的 h 和 c。',
  GRU: '门控循环单元，输入为 (batch, timesteps, features)；return_state 会额外输出最终的 h。',
  ConvLSTM2D: '在图像序列 (batch, time, rows, cols, channels) 上运行的 LSTM，用卷积代替矩阵乘法。',
  Subtract: '恰好两个同形状输入的逐元素差 a - b。',
  Multiply: '多个同形状输入的逐元素乘积。',
  Average: '多个同形状输入的逐元素平均。',
  Maximum: '多个同形状输入的逐元素最大值。',
  Minimum: '多个同形状输入的逐元素最小值。',
  Concatenate: '沿 `axis` 拼接多个输入；其他维度必须一致。',
  Dot: '两个输入沿 `axes`（每个输入一个）逐样本求点积；normalize=True 时为余弦相似度。',
  Add: '多个同形状输入的逐元素和。',
  Activation: '逐元素应用一个激活函数；形状不变。',
  ReLU: '线性整流单元：x ≥ threshold 时为 x，低于时为 negative_slope·(x - threshold)，上限为 max_value。',
  LeakyReLU: '带泄漏的线性整流单元：x ≥ 0 时为 x，低于 0 时为 negative_slope·x。',
  Softmax: '沿 axis 做 softmax：该轴上的值变为正数且和为 1。',
  Dropout: '训练时把比例为 rate 的输入置 0，其余乘以 1/(1 - rate)。',
  Bidirectional: '把被包装的 RNN 正向运行一次、其副本反向运行一次，再合并两者的输出。',
  TimeDistributed: '把被包装的层用同一组权重应用到 (batch, time, ...) 输入的每个时间片上。',
};

const key = (kind: string) => `layer.doc.${kind}`;

export const layers = {
  en: Object.fromEntries(Object.values(KINDS).map((k) => [key(k.kind), k.doc])),
  zh: Object.fromEntries(Object.entries(zh).map(([kind, text]) => [key(kind), text])),
};
