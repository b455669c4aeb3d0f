const http = require('node:http');
const { EventEmitter } = require('node:events');

module.exports = { server: http.createServer(), bus: new EventEmitter() };
