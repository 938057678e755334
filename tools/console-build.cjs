#!/usr/bin/env node
// Builds the operator console (apps/console) into dist/console, which the API serves at /console:
// one JavaScript and one CSS file named by their content's hash (cached for good by browsers) and
// the index.html that loads them (never cached). Runs in `npm start`, `npm run build` and the tests.
const { build } = require('esbuild');
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

const root = join(__dirname, '..');
const source = join(root, 'apps/console');
const out = join(root, 'dist/console');

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    entryPoints: { console: join(source, 'src/main.tsx') },
    outdir: out,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(source, 'tsconfig.json'),
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const written = Object.keys(result.metafile.outputs).map((file) => basename(file));
  const named = (extension) => written.find((file) => file.endsWith(extension));
  const html = readFileSync(join(source, 'index.html'), 'utf8')
    .replace('%SCRIPT%', named('.js'))
    .replace('%STYLE%', named('.css'));
  writeFileSync(join(out, 'index.html'), html);
}

main().catch((error) => {
  process.stderr.write(`the console did not build: ${error.message}\n`);
  process.exit(1);
});
