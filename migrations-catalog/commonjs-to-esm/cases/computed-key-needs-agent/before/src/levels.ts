exports.low = 'low';
exports.high = 'high';
