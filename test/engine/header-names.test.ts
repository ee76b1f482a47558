// The core's header-name lowering in Rhino (policies/core/header-fields.ts): lists lowered together give, in the ES5 engine too, what each name gives alone in Node (Node, vitest; needs Rhino and a JDK).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable, rhinoJar } from '../../emulators/akana';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { normalizeHeaderName } from '../../policies/core/header-fields';
import { HEADER_NAME_LISTS } from '../core/fixtures';

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`normalizeHeaderNames in Rhino (${engine.reason})`, () => {
  let results: { together: string[][]; alone: string[][] } = { together: [], alone: [] };

  beforeAll(async () => {
    const bundle = await bundleEs5({ entryPath: 'policies/core/header-fields.ts', globalName: 'HeaderFields', banner: '/* header-fields, test bundle */' });
    const dir = mkdtempSync(join(tmpdir(), 'pi-header-names-'));
    try {
      const file = join(dir, 'header-names-cases.js');
      // JSON.stringify writes a lone surrogate as \udxxx, which Rhino reads back as the same lone unit.
      writeFileSync(file, `${bundle}\nvar lists = ${JSON.stringify(HEADER_NAME_LISTS)};\nvar out = { together: [], alone: [] };\n` +
        'for (var i = 0; i < lists.length; i++) {\n  out.together.push(HeaderFields.normalizeHeaderNames(lists[i]));\n' +
        '  var alone = [];\n  for (var k = 0; k < lists[i].length; k++) alone.push(HeaderFields.normalizeHeaderName(lists[i][k]));\n  out.alone.push(alone);\n}\n' +
        // Rhino's print writes a lone surrogate as '?': written as a JSON escape instead, which JSON.parse reads back.
        "print(JSON.stringify(out).replace(/[\\ud800-\\udfff]/g, function (unit) { return '\\\\u' + unit.charCodeAt(0).toString(16); }));\n");
      const printed = execFileSync('java', ['-cp', rhinoJar() as string, 'org.mozilla.javascript.tools.shell.Main', '-opt', '0', file], { encoding: 'utf8', timeout: 60000 });
      results = JSON.parse(printed) as typeof results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  it('lowers each list together as Rhino lowers each name alone', () => {
    HEADER_NAME_LISTS.forEach((names, i) => expect(results.together[i], JSON.stringify(names)).toEqual(results.alone[i]));
  });

  it("gives Node's names: the ES5 engine lowers and trims as V8 does (but for a final sigma, which Java and V8 place apart name by name too)", () => {
    HEADER_NAME_LISTS.forEach((names, i) => {
      if (names.join('').indexOf('Σ') < 0) expect(results.together[i], JSON.stringify(names)).toEqual(names.map(normalizeHeaderName));
    });
  });
});
