/**
 * Trained weights belong to the project: kept in memory for the open project and in IndexedDB
 * (by project key), written at every epoch's checkpoint, so they survive a reload or a crash.
 * Export reads them with `projectWeights()`.
 */
import { createStore, del, get, set } from 'idb-keyval';
import { create } from 'zustand';
import type { WeightSet } from '../../engine/weights';

const idb = createStore('layerflow-weights', 'weights');

interface WeightState {
  projectKey: string | null;
  weights: WeightSet | null;
  /** Epochs the stored weights were trained for (resume continues the count). */
  epochs: number;
  savedAt: number | null;
}

export const useWeights = create<WeightState>()(() => ({ projectKey: null, weights: null, epochs: 0, savedAt: null }));

export const projectWeights = (): WeightSet | null => useWeights.getState().weights;

/** Switch to a project's weights (loads them from IndexedDB). */
export async function openWeights(projectKey: string): Promise<void> {
  if (useWeights.getState().projectKey === projectKey) return;
  useWeights.setState({ projectKey, weights: null, epochs: 0, savedAt: null });
  try {
    const stored = await get<{ weights: WeightSet; epochs: number; savedAt: number }>(projectKey, idb);
    if (stored && useWeights.getState().projectKey === projectKey) useWeights.setState({ ...stored });
  } catch {
    /* no IndexedDB (private mode): weights live for this page only */
  }
}

export async function saveWeights(weights: WeightSet, epochs: number): Promise<void> {
  const { projectKey } = useWeights.getState();
  const savedAt = Date.now();
  useWeights.setState({ weights, epochs, savedAt });
  if (!projectKey) return;
  try {
    await set(projectKey, { weights, epochs, savedAt }, idb);
  } catch {
    /* storage full: the weights stay in memory */
  }
}

export async function clearWeights(): Promise<void> {
  const { projectKey } = useWeights.getState();
  useWeights.setState({ weights: null, epochs: 0, savedAt: null });
  if (projectKey) await del(projectKey, idb).catch(() => undefined);
}
