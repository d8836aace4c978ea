/**
 * The kiosk screen as a small state machine.
 * starting: no config yet. ready: the visit's screen is shown (faces, a later question, a
 * follow-up…). saving: an answer is being written (the screen stays). thanks: a visit ended
 * with its answers committed. failed: an answer was not stored; the screen stays, with a message.
 */
export type KioskPhase = 'starting' | 'ready' | 'saving' | 'thanks' | 'failed';

export type KioskState = {
  phase: KioskPhase;
  /** Answers handed to the recorder and not yet committed or failed. */
  inFlight: number;
  /** Grows with every commit: a new commit during the thank-you restarts it. */
  thanksSeq: number;
  /** Grows with every failed write: a new failure restarts the message. */
  failedSeq: number;
};

export type KioskEvent =
  | { type: 'configured'; present: boolean }
  | { type: 'submitted' }
  /** `thanks`: the answer ended its visit; else the visit goes on to its next screen. */
  | { type: 'committed'; thanks: boolean }
  /** The visit ended on a screen that writes nothing of its own (a skip, a follow-up). */
  | { type: 'finished' }
  | { type: 'failed' }
  | { type: 'thanksElapsed'; seq: number }
  | { type: 'failedElapsed'; seq: number };

export const initialKioskState: KioskState = {
  phase: 'starting',
  inFlight: 0,
  thanksSeq: 0,
  failedSeq: 0,
};

/** Whether a tap or a key may start an answer now (a box press is queued in any phase). */
export function acceptsTaps(phase: KioskPhase): boolean {
  return phase === 'ready' || phase === 'failed';
}

function settled(state: KioskState): KioskPhase {
  return state.inFlight > 0 ? 'saving' : 'ready';
}

export function kioskReducer(state: KioskState, event: KioskEvent): KioskState {
  switch (event.type) {
    case 'configured':
      if (!event.present) {
        return { ...state, phase: 'starting' };
      }
      return state.phase === 'starting' ? { ...state, phase: settled(state) } : state;
    case 'submitted':
      // The thank-you of the previous answer stays up while the next one is written.
      return {
        ...state,
        inFlight: state.inFlight + 1,
        phase: state.phase === 'thanks' ? 'thanks' : 'saving',
      };
    case 'committed': {
      const inFlight = Math.max(0, state.inFlight - 1);
      if (!event.thanks) {
        const phase = state.phase === 'thanks' ? 'thanks' : inFlight > 0 ? 'saving' : 'ready';
        return { ...state, inFlight, phase };
      }
      return { ...state, inFlight, phase: 'thanks', thanksSeq: state.thanksSeq + 1 };
    }
    case 'finished':
      return { ...state, phase: 'thanks', thanksSeq: state.thanksSeq + 1 };
    case 'failed':
      return {
        ...state,
        inFlight: Math.max(0, state.inFlight - 1),
        phase: 'failed',
        failedSeq: state.failedSeq + 1,
      };
    case 'thanksElapsed':
      return state.phase === 'thanks' && event.seq === state.thanksSeq
        ? { ...state, phase: settled(state) }
        : state;
    case 'failedElapsed':
      return state.phase === 'failed' && event.seq === state.failedSeq
        ? { ...state, phase: settled(state) }
        : state;
  }
}
