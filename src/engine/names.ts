/** Keras naming: layer names from class names, made unique with _1, _2, ... */

/** keras.src.utils.naming.to_snake_case: Conv2D → conv2d, MaxPooling2D → max_pooling2d, ReLU → re_lu. */
export function snakeCase(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The first free name of `base`, `base_1`, `base_2`, ... not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Default name for a new layer of this kind: Keras 3's (InputLayer → input_layer, input_layer_1, …). */
export function defaultLayerName(kind: string, taken: ReadonlySet<string>): string {
  return uniqueName(kind === 'InputLayer' ? 'input_layer' : snakeCase(kind), taken);
}
