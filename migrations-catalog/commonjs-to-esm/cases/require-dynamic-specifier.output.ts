const name = process.env.DRIVER ?? 'pg';
const driver = require(name);

export { driver };
