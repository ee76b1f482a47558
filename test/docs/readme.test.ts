// The README stays true to the code: generated config reference, first commands (Node, vitest).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withConfigReference } from '../../config/config-reference';
import { CONFIG_DEFAULTS } from '../../policies/core/config-types';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README.md', () => {
  it('holds the configuration reference generated from the schema (run `npm run docs` after a schema change)', () => {
    expect(withConfigReference(readme)).toBe(readme);
  });

  it('documents every config field with its default', () => {
    for (const [name, value] of Object.entries(CONFIG_DEFAULTS)) {
      expect(readme).toContain(`| \`${name}\` | \`pi_options.${name}\` |`);
      expect(readme).toContain(`\`${JSON.stringify(value)}\``);
    }
  });

  it('starts with the two set-up commands', () => {
    const firstLines = readme.split('\n').slice(0, 6).join('\n');
    expect(firstLines).toContain('npm install && npm start');
    expect(firstLines).toContain('npm test');
  });
});
