export async function load(): Promise<string> {
  return 'real';
}
