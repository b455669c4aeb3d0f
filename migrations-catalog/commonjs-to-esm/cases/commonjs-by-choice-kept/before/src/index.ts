const chalk = require('chalk');

export function warn(message: string): string {
  return chalk.yellow(message);
}
