import { useCallback, useSyncExternalStore } from 'react';
import type { RendererSyncStatus } from '../../../core';
import type { ServiceDeps } from './service-deps';

/** The renderer's own outbox and engine status, kept current as it changes. */
export function useSyncStatus(sync: ServiceDeps['sync']): RendererSyncStatus | null {
  const subscribe = useCallback((listener: () => void) => sync.onChange(listener), [sync]);
  const read = useCallback(() => sync.status(), [sync]);
  return useSyncExternalStore(subscribe, read);
}
