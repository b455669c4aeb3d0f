const config = process.env.CI ? require('./ci-config') : require('./local-config');
console.log(require('os').hostname());

export { config };
