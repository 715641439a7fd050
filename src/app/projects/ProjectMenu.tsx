/** Placeholder until its owner lands the real panel. */
export function ProjectMenu() {
  return null;
}
