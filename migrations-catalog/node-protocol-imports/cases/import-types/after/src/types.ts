export type Stream = import('node:stream').Readable;
export type Server = import('node:http').Server;
