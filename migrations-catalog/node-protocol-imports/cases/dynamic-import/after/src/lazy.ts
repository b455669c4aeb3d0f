export async function run(cmd: string): Promise<string> {
  const { execSync } = await import('node:child_process');
  return execSync(cmd).toString();
}
