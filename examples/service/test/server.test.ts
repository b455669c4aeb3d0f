import http from 'http';
import { NoteStore } from '../src/notes';
import { createServer, listen } from '../src/server';

function get(port: number, pathname: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname }, (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(data) }));
      })
      .on('error', reject);
  });
}

describe('server', () => {
  const store = new NoteStore('/nonexistent');
  const logger = { info: jest.fn() };
  let server: http.Server;
  let port: number;

  beforeEach(async () => {
    jest.spyOn(store, 'list').mockResolvedValue(['hello']);
    jest.spyOn(store, 'read').mockImplementation(async (name: string) => (name === 'hello' ? 'hi' : undefined));
    server = createServer(store, logger);
    port = await listen(server);
  });

  afterEach(() => {
    server.close();
  });

  it('answers /health', async () => {
    expect(await get(port, '/health')).toEqual({ status: 200, body: { ok: true } });
    expect(logger.info).toHaveBeenCalledWith('GET /health');
  });

  it('lists and reads notes', async () => {
    expect((await get(port, '/notes')).body).toEqual(['hello']);
    expect(await get(port, '/notes/hello')).toEqual({ status: 200, body: { text: 'hi' } });
    expect((await get(port, '/notes/missing')).status).toBe(404);
  });
});
