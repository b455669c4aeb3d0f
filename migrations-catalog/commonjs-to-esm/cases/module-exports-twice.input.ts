function prod() {
  return 'prod';
}
function dev() {
  return 'dev';
}

module.exports = prod;
if (process.env.NODE_ENV !== 'production') module.exports = dev;
module.exports = dev;
