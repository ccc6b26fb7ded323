import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { createValidators, validateProfile, type Validators } from '../../src/validate/validate.js';
import { quadsToIds } from '../../src/rdf/term-ids.js';
import { REPO_ROOT } from '../support/profile.js';

/**
 * Data-driven: every folder in test/fixtures/invalid/ is a broken dataset (`data/`) with the
 * exact diagnostics the validator must report (`expected.json`: code, severity, file relative
 * to the case folder, pointer, line). Adding a case needs no code. A folder without
 * expected.json or data/ fails rather than being skipped.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/invalid');
const CASES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Expected = Pick<Diagnostic, 'code' | 'severity' | 'file' | 'pointer' | 'line'> & {
  message?: string;
};

/**
 * The fields a fixture pins: code, severity, file, pointer and line always; the message too
 * when expected.json gives one (SHACL findings share one code, so their message says which
 * shape fired).
 */
function comparable(diagnostics: readonly Expected[], withMessages: boolean): Expected[] {
  return diagnostics
    .map(({ code, severity, file, pointer, line, message }) => ({
      code,
      severity,
      file,
      pointer,
      line,
      ...(withMessages ? { message } : {}),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

let validators: Validators;
beforeAll(async () => {
  validators = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT);
});

describe('invalid fixtures', () => {
  it('has cases', () => {
    expect(CASES.length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s reports exactly its expected diagnostics', async (name) => {
    const dir = path.join(FIXTURES, name);
    expect(existsSync(path.join(dir, 'data')), `${name}/data is missing`).toBe(true);
    const expected = JSON.parse(
      readFileSync(path.join(dir, 'expected.json'), 'utf8'),
    ) as Expected[];
    expect(expected.length, `${name}/expected.json lists no diagnostic`).toBeGreaterThan(0);
    const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/', data: 'data' };
    const result = await validateProfile(config, dir, validators);
    const withMessages = expected.some((entry) => entry.message !== undefined);
    expect(comparable(result.diagnostics, withMessages)).toEqual(
      comparable(expected, withMessages),
    );
    expect(
      result.diagnostics.some((d) => d.severity === 'error') ||
        expected.every((d) => d.severity !== 'error'),
    ).toBe(true);
  });
});

describe('the bundled profile', () => {
  it('has no errors, and its warnings are only Google recommendations the seed cannot answer', async () => {
    const result = await validateProfile(
      { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/' },
      REPO_ROOT,
      validators,
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.diagnostics.every((d) => d.code === 'shacl/warning')).toBe(true);
    expect(result.quads).toHaveLength(169);
  });

  it('gives the same diagnostics, sources and graph when worker threads check the files', async () => {
    const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/' };
    const inThread = await validateProfile(config, REPO_ROOT, validators);
    const inWorkers = await validateProfile(config, REPO_ROOT, validators, {
      workers: 2,
      parallelMinFiles: 0,
    });
    expect(inWorkers.diagnostics).toEqual(inThread.diagnostics);
    expect(inWorkers.sources).toEqual(inThread.sources);
    expect(quadsToIds(inWorkers.quads)).toEqual(quadsToIds(inThread.quads));
  });

  it.each([
    'syntax-invalid-json',
    'syntax-duplicate-key',
    'jsonld-dropped-term',
    'jsonld-remote-context',
  ])('reports %s found by a worker as this thread does', async (name) => {
    const dir = path.join(FIXTURES, name);
    const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/', data: 'data' };
    const inThread = await validateProfile(config, dir, validators);
    const inWorkers = await validateProfile(config, dir, validators, {
      workers: 2,
      parallelMinFiles: 0,
    });
    expect(inWorkers.diagnostics).toEqual(inThread.diagnostics);
    expect(inWorkers.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('runs SHACL in a worker alongside the other graph layers, and stops it on their errors', async () => {
    const apart = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT, {
      shaclWorkerMinQuads: 0,
    });
    const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/' };
    const clean = await validateProfile(config, REPO_ROOT, apart);
    expect(clean.diagnostics).toEqual(
      (await validateProfile(config, REPO_ROOT, validators)).diagnostics,
    );
    expect(clean.timings.shacl).toBeGreaterThan(0);
    const broken = path.join(FIXTURES, 'vocab-misspelled-property');
    const fixtureConfig = { ...config, data: 'data' };
    const found = await validateProfile(fixtureConfig, broken, apart);
    expect(found.diagnostics).toEqual(
      (await validateProfile(fixtureConfig, broken, validators)).diagnostics,
    );
    expect(found.diagnostics.some((d) => d.code.startsWith('shacl/'))).toBe(false);
  });
});
