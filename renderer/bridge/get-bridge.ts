import { WIRE_PATH, type Bridge } from '../../core';
import { createWsBridge } from './ws-bridge';

/** Where the browser host's bridge listens, and the key it put in this page's fragment. */
export function wireTarget(location: Pick<Location, 'protocol' | 'host' | 'hash'>): {
  url: string;
  key: string;
} {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const key = new URLSearchParams(location.hash.replace(/^#/, '')).get('k') ?? '';
  return { url: `${scheme}://${location.host}${WIRE_PATH}`, key };
}

let shared: Bridge | undefined;

/** The Electron preload's Bridge when there is one, else one WebSocket client for the page. */
export function getBridge(): Bridge {
  if (window.hymy) {
    return window.hymy;
  }
  shared ??= createWsBridge({
    url: wireTarget(window.location).url,
    key: () => wireTarget(window.location).key,
  });
  return shared;
}
