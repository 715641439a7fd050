/** Placeholder until its owner lands the real panel. */
export function IoPanel() {
  return null;
}
