import type { Bridge } from '../core';

declare global {
  /** When this build was made (ISO string), defined by Vite; the floor of a plausible clock. */
  const __HYMY_BUILD_TIME__: string;
  /** The Bridge the Electron preload exposes; absent in the browser host. */
  var hymy: Bridge | undefined;
}
