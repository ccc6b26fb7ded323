// Runs after `npm run build` (the postbuild script). npm links the `bin` of the packages a
// project depends on into node_modules/.bin, never the project's own, so in a clone the
// README's `npx profile-graph` would find nothing. This links it to the fresh dist/bin.js.
// Installed as a dependency, npm links the bin itself and never runs this script; should it
// run there anyway (inside a node_modules folder), it does nothing.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const target = path.join(root, 'dist', 'bin.js');

if (root.split(path.sep).includes('node_modules')) process.exit(0);
if (!existsSync(target)) {
  process.stderr.write(`link-bin: ${target} does not exist; run "npm run build" first.\n`);
  process.exit(1);
}
chmodSync(target, 0o755);
const binDir = path.join(root, 'node_modules', '.bin');
mkdirSync(binDir, { recursive: true });
const link = path.join(binDir, 'profile-graph');
try {
  lstatSync(link);
  unlinkSync(link);
} catch {
  // Not linked yet.
}
symlinkSync(path.relative(binDir, target), link);
