const os = require('os');

exports.host = () => os.hostname();
exports.banner = () => `on ${exports.host()}`;
