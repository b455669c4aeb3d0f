const start = () => 'start';
const stopServer = () => 'stop';

module.exports = { start, stop: stopServer };
