const start = () => 'start';
const stopServer = () => 'stop';

export { start, stopServer as stop };
