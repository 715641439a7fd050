/** Hard limits applied to every imported file before anything is allocated or handed to tfjs. */
export const LIMITS = {
  /** Any single file (model.json, .bin, .keras, project.json). */
  fileBytes: 200 * 1024 * 1024,
  /** JSON nesting: real model files stay far below; deeper is refused before JSON.parse. */
  jsonDepth: 128,
  /** Total parameter bytes (float32) of an imported project. */
  paramBytes: 1024 * 1024 * 1024,
  /** Elements of one weight tensor or one layer dimension. */
  dim: 1 << 24,
  /** Layers in one file. */
  layers: 20_000,
  /** Calls of one layer. */
  callsPerLayer: 1_000,
} as const;

export const fmtBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
