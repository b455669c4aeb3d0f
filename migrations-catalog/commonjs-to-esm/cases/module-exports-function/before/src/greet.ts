module.exports = function greet(name: string): string {
  return `hello ${name}`;
};
