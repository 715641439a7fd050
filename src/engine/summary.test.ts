/**
 * summary() against the seed guide's printed model.summary() blocks, character for character
 * (copied from seed/keras-functional-api-guide.zh.md; the seed strips each line's leading and
 * trailing blanks, as summary() does).
 */
import { describe, expect, it } from 'vitest';
import { summary } from './summary';
import { TEMPLATES } from '../templates';
import type { ProjectDoc } from './doc';
import { ProjectBuilder } from './build';

const modelId = (doc: ProjectDoc, name: string) => Object.values(doc.models).find((m) => m.name === name)!.id;
const MNIST_MODEL = `Model: "mnist_model"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
input_1 (InputLayer)        [(None, 784)]             0

dense (Dense)               (None, 64)                50240

dense_1 (Dense)             (None, 64)                4160

dense_2 (Dense)             (None, 10)                650

=================================================================
Total params: 55,050
Trainable params: 55,050
Non-trainable params: 0
_________________________________________________________________`;
const SHARED_ENCODER = `Model: "encoder"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
img (InputLayer)            [(None, 28, 28, 1)]       0

conv2d (Conv2D)             (None, 26, 26, 16)        160

conv2d_1 (Conv2D)           (None, 24, 24, 32)        4640

max_pooling2d (MaxPooling2D  (None, 8, 8, 32)         0
)

conv2d_2 (Conv2D)           (None, 6, 6, 32)          9248

conv2d_3 (Conv2D)           (None, 4, 4, 16)          4624

global_max_pooling2d (Globa  (None, 16)               0
lMaxPooling2D)

=================================================================
Total params: 18,672
Trainable params: 18,672
Non-trainable params: 0
_________________________________________________________________`;
const SHARED_AUTOENCODER = `Model: "autoencoder"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
img (InputLayer)            [(None, 28, 28, 1)]       0

conv2d (Conv2D)             (None, 26, 26, 16)        160

conv2d_1 (Conv2D)           (None, 24, 24, 32)        4640

max_pooling2d (MaxPooling2D  (None, 8, 8, 32)         0
)

conv2d_2 (Conv2D)           (None, 6, 6, 32)          9248

conv2d_3 (Conv2D)           (None, 4, 4, 16)          4624

global_max_pooling2d (Globa  (None, 16)               0
lMaxPooling2D)

reshape (Reshape)           (None, 4, 4, 1)           0

conv2d_transpose (Conv2DTra  (None, 6, 6, 16)         160
nspose)

conv2d_transpose_1 (Conv2DT  (None, 8, 8, 32)         4640
ranspose)

up_sampling2d (UpSampling2D  (None, 24, 24, 32)       0
)

conv2d_transpose_2 (Conv2DT  (None, 26, 26, 16)       4624
ranspose)

conv2d_transpose_3 (Conv2DT  (None, 28, 28, 1)        145
ranspose)

=================================================================
Total params: 28,241
Trainable params: 28,241
Non-trainable params: 0
_________________________________________________________________`;
const NESTED_ENCODER = `Model: "encoder"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
original_img (InputLayer)   [(None, 28, 28, 1)]       0

conv2d_4 (Conv2D)           (None, 26, 26, 16)        160

conv2d_5 (Conv2D)           (None, 24, 24, 32)        4640

max_pooling2d_1 (MaxPooling  (None, 8, 8, 32)         0
2D)

conv2d_6 (Conv2D)           (None, 6, 6, 32)          9248

conv2d_7 (Conv2D)           (None, 4, 4, 16)          4624

global_max_pooling2d_1 (Glo  (None, 16)               0
balMaxPooling2D)

=================================================================
Total params: 18,672
Trainable params: 18,672
Non-trainable params: 0
_________________________________________________________________`;
const NESTED_DECODER = `Model: "decoder"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
encoded_img (InputLayer)    [(None, 16)]              0

reshape_1 (Reshape)         (None, 4, 4, 1)           0

conv2d_transpose_4 (Conv2DT  (None, 6, 6, 16)         160
ranspose)

conv2d_transpose_5 (Conv2DT  (None, 8, 8, 32)         4640
ranspose)

up_sampling2d_1 (UpSampling  (None, 24, 24, 32)       0
2D)

conv2d_transpose_6 (Conv2DT  (None, 26, 26, 16)       4624
ranspose)

conv2d_transpose_7 (Conv2DT  (None, 28, 28, 1)        145
ranspose)

=================================================================
Total params: 9,569
Trainable params: 9,569
Non-trainable params: 0
_________________________________________________________________`;
const NESTED_AUTOENCODER = `Model: "autoencoder"
_________________________________________________________________
Layer (type)                Output Shape              Param #
=================================================================
img (InputLayer)            [(None, 28, 28, 1)]       0

encoder (Functional)        (None, 16)                18672

decoder (Functional)        (None, 28, 28, 1)         9569

=================================================================
Total params: 28,241
Trainable params: 28,241
Non-trainable params: 0
_________________________________________________________________`;
/** The seed's toy_resnet block as printed: it lost the add row's first line and the add_1 row. */
const SEED_TOY_RESNET = `Model: "toy_resnet"
__________________________________________________________________________________________________
Layer (type)                   Output Shape         Param #     Connected to
==================================================================================================
img (InputLayer)               [(None, 32, 32, 3)]  0           []

conv2d_8 (Conv2D)              (None, 30, 30, 32)   896         ['img[0][0]']

conv2d_9 (Conv2D)              (None, 28, 28, 64)   18496       ['conv2d_8[0][0]']

max_pooling2d_2 (MaxPooling2D)  (None, 9, 9, 64)    0           ['conv2d_9[0][0]']

conv2d_10 (Conv2D)             (None, 9, 9, 64)     36928       ['max_pooling2d_2[0][0]']

conv2d_11 (Conv2D)             (None, 9, 9, 64)     36928       ['conv2d_10[0][0]']

'max_pooling2d_2[0][0]']

conv2d_12 (Conv2D)             (None, 9, 9, 64)     36928       ['add[0][0]']

conv2d_13 (Conv2D)             (None, 9, 9, 64)     36928       ['conv2d_12[0][0]']

conv2d_14 (Conv2D)             (None, 7, 7, 64)     36928       ['add_1[0][0]']

global_average_pooling2d (Glob  (None, 64)          0           ['conv2d_14[0][0]']
alAveragePooling2D)

dense_6 (Dense)                (None, 256)          16640       ['global_average_pooling2d[0][0]'
]

dropout (Dropout)              (None, 256)          0           ['dense_6[0][0]']

dense_7 (Dense)                (None, 10)           2570        ['dropout[0][0]']

==================================================================================================
Total params: 223,242
Trainable params: 223,242
Non-trainable params: 0
__________________________________________________________________________________________________`;
/** The toy_resnet block with the lost lines restored, as tf.keras 2.x prints the model the seed's code builds. */
const TOY_RESNET = `Model: "toy_resnet"
__________________________________________________________________________________________________
Layer (type)                   Output Shape         Param #     Connected to
==================================================================================================
img (InputLayer)               [(None, 32, 32, 3)]  0           []

conv2d_8 (Conv2D)              (None, 30, 30, 32)   896         ['img[0][0]']

conv2d_9 (Conv2D)              (None, 28, 28, 64)   18496       ['conv2d_8[0][0]']

max_pooling2d_2 (MaxPooling2D)  (None, 9, 9, 64)    0           ['conv2d_9[0][0]']

conv2d_10 (Conv2D)             (None, 9, 9, 64)     36928       ['max_pooling2d_2[0][0]']

conv2d_11 (Conv2D)             (None, 9, 9, 64)     36928       ['conv2d_10[0][0]']

add (Add)                      (None, 9, 9, 64)     0           ['conv2d_11[0][0]',
                                                                 'max_pooling2d_2[0][0]']

conv2d_12 (Conv2D)             (None, 9, 9, 64)     36928       ['add[0][0]']

conv2d_13 (Conv2D)             (None, 9, 9, 64)     36928       ['conv2d_12[0][0]']

add_1 (Add)                    (None, 9, 9, 64)     0           ['conv2d_13[0][0]',
                                                                 'add[0][0]']

conv2d_14 (Conv2D)             (None, 7, 7, 64)     36928       ['add_1[0][0]']

global_average_pooling2d (Glob  (None, 64)          0           ['conv2d_14[0][0]']
alAveragePooling2D)

dense_6 (Dense)                (None, 256)          16640       ['global_average_pooling2d[0][0]'
                                                                ]

dropout (Dropout)              (None, 256)          0           ['dense_6[0][0]']

dense_7 (Dense)                (None, 10)           2570        ['dropout[0][0]']

==================================================================================================
Total params: 223,242
Trainable params: 223,242
Non-trainable params: 0
__________________________________________________________________________________________________`;

describe('summary: the seed guide', () => {
  it('mnist_model', () => {
    const doc = TEMPLATES.mnist_model.build();
    expect(summary(doc, modelId(doc, 'mnist_model'))).toBe(MNIST_MODEL);
  });

  it('autoencoder_shared: encoder and autoencoder over one layer graph', () => {
    const doc = TEMPLATES.autoencoder_shared.build();
    expect(summary(doc, modelId(doc, 'encoder'))).toBe(SHARED_ENCODER);
    expect(summary(doc, modelId(doc, 'autoencoder'))).toBe(SHARED_AUTOENCODER);
  });

  it('autoencoder_nested: encoder, decoder, and the autoencoder calling both as (Functional)', () => {
    const doc = TEMPLATES.autoencoder_nested.build();
    expect(summary(doc, modelId(doc, 'encoder'))).toBe(NESTED_ENCODER);
    expect(summary(doc, modelId(doc, 'decoder'))).toBe(NESTED_DECODER);
    expect(summary(doc, modelId(doc, 'autoencoder'))).toBe(NESTED_AUTOENCODER);
  });

  it('toy_resnet: the "Connected to" layout, with every line the seed kept, in order', () => {
    const doc = TEMPLATES.toy_resnet.build();
    const text = summary(doc, doc.main);
    expect(text).toBe(TOY_RESNET);
    const ours = text.split('\n').map((l) => l.trim());
    let at = 0;
    for (const line of SEED_TOY_RESNET.split('\n').map((l) => l.trim())) {
      const found = ours.indexOf(line, at);
      expect(found, `seed line "${line}"`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });
});

describe('summary: other layouts', () => {
  it('lists a shared layer once with both calls, and multi-input models with "Connected to"', () => {
    const doc = TEMPLATES.shared_embedding.build();
    const lines = summary(doc, doc.main).split('\n');
    expect(lines).toContain("embedding (Embedding)          (None, None, 128)    128000      ['input_layer[0][0]',");
    expect(lines).toContain("                                                                 'input_layer_1[0][0]']");
    expect(lines).toContain('Total params: 128,000');
  });

  it('numbers the calls of a nested model after its own graph, as Keras does', () => {
    const doc = TEMPLATES.ensemble.build();
    const text = summary(doc, doc.main);
    expect(text).toContain("model1 (Functional)            (None, 1)            129         ['input_layer_3[0][0]']");
    expect(text).toContain("average (Average)              (None, 1)            0           ['model1[1][0]',");
    expect(text).toContain('Total params: 387');
  });

  it('orders layers by depth like Keras: the tags input comes after the LSTMs', () => {
    const doc = TEMPLATES.ticket_classifier.build();
    const names = summary(doc, doc.main)
      .split('\n')
      .filter((l) => /^\w+ \(\w+\)/.test(l) && !l.startsWith('Layer (type)'))
      .map((l) => l.split(' ')[0]);
    expect(names).toEqual(['title', 'body', 'embedding', 'embedding_1', 'lstm', 'lstm_1', 'tags', 'concatenate', 'priority', 'department']);
    expect(summary(doc, doc.main)).toContain('Total params: 1,392,097');
  });
});

describe('summary: output shapes as Keras prints them', () => {
  it('prints "multiple" for a shared layer whose calls have different output shapes, and a list for several outputs', () => {
    const b = new ProjectBuilder('t');
    const dense = b.layer('Dense', { units: 4 });
    const x = b.input([8]);
    const s = b.input([3, 8]);
    const seq = b.layer('LSTM', { units: 2, return_state: true }).call(dense.call(s));
    b.model('m', [x, s], [dense.call(x), seq]);
    const doc = b.build();
    const lines = summary(doc, doc.main).split('\n');
    expect(lines.find((l) => l.startsWith('dense (Dense)'))).toMatch(/^dense \(Dense\)\s+multiple\s+36\s/);
    expect(lines.find((l) => l.startsWith('lstm (LSTM)'))).toMatch(/^lstm \(LSTM\)\s+\[\(None, 2\),\s+56/);
  });

  it('never throws on a broken graph', () => {
    const doc = TEMPLATES.mnist_model.build();
    const m = doc.models[doc.main];
    const broken: ProjectDoc = {
      ...doc,
      models: { [m.id]: { ...m, nodes: [...m.nodes, { id: 'ghost', call: { layer: 'gone' }, x: 0, y: 0 }, { id: 'self', call: { model: m.id }, x: 0, y: 0 }], edges: [...m.edges, { id: 'g', from: { node: 'ghost', output: 0 }, to: { node: 'self', input: 0 } }], outputs: [...m.outputs, { node: 'self', output: 0 }] } },
    };
    expect(() => summary(broken, m.id)).not.toThrow();
  });
});
