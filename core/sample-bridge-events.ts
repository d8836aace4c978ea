import type { HostStatus } from './bridge';
import type { BridgeEvents } from './bridge-events';
import { DEMO_CONFIG } from './demo';
import { TerminalConfigSchema } from './terminal-config';

/** For tests: a host status as the browser host reports it before the page has reported. */
export function sampleHostStatus(overrides: Partial<HostStatus> = {}): HostStatus {
  return {
    host: 'browser',
    appVersion: '0.1.0',
    configSource: 'demo',
    hardwareId: 'hw-0123456789ab',
    defaultLanguage: null,
    serviceOpen: false,
    lastExport: null,
    buttonBox: null,
    renderer: null,
    central: null,
    shell: null,
    journal: null,
    storage: null,
    ...overrides,
  };
}

/**
 * For tests: one payload of every event of the Bridge. The type names every event, so a new
 * event does not compile here until it has a sample, and the transports' tests that send each
 * of these then check the new event is carried too.
 */
export function sampleBridgeEvents(): { [K in keyof BridgeEvents]: BridgeEvents[K] } {
  return {
    'button:press': { pressId: 'p-sample', button: 2, at: Date.UTC(2026, 10, 23, 10) },
    'config:changed': TerminalConfigSchema.parse(DEMO_CONFIG),
    'status:changed': sampleHostStatus(),
    'service:closed': null,
    'page:reload': null,
  };
}
