// Compiles a script as Rhino does (jsc, one Java class) and reads, with javap, the bytecode size of each generated method and which functions make an activation object (Node; needs Rhino and a JDK).
//
// Why it is watched: HotSpot never JIT-compiles a method of more than 8000 bytes of bytecode
// (-XX:HugeMethodLimit, with DontCompileHugeMethods on by default), and Rhino puts one name table per
// script in such methods: getParamOrVarName and getParamOrVarConst, read by every activation object a
// message makes. Measured here: with several bundle classes in one JVM (as on a gateway holding many
// scripts), a request message cost 10-17% more when getParamOrVarConst crossed the limit (three runs);
// with the bundle alone, getParamOrVarName over it cost a request some 10% (the top level's activation
// object reads it once per name), until packaging/function-tables.ts took the bundle's names out of it.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rhinoJar, runProcess } from './jvm-runner';
import { rhinoFunctionNames } from '../../packaging/function-tables';

/** HotSpot's HugeMethodLimit: methods longer than this (bytes of bytecode) are never compiled. */
export const HOTSPOT_HUGE_METHOD_LIMIT = 8000;

/** Bytecode size per method name of the class Rhino generates for `source` (the largest overload wins). */
export async function generatedMethodSizes(source: string, optimizationLevel = 0): Promise<Map<string, number>> {
  return methodSizes(await generatedClassText(source, optimizationLevel));
}

/**
 * The script's functions (by their JS names) whose generated code makes an activation object on
 * every call (ScriptRuntime.createFunctionActivation): in Rhino, those with a catch clause, an inner
 * function, `arguments` or eval. The others keep their variables in Java locals.
 */
export async function functionsWithActivation(source: string, optimizationLevel = 0): Promise<Set<string>> {
  return activationFunctions(await generatedClassText(source, optimizationLevel), rhinoFunctionNames(source));
}

/**
 * From `javap -c -p` text: the JS name of each `_c_<name>_<n>` method that calls createFunctionActivation;
 * an anonymous one named from `byIndex` (rhinoFunctionNames of the source) when given.
 */
export function activationFunctions(javapText: string, byIndex?: readonly string[]): Set<string> {
  const names = new Set<string>();
  let current = '';
  for (const line of javapText.split('\n')) {
    if (/^  [^ ]/.test(line)) {
      const header = /_c_([A-Za-z0-9_$]+)_(\d+)\(/.exec(line);
      current = header ? (header[1] === 'anonymous' && byIndex ? (byIndex[Number(header[2])] ?? 'anonymous') : header[1]) : '';
    } else if (current && line.includes('createFunctionActivation')) {
      names.add(current);
    }
  }
  return names;
}

/** `javap -c -p` of the class Rhino's jsc generates for `source`. */
async function generatedClassText(source: string, optimizationLevel: number): Promise<string> {
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
    return printed.stdout;
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
