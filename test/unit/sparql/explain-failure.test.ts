import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import type { ErrorData } from '../../../src/runtime/pool-messages.js';
import { explainPoolFailure } from '../../../src/sparql/explain-failure.js';
import { DEFAULT_LIMITS } from '../../../src/sparql/limits.js';

const failed = (code: Diagnostic['code'], message: string, error?: ErrorData) => ({
  ok: false as const,
  diagnostic: { code, severity: 'error' as const, message },
  ...(error ? { error } : {}),
});

describe('explainPoolFailure', () => {
  it.each([
    [
      failed('runtime/timeout', 'A task running queries ran longer than 1500 ms and was stopped.'),
      {
        code: 'sparql/timeout',
        message: 'The query ran longer than the time limit of 1.5 s and was stopped.',
        hint: 'make it more selective, or add a LIMIT',
      },
    ],
    [
      failed('runtime/busy', 'Every worker running queries stayed busy for 1500 ms.'),
      {
        code: 'sparql/busy',
        message: 'Every query worker stayed busy for 1.5 s; try again shortly.',
      },
    ],
    [
      failed('runtime/closed', 'The workers running queries are closed.'),
      { code: 'sparql/engine-failure', message: 'The query engine is closed.' },
    ],
    [
      failed(
        'runtime/worker-failed',
        'A worker running queries failed: RuntimeError: unreachable',
        {
          name: 'RuntimeError',
          message: 'unreachable',
        },
      ),
      {
        code: 'sparql/too-complex',
        message: 'The query made the query engine fail (unreachable); the engine was restarted.',
        hint: 'simplify the query: less nesting, shorter lists and chains',
      },
    ],
    [
      failed('runtime/worker-failed', 'A worker running queries stopped: it exited with code 1.'),
      {
        code: 'sparql/engine-failure',
        message:
          'The query engine failed: A worker running queries stopped: it exited with code 1.',
      },
    ],
    [
      failed('sparql/engine-failure', 'The data could not be loaded: Parser error at line 5.'),
      {
        code: 'sparql/engine-failure',
        message: 'The data could not be loaded: Parser error at line 5.',
      },
    ],
  ])('puts %j in SPARQL terms', (outcome, expected) => {
    expect(explainPoolFailure(outcome, { ...DEFAULT_LIMITS, timeoutMs: 1500 })).toEqual({
      severity: 'error',
      ...expected,
    });
  });
});
