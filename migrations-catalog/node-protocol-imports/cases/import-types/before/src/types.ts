export type Stream = import('stream').Readable;
export type Server = import('http').Server;
