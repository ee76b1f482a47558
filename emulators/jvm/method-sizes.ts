// Compiles a script as Rhino does (jsc, one Java class) and reads the bytecode size of each generated method with javap (Node; needs Rhino and a JDK).
//
// Why it is watched: HotSpot never JIT-compiles a method of more than 8000 bytes of bytecode
// (-XX:HugeMethodLimit, with DontCompileHugeMethods on by default), and Rhino puts one name table per
// script in such methods: getParamOrVarName and getParamOrVarConst, read by every activation object a
// message makes. Measured here: with several bundle classes in one JVM (as on a gateway holding many
// scripts), a request message cost 10-17% more when getParamOrVarConst crossed the limit (three runs);
// with this bundle alone the difference was within the noise, and so was compiling getParamOrVarName.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rhinoJar, runProcess } from './jvm-runner';

/** HotSpot's HugeMethodLimit: methods longer than this (bytes of bytecode) are never compiled. */
export const HOTSPOT_HUGE_METHOD_LIMIT = 8000;

/** Bytecode size per method name of the class Rhino generates for `source` (the largest overload wins). */
export async function generatedMethodSizes(source: string, optimizationLevel = 0): Promise<Map<string, number>> {
  const jar = rhinoJar();
  if (!jar) throw new Error('no Rhino jar');
  const dir = mkdtempSync(join(tmpdir(), 'pi-jsc-'));
  try {
    writeFileSync(join(dir, 'Script.js'), source);
    const compiled = await runProcess('java', ['-cp', jar, 'org.mozilla.javascript.tools.jsc.Main', '-opt', String(optimizationLevel), '-nosource', 'Script.js'], 120000, dir);
    if (compiled.code !== 0) throw new Error(`jsc failed: ${compiled.stderr || compiled.stdout}`);
    const classes = readdirSync(dir).filter((f) => f.endsWith('.class'));
    const printed = await runProcess('javap', ['-c', '-p', ...classes], 120000, dir);
    if (printed.code !== 0) throw new Error(`javap failed: ${printed.stderr}`);
    return methodSizes(printed.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** From `javap -c` text: each method's size is the offset of its last instruction plus that instruction (at least 1 byte). */
export function methodSizes(javapText: string): Map<string, number> {
  const sizes = new Map<string, number>();
  let method = '';
  let last = -1;
  const close = () => {
    if (method && last >= 0) sizes.set(method, Math.max(sizes.get(method) ?? 0, last + 1));
  };
  for (const line of javapText.split('\n')) {
    // Every member line (two spaces, then text) ends the method before it: a field, a method, or the
    // static initializer (`static {};`), whose instructions must not count for the method above it.
    if (/^  [^ ]/.test(line)) {
      close();
      const header = /([A-Za-z_$][A-Za-z0-9_$]*)\(.*\);$/.exec(line);
      method = header ? header[1] : /^  static \{\};$/.test(line) ? '<clinit>' : '';
      last = -1;
      continue;
    }
    const instruction = /^\s+(\d+): /.exec(line);
    if (instruction) last = Number(instruction[1]);
  }
  close();
  return sizes;
}
