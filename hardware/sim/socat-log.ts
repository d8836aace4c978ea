// What socat's `-d -d` log tells us about the kiosk side, which we cannot watch directly.
// socat writes no events of its own, so its notice lines are the only signal.

export type SocatLogEvents = {
  /** The kiosk opened its side for the first time (socat's wait-slave ended). */
  onKioskOpen: () => void;
  /** A read of the kiosk side failed with EIO: the kiosk closed its port. May repeat. */
  onKioskHangUp: () => void;
};

export type SocatLogReader = {
  push(chunk: string): void;
  /** socat's error lines so far, for messages to people. */
  readonly errors: readonly string[];
};

// "starting data transfer loop with FDs [5,5] and [7,7]": the second pair is the kiosk's.
const loopStart = /starting data transfer loop with FDs \[\d+,\d+\] and \[(\d+),\d+\]/;
const readFailed = /read\((\d+), .*\): Input\/output error/;
const errorLine = /socat\[\d+\] [EF] (.*)$/;

export function createSocatLogReader(events: SocatLogEvents): SocatLogReader {
  let partial = '';
  let kioskFd: string | undefined;
  const errors: string[] = [];
  return {
    errors,
    push(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const error = errorLine.exec(line);
        if (error !== null) {
          errors.push(`socat: ${error[1] ?? line}`);
        }
        const started = loopStart.exec(line);
        if (started !== null && kioskFd === undefined) {
          kioskFd = started[1];
          events.onKioskOpen();
        }
        const failed = readFailed.exec(line);
        if (failed !== null && failed[1] === kioskFd) {
          events.onKioskHangUp();
        }
      }
    },
  };
}
