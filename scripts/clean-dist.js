// Runs before `npm pack` / `npm publish` (the prepack script): tsc never deletes an output whose
// source is gone, so a module removed from src/ would otherwise still be published from dist/.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
