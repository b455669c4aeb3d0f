import path from 'path';
import { NoteStore } from './notes';
import { createServer } from './server';

const port = Number(process.env.PORT ?? 3000);
const store = new NoteStore(path.join(__dirname, '..', 'data'));
createServer(store, console).listen(port, '127.0.0.1', () => console.log(`listening on ${port}`));
