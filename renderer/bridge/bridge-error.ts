/** A bridge call that did not succeed: `timeout`, `disconnected`, `closed`, or the host's code. */
export class BridgeCallError extends Error {
  override readonly name = 'BridgeCallError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
