function double(n) {
  return n * 2;
}

export { double };
