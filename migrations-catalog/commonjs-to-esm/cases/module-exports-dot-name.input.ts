const base = 10;

module.exports.base = base;
module.exports.scale = (n: number) => n * base;
