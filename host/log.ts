/** The host's log: the one Node log writer (node/log.ts), shared with the server. */
export * from '../node/log';
