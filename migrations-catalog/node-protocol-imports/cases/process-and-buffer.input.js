import process from 'process';
import { Buffer } from 'buffer';
import { inspect } from 'util';

console.log(inspect(Buffer.from(process.argv[2] ?? '')));
