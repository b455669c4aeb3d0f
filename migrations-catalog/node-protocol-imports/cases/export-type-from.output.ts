export type { IncomingMessage, ServerResponse } from 'node:http';
export type { Readable } from 'node:stream';
