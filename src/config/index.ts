export { loadConfig, configFromEnv, type LoadConfigOptions } from './load.js';
export { configSchema, DEFAULT_WORKDIR, type GodwitConfig, type GodwitConfigInput } from './schema.js';
