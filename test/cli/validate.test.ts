// The `validate` command (Node): JSON and config.js, valid and invalid, malformed input with line/column, missing files, --json, schema output only when asked.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../packaging/entries';
import command, { lineColumn, locateJsonError, run } from '../../cli/commands/validate';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'akana-config.json');

let dir: string;
let schemaOut: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
  // A folder that does not exist yet: the command creates it.
  schemaOut = join(dir, 'out', 'nested', 'config.schema.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function validate(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('validate command', () => {
  it('has the command shape the dispatcher routes to', () => {
    expect(command.name).toBe('validate');
    expect(command.summary).toMatch(/config/);
    expect(command.usage).toMatch(/^usage: validate <config\.json \| config\.js>/);
  });

  it('accepts the example Akana config, exits 0 and writes the JSON Schema, creating its folder', async () => {
    const result = await validate(EXAMPLE, '--schema-out', schemaOut);
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out[0]).toMatch(/akana-config\.json: valid \(2 ASE nodes\)$/);
    expect(result.out[result.out.length - 1]).toMatch(/^wrote .*config\.schema\.json/);
    const schema = JSON.parse(readFileSync(schemaOut, 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['aseToken', 'nodes', 'retryAfterMs']));
    expect(schema.required).toEqual(expect.arrayContaining(['aseToken', 'nodes']));
  });

  it('writes nothing without --schema-out', async () => {
    const before = readdirSync(dir);
    const distSchema = join(PROJECT_ROOT, 'dist', 'config.schema.json');
    const stamp = existsSync(distSchema) ? statSync(distSchema).mtimeMs : undefined;
    const previous = process.env.INIT_CWD;
    process.env.INIT_CWD = dir;
    try {
      const result = await validate(EXAMPLE);
      expect(result.code).toBe(0);
      expect(result.out[0]).toMatch(/akana-config\.json: valid \(2 ASE nodes\)$/);
      expect(result.out.slice(1).every((line) => line.startsWith('  warning: '))).toBe(true);
      const json = await validate(EXAMPLE, '--json');
      expect(JSON.parse(json.out[0])).not.toHaveProperty('schema');
    } finally {
      if (previous === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = previous;
    }
    expect(readdirSync(dir)).toEqual(before);
    expect(existsSync(distSchema) ? statSync(distSchema).mtimeMs : undefined).toBe(stamp);
  });

  it('allows a string "$schema" key (JSON, and pi_options in config.js), and rejects any other type', async () => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const linked = await validate(file('linked.json', JSON.stringify({ $schema: './dist/config.schema.json', ...example })));
    expect(linked.code).toBe(0);
    const wrong = await validate(file('wrong.json', JSON.stringify({ $schema: 7, ...example })));
    expect(wrong.code).toBe(1);
    expect(wrong.out[1]).toMatch(/^ {2}\$schema: must be a string/);
    const ping = readFileSync(join(PROJECT_ROOT, 'test', 'config', 'fixtures', 'ping-config.js'), 'utf8');
    const js = await validate(file('config.js', `${ping}\nvar pi_options = { "$schema": "./config.schema.json", retryAfterMs: 5 };\n`));
    expect(js.code).toBe(0);
  });

  it('prints every problem once with its path, exits 1, and still writes the schema', async () => {
    const path = file(
      'bad.json',
      JSON.stringify({
        aseToken: 'has space',
        nodes: [{ name: 'primary', url: 'ftp://ase.example.com' }, { name: 'primary' }],
        retryAfterMs: -5,
        colour: 'blue'
      })
    );
    const result = await validate(path, '--schema-out', schemaOut);
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(/bad\.json: 6 problems:$/);
    const lines = result.out.slice(1, 7);
    expect(lines.map((line) => line.trim().split(':')[0])).toEqual(['aseToken', 'nodes[0].url', 'nodes[1]', 'nodes[1].name', 'retryAfterMs', 'colour']);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}nodes\[0\]\.url: must be the ASE data port/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}retryAfterMs: must be a whole number/));
    expect(lines[5]).toMatch(/^ {2}colour: unknown field 'colour'; remove it/);
    expect(result.out[7]).toMatch(/^wrote /);
    // The token is never echoed, even when it is what is wrong.
    expect([...result.out, ...result.err].join('\n')).not.toContain('has space');
    expect(existsSync(schemaOut)).toBe(true);
  });

  it('reports a top-level problem with the (config) path', async () => {
    const result = await validate(file('array.json', '[]'), '--schema-out', schemaOut);
    expect(result.code).toBe(1);
    expect(result.out[1]).toMatch(/^ {2}\(config\): the configuration must be an object/);
  });

  it('names line and column of malformed JSON without quoting the file', async () => {
    const path = file('broken.json', '{\n  "aseToken": "s3cr3t-token",\n  "nodes": [],,\n}\n');
    const result = await validate(path, '--schema-out', schemaOut);
    expect(result.code).toBe(1);
    expect(result.err).toHaveLength(1);
    expect(result.err[0]).toMatch(/broken\.json is not valid JSON: line 3, column 15: expected a property name in double quotes$/);
    expect(result.err[0]).not.toContain('s3cr3t');
    expect(existsSync(schemaOut)).toBe(true);
  });

  it('reports a file that stops early at its end', async () => {
    const result = await validate(file('short.json', '{ "aseToken": "" '), '--schema-out', schemaOut);
    expect(result.code).toBe(1);
    expect(result.err[0]).toMatch(/line 1, column 18: unexpected end of the file: an object is not closed with '\}'$/);
  });

  it('accepts a byte-order mark', async () => {
    const result = await validate(file('bom.json', `\ufeff${readFileSync(EXAMPLE, 'utf8')}`), '--schema-out', schemaOut);
    expect(result.code).toBe(0);
  });

  it('says when the file is missing or a folder', async () => {
    const missing = await validate(join(dir, 'nope.json'), '--schema-out', schemaOut);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^validate: .*nope\.json not found: check the path$/);
    const folder = await validate(dir, '--schema-out', schemaOut);
    expect(folder.code).toBe(1);
    expect(folder.err[0]).toMatch(/is a folder, not a configuration file$/);
  });

  it('fails with exit 1 when the schema cannot be written, after reporting the config', async () => {
    const blocker = file('blocker', 'a file where a folder should be');
    const result = await validate(EXAMPLE, '--schema-out', join(blocker, 'config.schema.json'));
    expect(result.code).toBe(1);
    expect(result.out[0]).toMatch(/valid/);
    expect(result.err[0]).toMatch(/^validate: cannot write the JSON Schema to .*blocker\/config\.schema\.json: (ENOTDIR|EEXIST)$/);
  });

  it('prints one JSON document with --json', async () => {
    const invalid = await validate(file('bad.json', '{"aseToken": "", "nodes": []}'), '--json', '--schema-out', schemaOut);
    expect(invalid.code).toBe(1);
    expect(invalid.out).toHaveLength(1);
    const parsed = JSON.parse(invalid.out[0]);
    expect(parsed).toMatchObject({ valid: false, problems: [{ path: 'nodes', message: expect.stringMatching(/^nodes must be an array/) }] });
    expect(parsed.schema).toMatch(/config\.schema\.json$/);

    const valid = await validate(EXAMPLE, '--json', '--schema-out', schemaOut);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.out[0])).toMatchObject({ valid: true, problems: [] });

    const broken = await validate(file('broken.json', '{"a" 1}'), '--json', '--schema-out', schemaOut);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out[0])).toMatchObject({ valid: false, error: { kind: 'not-json', line: 1, column: 6 } });

    const missing = await validate(join(dir, 'missing.json'), '--json', '--schema-out', schemaOut);
    expect(JSON.parse(missing.out[0])).toMatchObject({ valid: false, error: { kind: 'not-found' } });
  });

  it('prints its usage for --help and exits 2 on usage errors', async () => {
    const help = await validate('--help');
    expect(help.code).toBe(0);
    expect(help.out.join('\n')).toMatch(/--schema-out FILE/);
    expect(help.out.join('\n')).toMatch(/dist\/config\.schema\.json/);
    expect(help.out.join('\n')).toMatch(/It writes nothing, unless --schema-out/);

    const none = await validate();
    expect(none.code).toBe(2);
    expect(none.err).toEqual(['pi-akana validate: name the configuration file to check (run "pi-akana validate --help" for the options)']);

    const two = await validate('a.json', 'b.json');
    expect(two.code).toBe(2);

    const unknown = await validate('a.json', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toMatch(/--bogus/);
  });

  it('is found by the dispatcher', async () => {
    const { loadCommand } = await import('../../cli/cli');
    expect(await loadCommand('validate')).toBe(command);
  });
});

describe('locateJsonError', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['{"a": }', 6, /expected a value/],
    ['{"a":1', 6, /not closed with '\}'/],
    ['[1,]', 3, /trailing comma before '\]'/],
    ['{"a":1,}', 7, /trailing comma before '\}'/],
    ["{'a':1}", 1, /property name in double quotes/],
    ['{"a":\'x\'}', 5, /double quotes, not single quotes/],
    ['{"a":"x\ty"}', 7, /control character/],
    ['{"a":"\\q"}', 6, /invalid escape/],
    ['{"a":"x', 5, /unterminated string/],
    ['{"a":01}', 6, /expected ',' or '\}'/],
    ['{"a":1} x', 8, /unexpected text after the end/],
    ['', 0, /unexpected end of the file/],
    ['nul', 0, /expected a value/]
  ];
  it.each(cases)('%j fails at %i', (text, offset, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = locateJsonError(text);
    expect(found?.offset).toBe(offset);
    expect(found?.reason).toMatch(reason);
  });

  it('finds nothing wrong where JSON.parse succeeds', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n", {}]} ', '"x"', '0']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonError(text)).toBeUndefined();
    }
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
  });
});

describe('validate on an Akana config.js', () => {
  const PING = join(PROJECT_ROOT, 'test', 'config', 'fixtures', 'ping-config.js');

  it("accepts Ping's own config.js, with its secondry_ase_service spelling", async () => {
    const result = await validate(PING, '--schema-out', schemaOut);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/ping-config\.js: valid \(2 ASE nodes\)$/);
  });

  it('accepts the config.js the build renders, and names config.js variables when a hand edit breaks it', async () => {
    const { buildAkanaConfigJs } = await import('../../config/config-js-build');
    const built = await buildAkanaConfigJs({ outDir: dir, version: '0.0.1' });
    expect((await validate(built.file, '--schema-out', schemaOut)).code).toBe(0);
    const text = readFileSync(built.file, 'utf8');
    writeFileSync(
      built.file,
      text
        .replace(/var primary_ase_interface = "[^"]*";/, 'var primary_ase_interface = "no braces";')
        .replace(/"retryAfterMs": \d+/, '"retryAfterMs": "soon"')
        .replace('var pi_options = {', 'var pi_options = {\n  "extraNodes": [{ "name": "third", "url": "ftp://x" }],')
    );
    const broken = await validate(built.file, '--schema-out', schemaOut);
    expect(broken.code).toBe(1);
    const paths = broken.out.slice(1).map((line) => line.trim().split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['primary_ase_interface', 'pi_options.retryAfterMs', 'pi_options.extraNodes[0].url']));
    expect(broken.out.join('\n')).not.toMatch(/nodes\[0\]|aseToken/);
  });

  it('evaluates config.js without require, process, string evaluation or unbounded time, and never quotes it', async () => {
    const cases: Array<[string, RegExp]> = [
      ['var ase_token = require("fs");', /ReferenceError.*no require, no process/],
      ['var ase_token = String(typeof process); var x = process.exit(3);', /ReferenceError/],
      ['var ase_token = this.constructor.constructor("return process")();', /evaluates code from strings/],
      ['var ase_token = "s3cr3t"; while (true) {}', /ran longer than 1000 ms/],
      ['var ase_token = "s3cr3t"; Promise.resolve().then(function () { for (;;) {} });', /ran longer than 1000 ms/],
      ['var ase_token = "s3cr3t" +;', /line 1: config\.js is not valid JavaScript/],
      ['var pi_options = { get retryAfterMs() { for (;;) {} } };', /ran longer than 1000 ms/]
    ];
    for (const [text, reason] of cases) {
      const result = await validate(file('config.js', text), '--schema-out', schemaOut);
      expect(result.code, text).toBe(1);
      expect(result.err[0], text).toMatch(reason);
      expect(result.err.join('\n'), text).not.toContain('s3cr3t');
    }
  });

  it('names a value JSON cannot carry by its variable', async () => {
    const result = await validate(file('config.js', `${readFileSync(PING, 'utf8')}\nvar pi_options = { failClosed: function () { return true; } };\n`), '--schema-out', schemaOut);
    expect(result.code).toBe(1);
    expect(result.out[1]).toMatch(/^ {2}pi_options\.failClosed: must be true or false/);
  });
});

describe('validate warnings', () => {
  it('prints the example\'s warnings without failing; --strict makes them errors', async () => {
    const relaxed = await validate(EXAMPLE);
    expect(relaxed.code).toBe(0);
    expect(relaxed.out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}warning: aseToken: is empty: an ASE with sideband authentication on answers 401/),
      expect.stringMatching(/^ {2}warning: nodes\[0\]\.service: is the example's placeholder/),
      expect.stringMatching(/^ {2}warning: nodes\[1\]\.service: is the example's placeholder/)
    ]);
    const strict = await validate(EXAMPLE, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.out[strict.out.length - 1]).toBe('  --strict: 3 warnings count as errors');
    const json = JSON.parse((await validate(EXAMPLE, '--strict', '--json')).out[0]);
    expect(json).toMatchObject({ valid: false, strict: true, problems: [] });
    expect(json.warnings).toHaveLength(3);
  });

  it('passes --strict with a token and two real nodes', async () => {
    const clean = { aseToken: 'tok-1', nodes: [{ name: 'a', url: 'https://ase1.acme.net:8443' }, { name: 'b', url: 'https://ase2.acme.net:8443' }] };
    const result = await validate(file('clean.json', JSON.stringify(clean)), '--strict');
    expect(result.out).toEqual([expect.stringMatching(/clean\.json: valid \(2 ASE nodes\)$/)]);
    expect(result.code).toBe(0);
  });

  it("names config.js's variables, and a variable the policy never reads", async () => {
    const ping = readFileSync(join(PROJECT_ROOT, 'test', 'config', 'fixtures', 'ping-config.js'), 'utf8');
    const text = ping
      .replace(/var ase_token = "[^"]*";/, 'var ase_token = "";')
      .replace(/var (secondry_ase_service|secondary_ase_\w+) = "[^"]*";/g, 'var $1 = "";')
      .concat('var primary_ase_servce = "typo";\n');
    const result = await validate(file('config.js', text));
    expect(result.code).toBe(0);
    expect(result.out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}warning: ase_token: is empty/),
      expect.stringMatching(/^ {2}warning: primary_ase_service: has one ASE node: no failover/),
      '  warning: primary_ase_servce: is not read by pi_policy.js: did you mean primary_ase_service?'
    ]);
  });
});

