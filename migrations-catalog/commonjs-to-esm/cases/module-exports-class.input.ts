module.exports = class Queue {
  items: string[] = [];
};
