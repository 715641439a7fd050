/**
 * Tabs of this browser tell each other what they open and save (BroadcastChannel), so a second
 * tab on one project is told, and an edit saved in one tab is loaded — not overwritten — in the
 * other.
 */
export type TabMessage = { type: 'opened' | 'here' | 'saved'; id: string; tab: string };

const TAB = crypto.randomUUID();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('layerflow.projects') : null;

export function tell(type: TabMessage['type'], id: string) {
  channel?.postMessage({ type, id, tab: TAB } satisfies TabMessage);
}

/** Messages from the other tabs. */
export function listen(fn: (m: TabMessage) => void) {
  channel?.addEventListener('message', (e: MessageEvent<TabMessage>) => {
    if (e.data?.tab !== TAB) fn(e.data);
  });
}
