import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import {
  validateDocuments,
  validateFiles,
  validateFolder,
} from '../../../src/pipeline/validate-input.js';
import { capturedIo } from '../../support/captured-io.js';
import { REPO_ROOT } from '../../support/profile.js';

const SHAPES = path.join(REPO_ROOT, 'shapes');

async function cliJson(cwd: string) {
  const io = capturedIo({ cwd });
  await main(['validate', '--data', 'data', '--shapes', SHAPES, '--format', 'json'], io);
  return JSON.parse(io.out) as unknown;
}

describe('validateFolder', () => {
  it.each([
    'vocab-misspelled-property',
    'graph-dangling-reference',
    'schema-required',
    'shacl-person-missing-name',
    'syntax-invalid-json',
  ])('gives the diagnostics validate --format json prints: %s', async (fixture) => {
    const cwd = path.join(REPO_ROOT, 'test', 'fixtures', 'invalid', fixture);
    const report = await validateFolder({ cwd, data: 'data', shapes: SHAPES });
    expect(report.ok).toBe(false);
    expect(report.diagnostics).toEqual(await cliJson(cwd));
  });
});

describe('validateFiles and validateDocuments', () => {
  const cwd = path.join(REPO_ROOT, 'test', 'fixtures', 'invalid', 'vocab-misspelled-property');

  it("validates the folder's files as one graph, with the same findings", async () => {
    const files = ['data/person.jsonld', 'data/university.jsonld'];
    const report = await validateFiles(files, { cwd, shapes: SHAPES });
    expect(report.diagnostics).toEqual(await cliJson(cwd));
  });

  it('validates documents in memory, located in their written text', async () => {
    const person = JSON.parse(
      await readFile(path.join(cwd, 'data', 'person.jsonld'), 'utf8'),
    ) as unknown;
    const report = await validateDocuments({ 'person.jsonld': person }, { cwd, shapes: SHAPES });
    expect(report.ok).toBe(false);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'vocab/unknown-property',
        file: 'person.jsonld',
        pointer: '/almuniOf',
      }),
    );
  });
});
