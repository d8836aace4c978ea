/** The part of `navigator.storage` that asks the browser not to evict the store. */
export type PersistentStorage = {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
};

/**
 * Asks that the store never be evicted under storage pressure: unsent answers live only here.
 * Returns whether it is persistent, or null where the browser cannot say.
 */
export async function requestPersistence(
  storage: PersistentStorage | undefined,
): Promise<boolean | null> {
  if (!storage?.persist) {
    return null;
  }
  try {
    if (storage.persisted && (await storage.persisted())) {
      return true;
    }
    return await storage.persist();
  } catch {
    return false;
  }
}
