// Tests of the two ES5 gates: acorn's ES5 syntax check and the node:vm run without ES2015+ built-ins (Node).
import { describe, expect, it } from 'vitest';
import { assertEs5Syntax, gateBundle, runInStrippedContext } from '../../packaging/es5-gates';

const ES5_SAMPLE = [
  'var config = { "default": 1, list: [1, 2, 3] };',
  'function sum(list) { var total = 0; for (var i = 0; i < list.length; i++) total += list[i]; return total; }',
  'var text = JSON.stringify({ total: sum(config.list), ok: /a+/gi.test("AA") });',
  'var words = "a, b,c".split(/\\s*,\\s*/);',
  'var later = config.default + words.length;'
].join('\n');

describe('assertEs5Syntax', () => {
  it('accepts ES5', () => {
    expect(() => assertEs5Syntax(ES5_SAMPLE, 'sample.js')).not.toThrow();
  });

  it.each([
    ['let', 'var a = 1;\nlet b = 2;', 'let b = 2;'],
    ['an arrow function', 'var a = 1;\nvar f = function () { return [1].map((x) => x); };', '[1].map((x) => x)'],
    ['a class', 'var a = 1;\nclass A {}', 'class A {}'],
    ['a regex flag ES5 lacks', 'var a = 1;\nvar r = /a.b/s;', '/a.b/s']
  ])('rejects %s, naming the bundle, line, column and snippet', (_what, code, snippet) => {
    let message = '';
    try {
      assertEs5Syntax(code, 'pi_policy.js');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^pi_policy\.js is not ES5: .+ at line 2, column \d+, near "/);
    expect(message).toContain(snippet);
  });
});

describe('runInStrippedContext', () => {
  it('removes ES2015+ built-ins from the context', () => {
    const probes = [
      'typeof Map', 'typeof Set', 'typeof WeakMap', 'typeof WeakSet', 'typeof Promise', 'typeof Symbol',
      'typeof Proxy', 'typeof Reflect', 'typeof globalThis', 'typeof console', 'typeof Intl', 'typeof ArrayBuffer',
      'typeof Object.assign', 'typeof Object.entries', 'typeof Object.values', 'typeof Array.from', 'typeof Array.of',
      'typeof [].includes', 'typeof [].find', 'typeof [].findIndex', 'typeof [].fill', 'typeof "".startsWith',
      'typeof "".endsWith', 'typeof "".includes', 'typeof "".repeat', 'typeof "".padStart', 'typeof "".padEnd',
      'typeof "".codePointAt', 'typeof "".normalize', 'typeof Number.isInteger', 'typeof Number.isNaN',
      'typeof Math.trunc', 'typeof Error.captureStackTrace'
    ];
    const result = runInStrippedContext(`[${probes.join(', ')}].join(",")`, {});
    expect(String(result).split(',')).toEqual(probes.map(() => 'undefined'));
    // The Node realm running the tests keeps its built-ins.
    expect(typeof Map).toBe('function');
  });

  it('keeps what ES5 code needs, and injects the given globals', () => {
    const result = runInStrippedContext(`${ES5_SAMPLE}\n[text, words.join("|"), later, new Date(0).toISOString(), host.name].join(" ")`, {
      host: { name: 'stub' }
    });
    expect(result).toBe('{"total":6,"ok":true} a|b|c 4 1970-01-01T00:00:00.000Z stub');
  });

  it.each([
    ['Object.assign', 'Object.assign({}, { a: 1 });', /Object\.assign is not a function/],
    ['new Map()', 'var m = new Map();', /Map is not defined/],
    ["'a'.startsWith('a')", "'a'.startsWith('a');", /startsWith is not a function/]
  ])('makes %s fail at run time', (_what, code, error) => {
    expect(() => assertEs5Syntax(code, 'x.js')).not.toThrow();
    expect(() => runInStrippedContext(code, {})).toThrow(error);
  });

  it('stops an endless script instead of hanging', () => {
    expect(() => runInStrippedContext('while (true) {}', {}, { timeoutMs: 200 })).toThrow(/timed out/);
  });
});

describe('gateBundle', () => {
  it('passes an ES5 script that uses only ES5 built-ins', () => {
    expect(gateBundle(`${ES5_SAMPLE}\ntext`, 'sample.js', {})).toBe('{"total":6,"ok":true}');
  });

  it('fails on syntax first, then on a run-time ES2015 API, naming the bundle', () => {
    expect(() => gateBundle('const a = 1;', 'config.js', {})).toThrow(/^config\.js is not ES5/);
    expect(() => gateBundle("var ok = 'abc'.includes('b');", 'pi_policy.js', {})).toThrow(
      /^pi_policy\.js threw in the ES5-only smoke run .*TypeError: .*includes is not a function/
    );
  });
});
