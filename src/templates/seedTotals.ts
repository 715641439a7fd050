/** The params totals the seed guide's Keras output prints, per template and model (issue 2's table). */
export const SEED_TOTALS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  mnist_model: { mnist_model: 55050 },
  autoencoder_shared: { encoder: 18672, autoencoder: 28241 },
  autoencoder_nested: { encoder: 18672, decoder: 9569, autoencoder: 28241 },
  ensemble: { model1: 129, model2: 129, model3: 129, ensemble: 387 },
  ticket_classifier: { ticket_classifier: 1392097 },
  toy_resnet: { toy_resnet: 223242 },
  shared_embedding: { shared_embedding: 128000 },
};
