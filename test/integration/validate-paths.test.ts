import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { capturedIo } from '../support/captured-io.js';
import { REPO_ROOT } from '../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');

/** A folder without a configuration, holding `files`: what a new user validates. */
async function folder(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-paths-'));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function validate(cwd: string, args: string[]) {
  const io = capturedIo({ cwd });
  const status = await main(['validate', '--shapes', SHAPES, ...args], io);
  return { status, out: io.out, err: io.err };
}

// Ordinary SEO JSON-LD: no @id, which the profile rule set requires and loose input does not.
const POST = `{
  "@context": "https://schema.org",
  "@type": "BlogPosting",
  "headline": "Release notes",
  "athor": { "@type": "Person", "name": "Sheng Zha" }
}
`;

describe('profile-graph validate PATH…', () => {
  it('checks loose JSON-LD with the schema.org and google rule sets, located relative to cwd', async () => {
    const root = await folder({ 'pages/post.jsonld': POST, 'pages/notes.txt': 'not data' });
    const { status, out, err } = await validate(path.join(root, 'pages'), [
      '--format',
      'json',
      '.',
    ]);
    expect({ status, err }).toEqual({ status: 1, err: '' });
    expect(JSON.parse(out)).toEqual([
      {
        code: 'vocab/unknown-property',
        severity: 'error',
        message: '"athor" is not a schema.org property.',
        hint: 'did you mean "author"?',
        file: 'post.jsonld',
        pointer: '/athor',
        line: 5,
        column: 3,
      } satisfies Diagnostic,
    ]);
  });

  it('applies --rules to PATHs as to a project', async () => {
    const root = await folder({ 'post.jsonld': POST });
    const { status, out } = await validate(root, [
      '--format',
      'json',
      '--rules',
      'profile',
      '*.jsonld',
    ]);
    expect(status).toBe(1);
    expect(JSON.parse(out)).toEqual([
      expect.objectContaining({ code: 'schema/required', file: 'post.jsonld', line: 1, column: 1 }),
    ]);
  });

  it('exits 2 naming a PATH that finds nothing, and refuses PATHs with --data', async () => {
    const root = await folder({ 'assets/site.css': 'body {}' });
    expect(await validate(root, ['assets'])).toEqual({
      status: 2,
      out: '',
      err: 'error io/not-found No *.jsonld, *.json, *.html, *.htm files in assets (node_modules and dot-folders are skipped).\n',
    });
    expect(await validate(root, ['--data', 'data', 'assets'])).toEqual({
      status: 2,
      out: '',
      err: 'error usage/invalid validate: give either --data DIR or PATHs, not both.\n',
    });
  });
});
