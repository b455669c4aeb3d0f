export async function load(name: string) {
  const mod = await import(name);
  const other = await import(`./plugins/${name}`);
  return [mod, other];
}
