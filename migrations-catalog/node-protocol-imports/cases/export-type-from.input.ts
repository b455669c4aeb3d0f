export type { IncomingMessage, ServerResponse } from 'http';
export type { Readable } from 'stream';
