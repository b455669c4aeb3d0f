function helper() {
  return 1;
}

exports.helper = helper;
exports.VERSION = '1.0.0';
exports.double = (n: number) => n * 2;
