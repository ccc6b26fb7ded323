import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileGraphError } from '../../../src/model/diagnostic.js';
import { checkFiles } from '../../../src/validate/file-check-batches.js';
import type { FileCheckTools } from '../../../src/validate/file-check.js';
import { BASE_URL, REPO_ROOT } from '../../support/profile.js';

const FILES = ['profile.jsonld', 'people/sheng-zha.jsonld'].map((name) => ({
  file: path.join(REPO_ROOT, 'data', name),
  display: `data/${name}`,
}));

describe('checkFiles in worker threads', () => {
  it('rejects with the diagnostic of a worker that cannot be set up, exit code 2', async () => {
    const checking = checkFiles(FILES, {} as FileCheckTools, {
      workers: 2,
      parallelMinFiles: 0,
      workerData: {
        shapesDir: 'no-such-shapes',
        root: REPO_ROOT,
        baseUrl: BASE_URL,
        jsonSchema: true,
      },
    });
    const error: unknown = await checking.catch((rejected: unknown) => rejected);
    expect(error).toBeInstanceOf(ProfileGraphError);
    expect((error as ProfileGraphError).exitCode).toBe(2);
    expect((error as ProfileGraphError).diagnostics).toEqual([
      {
        code: 'io/not-found',
        severity: 'error',
        message: 'Shapes directory not found: no-such-shapes',
      },
    ]);
  });
});
