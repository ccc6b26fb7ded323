import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../../../src/load/config.js';

describe('CONFIG_SCHEMA', () => {
  // loadConfig compiles it without checking it against the meta-schema (a cold-start cost).
  it('is a valid JSON Schema', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    expect(ajv.validateSchema(CONFIG_SCHEMA)).toBe(true);
    expect(ajv.errors ?? []).toEqual([]);
  });
});
