// The Akana bundle's SHA-256 in Rhino (policies/hosts/akana/jvm-sha256.ts): the JVM's digest answers with node:crypto's hex for every text, lone surrogates as U+FFFD, and so does the ES5 kit where Java is hidden (Node, vitest).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { rhinoAvailable } from '../../emulators/akana';
import { runModuleInRhino } from './rhino-module';

const nodeSha256 = (text: string): string => createHash('sha256').update(Buffer.from(new TextEncoder().encode(text))).digest('hex');

/** Texts around the padding boundaries, non-ASCII, astral, control characters, long; the last three hold lone surrogates. */
const TEXTS = [
  '', 'abc', 'salt\nBearer tok', 'é', '€😀', 'x\u0000y', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ü'.repeat(40), '😀'.repeat(300), 'k'.repeat(9000),
  'a\uD800b', '\uDC00', 'key-\u00fc-\uD83D'
];

const engine = rhinoAvailable();

describe.skipIf(!engine.ok)(`jvm-sha256 in Rhino (${engine.reason})`, () => {
  let results: Array<{ jvm: string; hex: string; es5: string }> = [];

  beforeAll(async () => {
    // JSON.stringify writes a lone surrogate as \udxxx, which Rhino reads back as the same lone unit.
    const script = `var texts = ${JSON.stringify(TEXTS)};\nvar out = [];\n` +
      'for (var i = 0; i < texts.length; i++) out.push({ jvm: JvmSha256.jvmSha256Hex(texts[i]), hex: JvmSha256.sha256Hex(texts[i]) });\n' +
      // Java hidden (as behind a class shutter): the compiled ES5 kit answers.
      'var saved = java; java = undefined;\nfor (var j = 0; j < texts.length; j++) out[j].es5 = JvmSha256.sha256Hex(texts[j]);\njava = saved;\nprint(JSON.stringify(out));\n';
    results = (await runModuleInRhino('policies/hosts/akana/jvm-sha256.ts', 'JvmSha256', script)) as typeof results;
  }, 120000);

  it("answers with node:crypto's hex from the JVM for every text, a lone surrogate encoded as U+FFFD like every other host", () => {
    TEXTS.forEach((text, i) => expect(results[i].jvm, JSON.stringify(text.slice(0, 20))).toBe(nodeSha256(text)));
  });

  it('gives the same hex through sha256Hex for every text', () => {
    TEXTS.forEach((text, i) => expect(results[i].hex).toBe(nodeSha256(text)));
  });

  it('gives the same hex from the compiled ES5 kit where Java is hidden', () => {
    TEXTS.forEach((text, i) => expect(results[i].es5, JSON.stringify(text.slice(0, 20))).toBe(nodeSha256(text)));
  });
});
