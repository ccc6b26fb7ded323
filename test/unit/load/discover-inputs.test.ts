import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverInputs } from '../../../src/load/discover-inputs.js';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';

/** A folder holding `files` (relative paths), each with a little content. */
async function tree(files: readonly string[]): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'pg-discover-'));
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), '{}');
  }
  return root;
}

const SITE = [
  '_site/index.html',
  '_site/blog/post/index.HTM',
  '_site/feed.json',
  '_site/style.css',
  'assets/site.css',
  '_site/.well-known/x.json',
  'data/person.jsonld',
  'node_modules/pkg/package.json',
  '.git/config.json',
  'notes.txt',
];

async function displays(paths: string[], cwd: string, root = cwd): Promise<string[]> {
  return (await discoverInputs(paths, cwd, root)).map((file) => file.display);
}

describe('discoverInputs', () => {
  it('walks a folder whole for .jsonld, .json, .html and .htm, skipping node_modules and dot-folders', async () => {
    const root = await tree(SITE);
    expect(await displays(['.'], root)).toEqual([
      '_site/blog/post/index.HTM',
      '_site/feed.json',
      '_site/index.html',
      'data/person.jsonld',
    ]);
  });

  it('matches globs, takes a named file whatever its ending, and lists each file once', async () => {
    const root = await tree(SITE);
    expect(await displays(['_site/**/*.html', 'notes.txt', '_site/index.html'], root)).toEqual([
      '_site/index.html',
      'notes.txt',
    ]);
  });

  it('resolves PATHs against cwd and shows them relative to root (absolute outside it)', async () => {
    const root = await tree(SITE);
    const files = await discoverInputs(['index.html'], path.join(root, '_site'), root);
    expect(files).toEqual([
      { file: path.join(root, '_site/index.html'), display: '_site/index.html' },
    ]);
    expect(await displays(['../data'], path.join(root, '_site'), path.join(root, '_site'))).toEqual(
      [path.join(root, 'data/person.jsonld').split(path.sep).join('/')],
    );
  });

  it('walks a folder named inside a dot-folder: only folders below the one named are skipped', async () => {
    const root = await tree(['.cache/site/index.html']);
    expect(await displays(['.cache/site'], root)).toEqual(['.cache/site/index.html']);
  });

  it('throws io/not-found (exit 2) for every PATH that finds nothing, saying what was searched', async () => {
    const root = await tree(SITE);
    const error = await discoverInputs(['nope', 'assets', '*.xml'], root, root).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      { code: 'io/not-found', severity: 'error', message: 'File or folder not found: nope' },
      {
        code: 'io/not-found',
        severity: 'error',
        message:
          'No *.jsonld, *.json, *.html, *.htm files in assets (node_modules and dot-folders are skipped).',
      },
      {
        code: 'io/not-found',
        severity: 'error',
        message: 'No *.jsonld, *.json, *.html, *.htm files match *.xml.',
      },
    ]);
  });
});
