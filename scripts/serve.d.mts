import type { Server } from 'node:http';

/** Starts the example server on `port` (0: any free port) on loopback. */
export function serve(port?: number): Promise<{ server: Server; url: string }>;
