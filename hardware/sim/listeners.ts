/** A typed listener list whose `add` returns the unsubscribe function (STYLE.md rule 1). */
export type Listeners<T> = {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
};

export function createListeners<T>(): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value) {
      // A copy, so a listener may unsubscribe itself while we loop.
      for (const listener of [...listeners]) {
        listener(value);
      }
    },
  };
}
