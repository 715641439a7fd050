/** Placeholder until the lead lands the real dialog (same file, same exports). */
export function openCustomLayerEditor(_className?: string) {}
export function CustomLayerDialog() {
  return null;
}
