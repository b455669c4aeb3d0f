const punycode = require('punycode/');
const { StringDecoder } = require('string_decoder/');
const url = require('node:url');

module.exports = { punycode, StringDecoder, url };
