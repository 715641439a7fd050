/** Every example of the seed guide as a project: the names the CLI (`template:NAME`) and tests use. */
import type { ProjectDoc } from '../engine/doc';
import { autoencoderNested } from './autoencoder_nested';
import { customDense } from './custom_dense';
import { customRnn } from './custom_rnn';
import { autoencoderShared } from './autoencoder_shared';
import { ensemble } from './ensemble';
import { mnistModel } from './mnist_model';
import { sharedEmbedding } from './shared_embedding';
import { ticketClassifier } from './ticket_classifier';
import { toyResnet } from './toy_resnet';
import { transformerClassifier } from './transformer_classifier';
import { vitMnist } from './vit_mnist';

export interface Template {
  title: string;
  description: string;
  build(): ProjectDoc;
}

export const TEMPLATES: Readonly<Record<string, Template>> = {
  mnist_model: { title: 'MNIST MLP', description: '784 → Dense(64) → Dense(64) → Dense(10): the first model of the guide.', build: mnistModel },
  autoencoder_shared: {
    title: 'Autoencoder (one layer graph)',
    description: 'An encoder model and an autoencoder model defined over the same layer graph.',
    build: autoencoderShared,
  },
  autoencoder_nested: {
    title: 'Autoencoder (nested models)',
    description: 'Encoder and decoder models, called like layers inside an autoencoder model.',
    build: autoencoderNested,
  },
  ensemble: { title: 'Ensemble', description: 'Three Dense(1) models on one input, averaged.', build: ensemble },
  ticket_classifier: {
    title: 'Ticket classifier',
    description: 'Multiple inputs and outputs: title, body and tags → priority and department.',
    build: ticketClassifier,
  },
  toy_resnet: { title: 'Toy ResNet', description: 'A small residual network for CIFAR-10 with two skip connections.', build: toyResnet },
  shared_embedding: { title: 'Shared embedding', description: 'One Embedding layer encoding two text inputs.', build: sharedEmbedding },
  custom_dense: { title: 'Custom layer', description: 'The guide\'s CustomDense(10): a layer class of your own, with its weights and call.', build: customDense },
  custom_rnn: {
    title: 'Custom RNN (mixed styles)',
    description: 'Conv1D, then a custom RNN layer on an input with a static batch size (batch_shape).',
    build: customRnn,
  },
  transformer_classifier: {
    title: 'Transformer text classifier',
    description: 'Token ids → Embedding + learned positions → a MultiHeadAttention encoder block → 2 classes (trains on synthetic data).',
    build: transformerClassifier,
  },
  vit_mnist: {
    title: 'Vision Transformer (MNIST)',
    description: '7×7 patches by a strided Conv2D → 16 tokens + learned positions → 2 encoder blocks → 10 digits.',
    build: vitMnist,
  },
};
