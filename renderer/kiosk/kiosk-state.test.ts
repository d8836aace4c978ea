import { describe, expect, it } from 'vitest';
import { initialKioskState, kioskReducer, type KioskEvent, type KioskState } from './kiosk-state';

function run(...events: KioskEvent[]): KioskState {
  return events.reduce(kioskReducer, initialKioskState);
}

const configured: KioskEvent = { type: 'configured', present: true };

describe('the kiosk state machine', () => {
  it('starts, then shows the faces once it has a config', () => {
    expect(run().phase).toBe('starting');
    expect(run(configured).phase).toBe('ready');
  });

  it('shows the thank-you only after the commit, then the faces again', () => {
    expect(run(configured, { type: 'submitted' }).phase).toBe('saving');
    const thanks = run(configured, { type: 'submitted' }, { type: 'committed', thanks: true });
    expect(thanks.phase).toBe('thanks');
    expect(kioskReducer(thanks, { type: 'thanksElapsed', seq: thanks.thanksSeq }).phase).toBe(
      'ready',
    );
  });

  it('restarts the thank-you when another press is stored during it', () => {
    const first = run(configured, { type: 'submitted' }, { type: 'committed', thanks: true });
    const during = kioskReducer(first, { type: 'submitted' });
    expect(during.phase).toBe('thanks');
    const second = kioskReducer(during, { type: 'committed', thanks: true });
    expect(kioskReducer(second, { type: 'thanksElapsed', seq: first.thanksSeq })).toBe(second);
    expect(kioskReducer(second, { type: 'thanksElapsed', seq: second.thanksSeq }).phase).toBe(
      'ready',
    );
  });

  it('stays saving after the thank-you while a queued press is still being written', () => {
    const state = run(
      configured,
      { type: 'submitted' },
      { type: 'submitted' },
      { type: 'committed', thanks: true },
    );
    expect(kioskReducer(state, { type: 'thanksElapsed', seq: state.thanksSeq }).phase).toBe(
      'saving',
    );
  });

  it('shows the failure, then the faces again', () => {
    const failed = run(configured, { type: 'submitted' }, { type: 'failed' });
    expect(failed.phase).toBe('failed');
    expect(kioskReducer(failed, { type: 'failedElapsed', seq: failed.failedSeq }).phase).toBe(
      'ready',
    );
  });

  it('goes back to starting when the config goes away', () => {
    expect(run(configured, { type: 'configured', present: false }).phase).toBe('starting');
  });

  it('moves on to the next screen of a visit without a thank-you, and thanks when it ends', () => {
    const next = run(configured, { type: 'submitted' }, { type: 'committed', thanks: false });
    expect(next).toMatchObject({ phase: 'ready', inFlight: 0, thanksSeq: 0 });
    const ended = kioskReducer(next, { type: 'finished' });
    expect(ended).toMatchObject({ phase: 'thanks', thanksSeq: 1 });
  });
});
