// One table of config cases through the ES5 validator (source, ES5 bundle, Rhino) and the zod schema: same answers (Node, vitest).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { configJsonSchema, validateConfigWithZod } from '../../config/config-schema';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { runInStrippedContext } from '../../packaging/es5-gates';
import {
  CONFIG_FIELDS,
  NODE_FIELDS,
  PROPERTY_NAME_FIELDS,
  closestField,
  describeProblems,
  validateConfig,
  type ConfigProblem,
  type ConfigResult
} from '../../policies/core/config';
import { CONFIG_DEFAULTS, DEFAULT_PROPERTY_NAMES } from '../../policies/core/config-types';
import { CONFIG_CASES, MINIMAL, URL_NODE } from './config-cases';
import { SWEEP_CASES } from './config-sweep';

/** The hand-written cases (cross-field rules, odd inputs) and the sweep generated from the field table. */
const ALL_CASES = [...CONFIG_CASES, ...SWEEP_CASES];

type Validator = (raw: unknown) => ConfigResult;

const VALIDATORS: Array<[string, Validator]> = [
  ['ES5 validator', validateConfig],
  ['zod schema', validateConfigWithZod]
];

function paths(result: ConfigResult): string[] {
  return result.ok ? [] : result.problems.map((problem) => problem.path).sort();
}

function problemsOf(result: ConfigResult): ConfigProblem[] {
  if (result.ok) throw new Error('expected problems, got a valid config');
  return result.problems;
}

function sortedProblems(result: ConfigResult): ConfigProblem[] {
  return result.ok ? [] : [...result.problems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

describe('the case table', () => {
  it('has at least 40 rows, unique names, and problem paths on every invalid row', () => {
    expect(CONFIG_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ALL_CASES.map((row) => row.name)).size).toBe(ALL_CASES.length);
    for (const row of ALL_CASES) {
      if (!row.valid) expect(row.problemPaths?.length, row.name).toBeGreaterThan(0);
    }
  });

  it('the sweep reaches every field of the table, nested ones included', () => {
    const swept = new Set(SWEEP_CASES.map((row) => row.name.split(': ')[1].split('.')[0]));
    for (const field of CONFIG_FIELDS) expect(swept, field).toContain(field);
    for (const field of NODE_FIELDS) expect(SWEEP_CASES.some((row) => row.name.startsWith(`sweep: nodes[0].${field}:`)), field).toBe(true);
    for (const key of PROPERTY_NAME_FIELDS) expect(SWEEP_CASES.some((row) => row.name.startsWith(`sweep: propertyNames: ${key}:`)), key).toBe(true);
  });
});

describe.each(ALL_CASES)('$name', (row) => {
  const es5 = validateConfig(row.input);
  const zod = validateConfigWithZod(row.input);

  it(`is ${row.valid ? 'accepted' : 'rejected'} by both validators`, () => {
    expect(es5.ok, `ES5: ${JSON.stringify(paths(es5))}`).toBe(row.valid);
    expect(zod.ok, `zod: ${JSON.stringify(paths(zod))}`).toBe(row.valid);
  });

  if (row.valid) {
    it('yields the same normalised config from both', () => {
      expect(es5.ok && zod.ok).toBe(true);
      if (!es5.ok || !zod.ok) return;
      expect(es5.config).toEqual(zod.config);
      if (row.config) expect(es5.config).toMatchObject(row.config);
    });
  } else {
    it('reports the expected problem paths, the same from both, with the same messages', () => {
      expect(paths(es5)).toEqual([...(row.problemPaths ?? [])].sort());
      expect(paths(zod)).toEqual(paths(es5));
      expect(sortedProblems(zod)).toEqual(sortedProblems(es5));
    });
  }
});

describe('messages', () => {
  const invalidRows = ALL_CASES.filter((row) => !row.valid);

  it.each(VALIDATORS)('%s: every message names its field and says how to fix it', (_label, validate) => {
    for (const row of invalidRows) {
      for (const problem of problemsOf(validate(row.input))) {
        const segments = problem.path.split(/[.[\]]+/).filter((s) => s !== '' && !/^\d+$/.test(s));
        const field = segments.length > 0 ? segments[segments.length - 1] : 'configuration';
        expect(problem.message, `${row.name} / ${problem.path}`).toContain(field);
        expect(problem.message, `${row.name} / ${problem.path}`).toMatch(/e\.g\. \S|did you mean '\w+'\?|remove it or rename it to one of \w/);
      }
    }
  });

  it('an out-of-range number is explained with its range, the value and an example', () => {
    const [problem] = problemsOf(validateConfig({ ...MINIMAL, retryAfterMs: -5 }));
    expect(problem).toEqual({
      path: 'retryAfterMs',
      message: 'retryAfterMs must be a whole number of milliseconds between 0 and 3600000 (got -5); e.g. 30000'
    });
  });

  it('an unknown field gets the closest known name, or the list of known names', () => {
    expect(problemsOf(validateConfig({ ...MINIMAL, retryAfter: 1 }))[0].message).toBe(
      "unknown field 'retryAfter'; did you mean 'retryAfterMs'?"
    );
    expect(problemsOf(validateConfig({ ...MINIMAL, nodes: [{ ...URL_NODE, zzz: 1 }] }))[0].message).toBe(
      "unknown field 'zzz' in nodes[0]; remove it or rename it to one of name, url, service, interface, requestOperation, responseOperation"
    );
    expect(closestField('ase_token', CONFIG_FIELDS)).toBe('aseToken');
    expect(closestField('callBudget', CONFIG_FIELDS)).toBe('callBudgetMs');
    expect(closestField('token', CONFIG_FIELDS)).toBe('aseToken');
    expect(closestField('request_operation', NODE_FIELDS)).toBe('requestOperation');
    expect(closestField('xyz', CONFIG_FIELDS)).toBeNull();
  });

  it('an excluded identifier header is refused naming the header, why ASE needs it, and the fix', () => {
    const [problem] = problemsOf(validateConfig({ ...MINIMAL, excludedHeaders: ['X-Internal', 'Authorization'] }));
    expect(problem).toEqual({
      path: 'excludedHeaders[1]',
      message: "excludedHeaders[1] 'authorization' is an identifier header: ASE tracks and blocks clients by the OAuth token in it; " +
        "remove it from excludedHeaders (e.g. excludedHeaders: ['x-internal-secret']), or set allowExcludingIdentifierHeaders to true to exclude it knowingly"
    });
    const apiKey = problemsOf(validateConfig({ ...MINIMAL, apiKeyHeaders: ['X-Key'], excludedHeaders: ['X-KEY'] }))[0].message;
    expect(apiKey).toContain("'x-key' is an identifier header: it carries an API key (apiKeyHeaders)");
  });

  it('url problems say what is wrong with the url', () => {
    const messageFor = (url: string) => problemsOf(validateConfig({ ...MINIMAL, nodes: [{ name: 'n', url }] }))[0].message;
    expect(messageFor('ase.example.com:8443')).toContain('no scheme');
    expect(messageFor('ftp://x')).toContain("'ftp:' is not supported");
    expect(messageFor('https://h:8443/ase')).toContain('a path is not allowed');
    expect(messageFor('https://h/?a=1')).toContain('a query string is not allowed');
    expect(messageFor('https://h:99999')).toContain('port must be a number from 1 to 65535');
    expect(messageFor('https://h_1')).toContain('not a valid host name');
  });

  it.each(VALIDATORS)('%s: messages never contain the token, the salt or url credentials', (_label, validate) => {
    const result = validate({
      ...MINIMAL,
      aseToken: 'sekret-token value',
      hashSecrets: true,
      hashSalt: 'tiny-sal',
      nodes: [{ name: 'n', url: 'https://admin:pa55word@ase.example.com/?key=qu3rysecret' }]
    });
    const text = describeProblems(problemsOf(result));
    expect(problemsOf(result).map((p) => p.path).sort()).toEqual(['aseToken', 'hashSalt', 'nodes[0].url']);
    for (const secret of ['sekret', 'tiny-sal', 'pa55word', 'qu3rysecret']) expect(text).not.toContain(secret);
  });

  it('describeProblems writes one line with the code, the count and each problem', () => {
    const result = validateConfig({ ...MINIMAL, nodes: [{ name: 'n', url: 'ftp://x' }], retryAfterMs: -5, retryAfter: 1 });
    const line = describeProblems(problemsOf(result));
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^CONFIG_INVALID: 3 problems: nodes\[0\]\.url must be .*; retryAfterMs must be .*; retryAfter: unknown field 'retryAfter'/);
    expect(describeProblems([{ path: 'x', message: 'x must be y; e.g. z' }])).toBe('CONFIG_INVALID: 1 problem: x must be y; e.g. z');
  });

  it('describeProblems keeps a flood of problems to 20 and counts the rest', () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({ path: `p${i}`, message: `p${i} is bad; e.g. 1` }));
    const line = describeProblems(problems);
    expect(line).toMatch(/^CONFIG_INVALID: 25 problems: /);
    expect(line).toContain('p19 is bad');
    expect(line).not.toContain('p20 is bad');
    expect(line).toMatch(/; and 5 more$/);
  });
});

describe.each(VALIDATORS)('%s: results share nothing', (_label, validate) => {
  it('a minimal config gets every default', () => {
    const result = validate(MINIMAL);
    expect(result).toEqual({
      ok: true,
      config: { ...CONFIG_DEFAULTS, aseToken: '', nodes: [URL_NODE], propertyNames: DEFAULT_PROPERTY_NAMES }
    });
  });

  it('mutating one result changes neither the next result nor the defaults', () => {
    const first = validate(MINIMAL);
    if (!first.ok) throw new Error('minimal config rejected');
    first.config.queryTokenParams.push('mutated');
    first.config.apiKeyHeaders.push('mutated');
    first.config.apiKeyParams.push('mutated');
    first.config.extraBlockStatuses.push(599);
    first.config.propertyNames.method = 'mutated';
    first.config.nodes[0].name = 'mutated';
    const second = validate(MINIMAL);
    if (!second.ok) throw new Error('minimal config rejected');
    expect(second.config.queryTokenParams).toEqual(['access_token']);
    expect(second.config.apiKeyHeaders).toEqual(['x-api-key']);
    expect(second.config.apiKeyParams).toEqual([]);
    expect(second.config.extraBlockStatuses).toEqual([]);
    expect(second.config.propertyNames.method).toBe('http.method');
    expect(CONFIG_DEFAULTS.queryTokenParams).toEqual(['access_token']);
    expect(CONFIG_DEFAULTS.extraBlockStatuses).toEqual([]);
    expect(DEFAULT_PROPERTY_NAMES.method).toBe('http.method');
    expect(URL_NODE.name).toBe('primary');
  });

  it('the output does not share arrays or objects with the input', () => {
    const input = { ...MINIMAL, apiKeyParams: ['k'], extraBlockStatuses: [503], propertyNames: { method: 'm' } };
    const result = validate(input);
    if (!result.ok) throw new Error('config rejected');
    expect(result.config.apiKeyParams).not.toBe(input.apiKeyParams);
    expect(result.config.extraBlockStatuses).not.toBe(input.extraBlockStatuses);
    expect(result.config.propertyNames).not.toBe(input.propertyNames);
    expect(result.config.nodes).not.toBe(input.nodes);
    expect(result.config.nodes[0]).not.toBe(input.nodes[0]);
  });
});

describe('the zod schema', () => {
  it('JSON Schema: every field described, defaults shown, only aseToken and nodes required', () => {
    const schema = configJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { description?: string; default?: unknown; items?: { properties?: Record<string, { description?: string }> }; properties?: Record<string, { description?: string; default?: unknown }> }>;
    };
    expect(schema.required).toEqual(['aseToken', 'nodes']);
    expect(schema.additionalProperties).toBe(false);
    // $schema first: the one key beyond the fields, an editor's link to this schema (ignored by the policies).
    expect(Object.keys(schema.properties)).toEqual(['$schema', ...CONFIG_FIELDS]);
    for (const field of CONFIG_FIELDS) {
      expect(schema.properties[field].description, field).toMatch(/\w{3,}.*\./);
      if (field !== 'aseToken' && field !== 'nodes') expect(schema.properties[field], field).toHaveProperty('default');
    }
    for (const field of NODE_FIELDS) expect(schema.properties.nodes.items?.properties?.[field].description, field).toMatch(/\w{3,}/);
    for (const key of PROPERTY_NAME_FIELDS) {
      expect(schema.properties.propertyNames.properties?.[key].default).toBe(DEFAULT_PROPERTY_NAMES[key as keyof typeof DEFAULT_PROPERTY_NAMES]);
    }
    expect(schema.properties.retryAfterMs).toMatchObject({ type: 'integer', minimum: 0, maximum: 3600000, default: 30000 });
  });
});

/** Writes a case input as a JavaScript literal (undefined, NaN and Infinity included), for the engines. */
function toJsLiteral(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsLiteral).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${toJsLiteral(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A script that runs every case through the bundled validator and evaluates to (or prints) the JSON of the results. */
function engineScript(bundle: string, emit: 'value' | 'print'): string {
  const cases = `[${ALL_CASES.map((row) => toJsLiteral(row.input)).join(',\n')}]`;
  return `${bundle}
var cases = ${cases};
var results = [];
for (var i = 0; i < cases.length; i++) results.push(ConfigValidator.validateConfig(cases[i]));
${emit === 'print' ? 'print(JSON.stringify(results));' : 'JSON.stringify(results);'}
`;
}

describe('the ES5 bundle of the validator', () => {
  let bundle = '';
  const expected = JSON.parse(JSON.stringify(ALL_CASES.map((row) => validateConfig(row.input)))) as unknown;

  beforeAll(async () => {
    bundle = await bundleEs5({
      entryPath: 'policies/core/config.ts',
      globalName: 'ConfigValidator',
      banner: '/* config validator, test bundle */'
    });
  });

  it('answers every case like the source, with only ES5 built-ins', () => {
    const out = runInStrippedContext(engineScript(bundle, 'value'), {}, { filename: 'config-validator.js' });
    expect(JSON.parse(out as string)).toEqual(expected);
  });

  it.skipIf(!existsSync('/usr/bin/rhino'))('answers every case like the source in Rhino', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-rhino-'));
    try {
      const file = join(dir, 'config-cases.js');
      writeFileSync(file, engineScript(bundle, 'print'));
      const out = execFileSync('/usr/bin/rhino', ['-version', '180', '-f', file], { encoding: 'utf8', timeout: 60000 });
      expect(JSON.parse(out)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
