#!/usr/bin/env bash
# The package as a user gets it: build, `npm pack`, install the tarball into an empty folder
# (production dependencies only, nothing from this checkout), then run the installed CLI:
# --help, catalog --json, and a real `run` of node-protocol-imports on a small git repository.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --silent
tmp="$(mktemp -d "${TMPDIR:-/tmp}/godwit-smoke-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

tarball="$(npm pack --silent --pack-destination "$tmp" | tail -n 1)"
echo "smoke-pack: packed $tarball ($(du -h "$tmp/$tarball" | cut -f1))"

mkdir "$tmp/app"
cd "$tmp/app"
echo '{ "name": "godwit-smoke", "version": "0.0.0", "private": true }' > package.json
npm install --omit=dev --no-audit --no-fund --loglevel=error "$tmp/$tarball"
godwit="$tmp/app/node_modules/.bin/godwit"

# Only production dependencies: no test runner or compiler came along.
for dev in vitest eslint typescript playwright-core; do
  if [ -e "node_modules/$dev" ]; then echo "smoke-pack: devDependency $dev was installed" >&2; exit 1; fi
done

"$godwit" --help | grep -q 'Migrate code across many repositories'
"$godwit" catalog --json > catalog.json
node -e "const l = JSON.parse(require('fs').readFileSync('catalog.json', 'utf8')); if (!l.some((m) => m.id === 'node-protocol-imports' && m.cases > 0)) { console.error('smoke-pack: catalog lacks node-protocol-imports'); process.exit(1); }"

# A repository with bare built-in imports and a `node --test` suite (a run needs a verifier to
# be `verified`); the codemod rewrites the imports, nothing needs installing.
repo="$tmp/repo"
mkdir -p "$repo/src" "$repo/test"
printf '{ "name": "smoke", "version": "1.0.0", "type": "module", "engines": { "node": ">=20" }, "scripts": { "test": "node --test" } }\n' > "$repo/package.json"
printf "import fs from 'fs';\nimport path from 'path';\n\nexport const read = (p) => fs.readFileSync(path.resolve(p), 'utf8');\n" > "$repo/src/read.js"
printf "import test from 'node:test';\nimport assert from 'assert';\nimport { read } from '../src/read.js';\n\ntest('read is a function', () => assert.equal(typeof read, 'function'));\n" > "$repo/test/read.test.js"
git -C "$repo" init --quiet --initial-branch=main
git -C "$repo" add --all
git -C "$repo" -c user.name=smoke -c user.email=smoke@example.com commit --quiet -m initial

# Exit code 1 means "not verified": the check below prints why.
GODWIT_WORKDIR="$tmp/work" "$godwit" run node-protocol-imports "$repo" --json > report.json || true
node -e "const r = JSON.parse(require('fs').readFileSync('report.json', 'utf8')); if (r.status !== 'verified') { console.error('smoke-pack: run ended ' + r.status, JSON.stringify(r.error ?? r.reason ?? '')); process.exit(1); }"
git -C "$repo" show godwit/node-protocol-imports:src/read.js | grep -q "from 'node:fs'"
echo "smoke-pack: ok (--help, catalog --json, run node-protocol-imports → verified)"
