/** Pure document transforms behind every editor action: (doc, ...) => doc. */
export * from './nodes';
export * from './edges';
export * from './layers';
export * from './outputs';
export * from './models';
export * from './clipboard';
export { freshId, takenIds, takenNames } from './ids';
export { withModel, dropUnusedLayers, modelsCalling } from './model';
