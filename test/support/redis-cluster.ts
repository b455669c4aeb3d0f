/**
 * A real 3-master Redis Cluster on free loopback ports, for the Cluster test:
 *
 *   const cluster = await startRedisCluster();
 *   cluster.url    → redis-cluster://127.0.0.1:<p1>?nodes=127.0.0.1:<p2>,127.0.0.1:<p3>
 *   cluster.ports  → the three masters
 *   await cluster.stop()
 *
 * Each node is a `redis-server --cluster-enabled yes` under local-redis.ts's watchdog (stopped
 * when the test process exits, however it exits); `redis-cli --cluster create … --cluster-yes`
 * assigns the 16384 slots, and the cluster is ready when every node reports `cluster_state:ok`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { startLocalRedis, type LocalRedis } from '../../src/queue/local-redis.js';

const run = promisify(execFile);

export interface RedisCluster {
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

async function clusterState(port: number): Promise<string> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    const info = (await client.call('CLUSTER', 'INFO')) as string;
    return /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
  } catch (error) {
    return `error: ${(error as Error).message}`;
  } finally {
    client.disconnect();
  }
}

export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const nodes: LocalRedis[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.stop().catch(() => {})));
  };
  try {
    for (let i = 0; i < masters; i++) {
      // The node config file lives in the node's own temp dir (--dir), removed with it.
      nodes.push(await startLocalRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']));
    }
    const ports = nodes.map((n) => n.port);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { timeout: 60_000 });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const states = await Promise.all(ports.map(clusterState));
      if (states.every((s) => s === 'ok')) break;
      if (Date.now() > deadline) throw new Error(`the Redis Cluster did not become ready: ${states.join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const [first, ...rest] = ports;
    return { url: `redis-cluster://127.0.0.1:${first}?nodes=${rest.map((p) => `127.0.0.1:${p}`).join(',')}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
