import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type SiteConfig } from '../../../src/model/config.js';
import type { ProgressStage } from '../../../src/model/progress.js';
import {
  createValidators,
  validateProfile,
  type Validators,
} from '../../../src/validate/validate.js';
import { REPO_ROOT } from '../../support/profile.js';

// Issue #18: the progress line froze through the graph layers (34 s and 48 s of silence at
// 100,000 people). Every stage now reports its start, its counts and its end.

const config: SiteConfig = { ...DEFAULT_CONFIG, data: 'data', shapes: 'shapes' };
let validators: Validators;

beforeAll(async () => {
  validators = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT);
}, 60_000);

describe('validateProfile progress', () => {
  it('reports every stage, the graph layers included, from 0 to its total', async () => {
    const heard: [ProgressStage, number, number][] = [];
    const result = await validateProfile(config, REPO_ROOT, validators, {
      onProgress: (...report) => heard.push(report),
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stages = [...new Set(heard.map(([stage]) => stage))];
    expect(stages).toEqual(['files', 'dataset', 'vocabulary', 'integrity', 'shacl']);
    const of = (stage: ProgressStage) =>
      heard.filter(([each]) => each === stage).map(([, done, total]) => [done, total]);
    const files = result.sources.length;
    const triples = result.quads.length;
    const nodes = result.context?.nodes.occurrences.length ?? -1;
    const described = result.context?.nodes.definitions.size ?? -1;
    expect(of('files').at(-1)).toEqual([files, files]);
    expect(of('dataset')).toEqual([
      [0, expect.any(Number)],
      [triples, triples],
    ]);
    expect(of('vocabulary')).toEqual([
      [0, nodes],
      [nodes, nodes],
    ]);
    const integrity = 2 * nodes + described;
    expect(of('integrity')).toEqual([
      [0, integrity],
      [integrity, integrity],
    ]);
    // A graph this small is validated whole, on this thread: one part.
    expect(of('shacl')).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('reports the parts of a graph validated in worker threads as they finish', async () => {
    const apart = await createValidators(path.join(REPO_ROOT, 'shapes'), REPO_ROOT, {
      shaclWorkerMinQuads: 1,
    });
    const heard: [ProgressStage, number, number][] = [];
    await validateProfile(config, REPO_ROOT, apart, {
      onProgress: (...report) => heard.push(report),
    });
    const shacl = heard
      .filter(([stage]) => stage === 'shacl')
      .map(([, done, total]) => [done, total]);
    const total = shacl[0]?.[1] ?? 0;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(shacl).toEqual(Array.from({ length: total + 1 }, (_, done) => [done, total]));
  }, 60_000);
});
