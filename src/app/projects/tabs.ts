/**
 * Tabs of this browser tell each other what they open and save (BroadcastChannel), so a second
 * tab on one project is told, and an edit saved in one tab is loaded — not overwritten — in the
 * other.
 */
/** A save carries its revision and the revision it was built on, so a save over an unseen one is known. */
export type TabMessage = { type: 'opened' | 'here' | 'saved'; id: string; tab: string; rev?: string; base?: string | null };

const TAB = crypto.randomUUID();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('layerflow.projects') : null;

export function tell(type: TabMessage['type'], id: string, save?: { rev: string; base: string | null }) {
  channel?.postMessage({ type, id, tab: TAB, ...save } satisfies TabMessage);
}

/** Messages from the other tabs. */
export function listen(fn: (m: TabMessage) => void) {
  channel?.addEventListener('message', (e: MessageEvent<TabMessage>) => {
    if (e.data?.tab !== TAB) fn(e.data);
  });
}
