// The Akana bundle's plain-text check in Rhino (policies/hosts/akana/jvm-plain-json-texts.ts): the JVM's regex answers as the core's check does, and the core's check answers where Java is out of reach (Node, vitest).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable, rhinoJar } from '../../emulators/akana';
import { bundleEs5 } from '../../packaging/es5-bundle';
import { plainTexts } from '../../policies/core/plain-json-texts';

/** Plain texts, then every kind of unit that is not: quote, backslash, controls, lone and paired surrogates of both halves, astral. */
const TEXTS = [
  '', 'abc', 'GET/shop/v2/orders?status=open&limit=25', 'é€ü\u007f\u2028\u2029\uFFFD\uD7FF\uE000', 'k'.repeat(9000),
  'a"b', 'a\\b', 'x\u0000y', 'tab\there', 'line\nbreak', '\u001f', 'a\uD800b', '\uDC00', 'key-\u00fc-\uD83D', '€😀', 'k'.repeat(9000) + '😀'
];

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`jvm-plain-json-texts in Rhino (${engine.reason})`, () => {
  let results: { jvm: boolean[]; plain: boolean[]; withoutJava: boolean[]; javaGone?: boolean } = { jvm: [], plain: [], withoutJava: [] };

  beforeAll(async () => {
    const bundle = await bundleEs5({ entryPath: 'policies/hosts/akana/jvm-plain-json-texts.ts', globalName: 'JvmPlain', banner: '/* jvm-plain-json-texts, test bundle */' });
    const dir = mkdtempSync(join(tmpdir(), 'pi-jvm-plain-'));
    try {
      const file = join(dir, 'jvm-plain-cases.js');
      // JSON.stringify writes a lone surrogate as \udxxx, which Rhino reads back as the same lone unit.
      writeFileSync(file, `${bundle}\nvar texts = ${JSON.stringify(TEXTS)};\nvar out = { jvm: [], plain: [], withoutJava: [] };\n` +
        // The JVM answers: with JSON.stringify broken, the core's check would call every text plain.
        'var stringify = JSON.stringify;\nJSON.stringify = function (text) { return \'"\' + text + \'"\'; };\n' +
        'for (var i = 0; i < texts.length; i++) out.jvm.push(JvmPlain.plainTexts(texts[i]));\nJSON.stringify = stringify;\n' +
        'for (var j = 0; j < texts.length; j++) out.plain.push(JvmPlain.plainTexts(texts[j]));\n' +
        // Java out of reach, as under a class shutter that refuses java.util.regex.
        'java = undefined;\nout.javaGone = typeof java === \'undefined\';\nfor (var k = 0; k < texts.length; k++) out.withoutJava.push(JvmPlain.plainTexts(texts[k]));\nprint(JSON.stringify(out));\n');
      const printed = execFileSync('java', ['-cp', rhinoJar() as string, 'org.mozilla.javascript.tools.shell.Main', '-opt', '0', file], { encoding: 'utf8', timeout: 60000 });
      results = JSON.parse(printed) as typeof results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  it('holds plain texts and non-plain ones in the cases (the check can fail)', () => {
    expect(TEXTS.filter((text) => plainTexts(text)).length).toBe(5);
  });

  it("answers from the JVM for every text, as the core's check does", () => {
    TEXTS.forEach((text, i) => expect(results.jvm[i], JSON.stringify(text.slice(0, 20))).toBe(plainTexts(text)));
  });

  it("gives the core's answer through plainTexts, with Java and without it", () => {
    expect(results.javaGone).toBe(true);
    TEXTS.forEach((text, i) => {
      expect(results.plain[i], JSON.stringify(text.slice(0, 20))).toBe(plainTexts(text));
      expect(results.withoutJava[i], JSON.stringify(text.slice(0, 20))).toBe(plainTexts(text));
    });
  });
});
