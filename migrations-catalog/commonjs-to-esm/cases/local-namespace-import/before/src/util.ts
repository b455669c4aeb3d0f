exports.double = (n: number) => n * 2;
