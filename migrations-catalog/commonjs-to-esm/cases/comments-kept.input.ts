// Node built-ins
const os = require('os');

/** The machine name. */
exports.host = () => os.hostname();
