module.exports = {
  port: 8080,
  host: () => 'localhost',
};
