const binding = process.binding('fs');
const loader = { require: (name) => name };
loader.require('fs');

module.exports = binding;
