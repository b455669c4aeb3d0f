const http = require('http');
const { EventEmitter } = require('events');

module.exports = { server: http.createServer(), bus: new EventEmitter() };
