// The config's JSON Schema (Node): compiles in ajv's strict mode and agrees with the validator on the example, a "$schema" link and unknown keys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, validateConfigWithZod } from '../../config/config-schema';
import { PROJECT_ROOT } from '../../packaging/entries';

const example = JSON.parse(readFileSync(join(PROJECT_ROOT, 'examples', 'akana-config.json'), 'utf8')) as Record<string, unknown>;

function compileStrict() {
  // strict: true turns on every strict check (unknown keywords and formats, strictTypes, strictTuples, strictRequired).
  return new Ajv2020({ strict: true, allErrors: true }).compile(configJsonSchema());
}

describe('the config JSON Schema', () => {
  it("compiles in ajv's strict mode", () => {
    expect(() => compileStrict()).not.toThrow();
  });

  it('accepts what the validator accepts, including a "$schema" link, and rejects unknown keys as the validator does', () => {
    const check = compileStrict();
    const cases: Array<Record<string, unknown>> = [
      example,
      { $schema: './node_modules/x/dist/config.schema.json', ...example },
      { ...example, colour: 'blue' },
      { ...example, nodes: [{ name: 'n', url: 'https://ase.example.net:8443', extra: 1 }] },
      { ...example, hashSecrets: true, hashSalt: 'short' },
      { ...example, $schema: 7 }
    ];
    const verdicts = cases.map((config) => [check(config), validateConfigWithZod(config).ok]);
    expect(verdicts).toEqual([
      [true, true],
      [true, true],
      [false, false],
      [false, false],
      [false, false],
      [false, false]
    ]);
  });
});
