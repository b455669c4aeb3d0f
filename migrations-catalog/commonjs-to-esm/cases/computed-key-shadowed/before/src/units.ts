exports.metre = 1;
exports.foot = 0.3048;
