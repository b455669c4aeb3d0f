const promisify = require('util').promisify;
const Ajv = require('ajv').default;

export const tools = { promisify, Ajv };
