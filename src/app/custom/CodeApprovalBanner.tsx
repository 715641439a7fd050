/** Placeholder until the lead lands the real banner (same file, same export). */
export function CodeApprovalBanner() {
  return null;
}
