import process from 'node:process';
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';

console.log(inspect(Buffer.from(process.argv[2] ?? '')));
