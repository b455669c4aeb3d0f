/**
 * Rides out a short Redis outage (a restart, a failover) for writes that must not be lost:
 * godwit's own client fails a command after a few reconnect attempts, and a job whose final
 * bookkeeping fails is retried by BullMQ — running the whole pipeline, and publishing, again.
 * Connection errors are retried with backoff up to `timeoutMs`; any other error is thrown.
 */
const CONNECTION_ERROR = /max retries per request|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|Connection is closed|Stream isn't writeable/i;

export function isRedisConnectionError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | undefined;
  if (!e) return false;
  if (e.name === 'MaxRetriesPerRequestError') return true;
  return CONNECTION_ERROR.test(`${String(e.code ?? '')} ${String(e.message ?? '')}`);
}

export async function whenRedisAnswers<T>(fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 200; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await fn();
    } catch (error) {
      if (!isRedisConnectionError(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
