/** Service logging (pino) and Prometheus metrics (prom-client). */
export { createLogger, isLogLevel, LOG_LEVELS, type Logger } from './log.js';
export { createMetrics, serveMetrics, type GodwitMetrics } from './metrics.js';
