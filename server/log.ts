/** The server's log: the one Node log writer (node/log.ts), shared with the host. */
export * from '../node/log';
