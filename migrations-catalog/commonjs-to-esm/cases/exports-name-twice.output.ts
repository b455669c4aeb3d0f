exports.mode = 'a';
exports.mode = 'b';
