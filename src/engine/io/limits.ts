/** Hard limits applied to every imported file before anything is allocated or handed to tfjs. */
export const LIMITS = {
  /** Any single file (model.json, .bin, project.json) but a weights archive. */
  fileBytes: 200 * 1024 * 1024,
  /**
   * A .keras or .h5 model file: its weights are bounded by paramBytes and checked against the
   * model's parameter count before any value is read; VGG16's .keras is 528 MB.
   */
  archiveBytes: 1536 * 1024 * 1024,
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

/** The size limit for a file of this name. */
export const fileLimit = (name: string) => (/\.(keras|h5|hdf5)$/i.test(name) ? LIMITS.archiveBytes : LIMITS.fileBytes);

export const fmtBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
