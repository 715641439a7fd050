/** Placeholder until its owner lands the real panel. */
export function TrainingPanel() {
  return null;
}
