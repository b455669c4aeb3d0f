/**
 * The script godwit runs with `node` inside the clone (sandboxed like every repository
 * command) to format changed files with the repository's own Prettier. Prettier and its config
 * are repository code, so they never load into godwit's process. For each file the script formats
 * the original (base commit) text first: only when the original is already Prettier-clean is the
 * changed file formatted — then Prettier touches only what the change touched. Otherwise the file
 * is left alone (formatting it would reformat lines the migration never changed).
 * Input: a JSON file `[{ file, original }]`; output on stdout: one JSON line of results.
 */
export const PRETTIER_SCRIPT = String.raw`
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
const path = require('node:path');
(async () => {
  const items = JSON.parse(readFileSync(process.argv[1], 'utf8'));
  const req = createRequire(path.join(process.cwd(), 'package.json'));
  let prettier;
  try {
    prettier = await import(pathToFileURL(req.resolve('prettier')).href);
    prettier = prettier.default && prettier.default.format ? prettier.default : prettier;
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: 'prettier not installed: ' + e.message }) + '\n');
    return;
  }
  const results = [];
  for (const { file, original } of items) {
    const abs = path.join(process.cwd(), file);
    try {
      const info = await prettier.getFileInfo(abs, { ignorePath: path.join(process.cwd(), '.prettierignore') });
      if (info.ignored || !info.inferredParser) { results.push({ file, status: 'ignored' }); continue; }
      const options = { ...((await prettier.resolveConfig(abs)) || {}), filepath: abs };
      if (original !== null && (await prettier.format(original, options)) !== original) { results.push({ file, status: 'original-not-clean' }); continue; }
      const current = readFileSync(abs, 'utf8');
      const formatted = await prettier.format(current, options);
      if (formatted !== current) { writeFileSync(abs, formatted); results.push({ file, status: 'formatted' }); }
      else results.push({ file, status: 'clean' });
    } catch (e) {
      results.push({ file, status: 'error', message: String(e && e.message || e).split('\n')[0] });
    }
  }
  process.stdout.write(JSON.stringify({ version: prettier.version, results }) + '\n');
})();
`;
