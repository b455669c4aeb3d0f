const VERSION = '1.2.0';

exports.VERSION = VERSION;
exports.parse = (input: string): number[] => input.split('.').map(Number);
module.exports.isStable = (v: string) => !v.includes('-');
