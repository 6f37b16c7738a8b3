#!/usr/bin/env node
// Tandem's command line. Runs the compiled code in dist/ (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(entry)) {
  console.error('Tandem is not built yet. Run "npm run build" (npm install does it) first.');
  process.exit(1);
}
const { runCli } = await import(entry);
await runCli(process.argv);
