export { loadConfig, type LoadConfigOptions } from './load.js';
export { configFromEnv } from './env.js';
export { configSchema, DEFAULT_QUEUE_NAMESPACE, DEFAULT_WORKDIR, type GodwitConfig, type GodwitConfigInput } from './schema.js';
