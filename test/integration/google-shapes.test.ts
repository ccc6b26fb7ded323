import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';
import { createValidators, validateProfile, type Validators } from '../../src/validate/validate.js';
import { REPO_ROOT } from '../support/profile.js';

/**
 * Data-driven: every folder in test/fixtures/google/ is one Google feature's shapes file
 * (`shapes/google/<folder>.shacl.ttl`), with JSON-LD that meets every rule (`pass/`), JSON-LD
 * that breaks them (`fail/`) and the exact findings the `google` rule set reports on it (`expected.json`). Adding a case needs no code; a folder missing any part fails.
 */
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/google');
const FEATURES = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

type Finding = Pick<
  Diagnostic,
  | 'code'
  | 'severity'
  | 'file'
  | 'pointer'
  | 'line'
  | 'focusNode'
  | 'message'
  | 'ruleSet'
  | 'seeAlso'
>;

function findings(diagnostics: readonly Diagnostic[]): Finding[] {
  return diagnostics.map(
    ({ code, severity, file, pointer, line, focusNode, message, ruleSet, seeAlso }) => ({
      code,
      severity,
      file,
      pointer,
      line,
      focusNode,
      message,
      ruleSet,
      seeAlso,
    }),
  );
}

async function validateFolder(feature: string, folder: 'pass' | 'fail'): Promise<Diagnostic[]> {
  const root = path.join(FIXTURES, feature);
  const config = { ...DEFAULT_CONFIG, baseUrl: 'http://localhost:8080/', data: folder };
  return (await validateProfile(config, root, validators)).diagnostics;
}

let validators: Validators;
beforeAll(async () => {
  validators = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT, {
    ruleSets: ['google'],
  });
});

describe('the google rule set, feature by feature', () => {
  it('has a fixture folder for every Google shapes file but the ProfilePage (tested with the profile)', () => {
    const files = readdirSync(path.join(REPO_ROOT, 'shapes/google'))
      .filter((name) => name !== 'profile-page.shacl.ttl')
      .map((name) => name.replace(/\.shacl\.ttl$/, ''))
      .sort();
    expect(FEATURES).toEqual(files);
  });

  describe.each(FEATURES)('%s', (feature) => {
    it('finds nothing in the JSON-LD that meets every rule', async () => {
      expect(existsSync(path.join(FIXTURES, feature, 'pass')), `${feature}/pass is missing`).toBe(
        true,
      );
      expect(await validateFolder(feature, 'pass')).toEqual([]);
    });

    it('reports exactly the expected findings on the JSON-LD that breaks them', async () => {
      const expected = JSON.parse(
        readFileSync(path.join(FIXTURES, feature, 'expected.json'), 'utf8'),
      ) as Finding[];
      expect(expected.length, `${feature}/expected.json lists no finding`).toBeGreaterThan(0);
      const seeAlso = expected.map((finding) => finding.seeAlso);
      // Each shape names the documentation page it encodes, and only Google's pages.
      expect(seeAlso.every((url) => url?.startsWith('https://developers.google.com/search/'))).toBe(
        true,
      );
      expect(findings(await validateFolder(feature, 'fail'))).toEqual(expected);
    });
  });
});
