import chalk from 'chalk';

export function warn(message: string): string {
  return chalk.yellow(message);
}
