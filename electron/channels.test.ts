import { describe, expect, it } from 'vitest';
import { BRIDGE_CALL_NAMES, BRIDGE_EVENT_NAMES } from '../core';
import { CALL_NAMES, EVENT_NAMES } from './channels';

describe('the preload name lists', () => {
  it('name exactly the calls of the Bridge contract', () => {
    expect([...CALL_NAMES].sort()).toEqual([...BRIDGE_CALL_NAMES].sort());
  });

  it('name exactly the events of the Bridge contract', () => {
    expect([...EVENT_NAMES].sort()).toEqual([...BRIDGE_EVENT_NAMES].sort());
  });
});
