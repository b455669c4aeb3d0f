module.exports = class Logger {
  lines: string[] = [];
  info(line: string): void {
    this.lines.push(line);
  }
};
