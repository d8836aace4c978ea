import { describe, expect, it } from 'vitest';
import { BRIDGE_CALL_NAMES } from '../core';
import { CALL_NAMES } from './channels';

describe('the preload call list', () => {
  it('names exactly the calls of the Bridge contract', () => {
    expect([...CALL_NAMES].sort()).toEqual([...BRIDGE_CALL_NAMES].sort());
  });
});
