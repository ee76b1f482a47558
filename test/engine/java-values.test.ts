// The Akana adapter's catch-free host guards in Rhino (policies/hosts/akana/java-values.ts): a JS throw, a Java exception or a value whose toString throws gives the guard's fallback, never an escape (Node, vitest).
import { beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable } from '../../emulators/akana';
import { runModuleInRhino } from './rhino-module';

const engine = rhinoAvailable();

/** Each case runs in Rhino; what it returned, or 'ESCAPED: <error>' when a throw got through the guard. */
const CASES = `
var list = new java.util.ArrayList(); list.add('a');
var jsThrower = { boom: function () { throw new Error('js'); } };
var badString = { toString: function () { throw new Error('no string'); } };
var cases = {
  'callHost: a Java method': function () { return String(JavaValues.callHost(list, 'get', [0])); },
  'callHost: a Java exception': function () { return JavaValues.callHost(list, 'get', [5]); },
  'callHost: a JS throw': function () { return JavaValues.callHost(jsThrower, 'boom'); },
  'callHost: no such method': function () { return JavaValues.callHost(list, 'nothing'); },
  'callHost: three arguments through apply': function () { return JavaValues.callHost({ f: function (a, b, c) { return a + b + c; } }, 'f', [1, 2, 3]); },
  'jsString: a Java string': function () { return JavaValues.jsString(new java.lang.String('x')); },
  'jsString: toString throws': function () { return JavaValues.jsString(badString); },
  'jsArray: a Java list': function () { return JavaValues.jsArray(list).length; },
  'jsInt: each input': function () {
    var inputs = [new java.lang.Integer(200), new java.lang.Long(503), '200', '-1', ' 403 ', '007', '1e3', '1e+21', '100000000000000000000', '-0', '1.5', 'Infinity', '0x10', '', null, 'abc', '12a', 'NaN', new java.lang.String('404'), '00', '+5'];
    var written = [];
    for (var i = 0; i < inputs.length; i++) {
      var n = JavaValues.jsInt(inputs[i]);
      written.push(n === 0 && 1 / n < 0 ? '-0' : String(n));
    }
    return written.join(' ');
  },
  'jsInt: JS numbers': function () {
    // An int a Java method returns reaches the script as a JS number (getParameterType's does).
    var inputs = [java.lang.Integer.parseInt('42'), 7, -12, -0, 1.5, 1e20, 1e21, -1e21, NaN, Infinity, -Infinity];
    var written = [];
    for (var i = 0; i < inputs.length; i++) {
      var n = JavaValues.jsInt(inputs[i]);
      written.push(n === 0 && 1 / n < 0 ? '-0' : String(n));
    }
    return written.join(' ');
  }
};
var out = {};
for (var name in cases) {
  try { out[name] = cases[name](); } catch (e) { out[name] = 'ESCAPED: ' + e; }
}
print(JSON.stringify(out));
`;

describe.skipIf(!engine.ok)(`java-values guards in Rhino (${engine.reason})`, () => {
  let results: Record<string, unknown> = {};

  beforeAll(async () => {
    results = (await runModuleInRhino('policies/hosts/akana/java-values.ts', 'JavaValues', CASES)) as Record<string, unknown>;
  }, 120000);

  it('answers a host call, and null when the method throws (Java or JS) or is missing', () => {
    expect(results['callHost: a Java method']).toBe('a');
    expect(results['callHost: a Java exception']).toBeNull();
    expect(results['callHost: a JS throw']).toBeNull();
    expect(results['callHost: no such method']).toBeNull();
    expect(results['callHost: three arguments through apply']).toBe(6);
  });

  it("reads strings and lists, and '' for a value whose toString throws", () => {
    expect(results['jsString: a Java string']).toBe('x');
    expect(results['jsString: toString throws']).toBe('');
    expect(results['jsArray: a Java list']).toBe(1);
  });

  it('reads whole numbers from Java numbers and from texts, trimmed, and NaN for anything else (exponents, fractions, hex, Infinity)', () => {
    expect(String(results['jsInt: each input']).split(' ')).toEqual([
      '200', '503', '200', '-1', '403', '7', 'NaN', 'NaN', '100000000000000000000', '-0', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', '404', '0', 'NaN'
    ]);
  });

  it('reads a JS number as the whole number its digits write (-0 as 0), and NaN for a fraction, 1e21 and beyond, NaN and Infinity', () => {
    expect(String(results['jsInt: JS numbers']).split(' ')).toEqual(['42', '7', '-12', '0', 'NaN', '100000000000000000000', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN']);
  });
});
