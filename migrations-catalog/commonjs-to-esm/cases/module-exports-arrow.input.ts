module.exports = (a: number, b: number) => a + b;
