import * as os from 'os';

exports.host = () => os.hostname();
exports.banner = () => `on ${exports.host()}`;
