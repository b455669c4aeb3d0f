exports.pad = (s: string, n: number) => s.padStart(n, ' ');
exports.money = (cents: number) => exports.pad((cents / 100).toFixed(2), 10);
