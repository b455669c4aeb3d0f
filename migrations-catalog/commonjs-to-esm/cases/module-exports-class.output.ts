export default class Queue {
  items: string[] = [];
};
