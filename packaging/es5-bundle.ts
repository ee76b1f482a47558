// Compiles one policy entry into a standalone, readable ES5 script for Rhino (Node only).
//
// The recipe of shared/toolchain.md, measured there: esbuild bundles at esnext (tree-shaken), TypeScript
// 5.9 lowers the bundle to ES5 (esbuild cannot lower let/const, classes, destructuring), then esbuild
// transforms it again at target es5 so anything non-ES5 that slipped through is an error, and wraps it.
import { relative, resolve } from 'node:path';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import type * as TS from 'typescript';
import { PROJECT_ROOT } from './entries';
import { lazyKitsPlugin } from './lazy-kits';
import { hostModulesPlugin } from './host-modules';
import { movePhaseFunctions } from './phase-factories';
import { moveRareFunctions, type RareFactorySpec } from './rare-factory';
import { moveFunctionsToTables } from './function-tables';
import { inlineConstantTables, inlineLiteralVars } from './inline-constants';

export interface Es5BundleEntry {
  /** The TypeScript entry (absolute, or relative to the project root). */
  entryPath: string;
  /**
   * Default: an IIFE run for its side effects, the entry's exports dropped (policy scripts read the
   * globals the gateway binds). With globalName: the IIFE's exports object is `var <globalName>`.
   */
  globalName?: string;
  /** One block comment (`/* ... *\/`) written as the first bytes of the script. */
  banner: string;
  /** Core modules this gateway's bundle takes from its own host modules (host-modules.ts), by project path. */
  hostModules?: Readonly<Record<string, string>>;
  /** Top-level functions whose exclusive callees move into a factory made on first call (phase-factories.ts). */
  phaseFactories?: readonly string[];
  /** Rare roots whose functions move into one factory made on the first rare call of a message (rare-factory.ts); before the phase factories. */
  rareFactory?: RareFactorySpec;
  /** Top-level tables of constants whose reads become literals (inline-constants.ts); first of the three steps. */
  inlineConstants?: readonly string[];
  /** Top-level vars holding a string or number that nothing writes become literals at their reads (inline-constants.ts), with the tables. */
  inlineLiteralVars?: boolean;
  /** Function declarations made properties of one object per function body (function-tables.ts); the last step. */
  functionTables?: boolean;
}

/**
 * esbuild silently rewrites regex literals that ES5 lacks (flags s/y/u/d/v, named groups,
 * lookbehind) into `new RegExp(...)`, which fails only at run time in Rhino. Declaring these as
 * supported keeps them literal, so the acorn ES5 gate rejects them at build time.
 */
const KEEP_REGEX_LITERALS: Record<string, boolean> = {
  'regexp-dot-all-flag': true,
  'regexp-sticky-and-unicode-flags': true,
  'regexp-named-capture-groups': true,
  'regexp-lookbehind-assertions': true,
  'regexp-unicode-property-escapes': true,
  'regexp-match-indices': true,
  'regexp-set-notation': true
};

let typescriptLoading: Promise<typeof TS> | undefined;

/** Loads TypeScript once per process (most of a build's time) and checks it can still emit ES5. */
function loadTypeScript(): Promise<typeof TS> {
  typescriptLoading ??= import('typescript').then((mod) => {
    const ts = ((mod as { default?: typeof TS }).default ?? mod) as typeof TS;
    if (!/^5\./.test(ts.version)) {
      throw new Error(`the ES5 step needs TypeScript 5.x (found ${ts.version}; 6 deprecates and 7 removes target ES5)`);
    }
    return ts;
  });
  return typescriptLoading;
}

/** Bundles, lowers and wraps one entry; returns the script text (deterministic for the same sources). */
export async function bundleEs5(entry: Es5BundleEntry): Promise<string> {
  const entryPath = resolve(PROJECT_ROOT, entry.entryPath);
  const label = relative(PROJECT_ROOT, entryPath);
  checkBanner(entry.banner, label);
  if (entry.globalName !== undefined) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(entry.globalName)) {
      throw new Error(`${label}: globalName "${entry.globalName}" is not a JavaScript identifier`);
    }
  }

  const esnext = await bundleEsnext(entryPath, label, entry.hostModules ?? {});
  const ts = await loadTypeScript();
  const lowered = lowerToEs5(ts, esnext, label);
  let script = lowered;
  if (entry.globalName === undefined) {
    script = stripExports(lowered, label);
    // An empty export keeps an IIFE's input an ES module: otherwise esbuild takes the top-level `this`
    // of TypeScript's helpers (`this && this.__assign`) for CommonJS and wraps everything in __commonJS.
    script += '\nexport {};\n';
  }
  const wrapped = await wrapEs5(script, label, entry);
  const tablesInlined = entry.inlineConstants && entry.inlineConstants.length > 0 ? inlineConstantTables(wrapped, entry.inlineConstants, label) : wrapped;
  const inlined = entry.inlineLiteralVars ? inlineLiteralVars(tablesInlined, label) : tablesInlined;
  const rareMoved = entry.rareFactory ? moveRareFunctions(inlined, entry.rareFactory.name, entry.rareFactory.roots, label).code : inlined;
  const phased = entry.phaseFactories && entry.phaseFactories.length > 0 ? movePhaseFunctions(rareMoved, entry.phaseFactories, label) : rareMoved;
  return entry.functionTables ? moveFunctionsToTables(phased, label) : phased;
}

function checkBanner(banner: string, label: string): void {
  const inner = banner.slice(2, -2);
  if (!banner.startsWith('/*') || !banner.endsWith('*/') || inner.includes('*/')) {
    throw new Error(`${label}: the banner must be exactly one block comment /* ... */`);
  }
}

/** Step 1: one ESM file at esnext, tree-shaken; paths in its comments are relative to the project root. */
async function bundleEsnext(entryPath: string, label: string, hostModules: Readonly<Record<string, string>>): Promise<string> {
  let result: esbuild.BuildResult<{ write: false }>;
  const options = {
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    target: 'esnext',
    platform: 'neutral',
    treeShaking: true,
    minify: false,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    logLevel: 'silent',
    // Fixed TypeScript settings: the output must not depend on whichever tsconfig.json sits near a source.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false, verbatimModuleSyntax: false } }
  } satisfies esbuild.BuildOptions;
  try {
    result = await esbuild.build({ ...options, entryPoints: [entryPath], format: 'esm', write: false, plugins: [hostModulesPlugin(hostModules), lazyKitsPlugin(options, kitToEs5, [hostModulesPlugin(hostModules)])] });
  } catch (error) {
    throw new Error(`${label}: esbuild could not bundle it: ${describeEsbuildFailure(error)}`);
  }
  failOnWarnings(result.warnings, label, 'bundling');
  const files = result.outputFiles ?? [];
  if (files.length !== 1) throw new Error(`${label}: esbuild produced ${files.length} files instead of 1`);
  return files[0].text;
}

/** A compiled kit's script (lazy-kits.ts): lowered by TypeScript, then checked by esbuild at target es5, as the bundle is. */
async function kitToEs5(code: string, label: string): Promise<string> {
  const lowered = lowerToEs5(await loadTypeScript(), code, label);
  try {
    const result = await esbuild.transform(lowered, { loader: 'js', target: 'es5', supported: KEEP_REGEX_LITERALS, charset: 'utf8', legalComments: 'none', logLevel: 'silent' });
    failOnWarnings(result.warnings, label, 'the ES5 transform');
    return result.code;
  } catch (error) {
    throw new Error(`${label}: not expressible in ES5: ${describeEsbuildFailure(error)}`);
  }
}

/** Step 2: TypeScript lowers the syntax to ES5, inlining its small ES5-safe helpers (__assign, __extends, ...). */
function lowerToEs5(ts: typeof TS, code: string, label: string): string {
  const output = ts.transpileModule(code, {
    fileName: 'bundle.js',
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.ES2015,
      allowJs: true,
      newLine: ts.NewLineKind.LineFeed,
      removeComments: false,
      importHelpers: false,
      noEmitHelpers: false,
      downlevelIteration: false,
      alwaysStrict: false,
      useDefineForClassFields: false,
      sourceMap: false,
      inlineSourceMap: false
    }
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const first = errors[0];
    throw new Error(`${label}: TypeScript could not lower it to ES5: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
  }
  return output.outputText;
}

/** Removes the module syntax of an export-less script (its exports are dropped inside the IIFE). */
function stripExports(code: string, label: string): string {
  const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'module' });
  const cuts: Array<{ start: number; end: number }> = [];
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      throw new Error(`${label}: the bundle still imports "${String(node.source.value)}": a policy bundle must be self-contained`);
    }
    if (node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw new Error(`${label}: unexpected ${node.type} in the bundle`);
    }
    if (node.type !== 'ExportNamedDeclaration') continue;
    cuts.push(node.declaration ? { start: node.start, end: node.declaration.start } : { start: node.start, end: node.end });
  }
  let out = code;
  for (const cut of cuts.sort((a, b) => b.start - a.start)) out = out.slice(0, cut.start) + out.slice(cut.end);
  return out;
}

/** Step 3: esbuild at target es5 errors on anything non-ES5 left, prints readable code and wraps it. */
async function wrapEs5(code: string, label: string, entry: Es5BundleEntry): Promise<string> {
  let result: esbuild.TransformResult;
  try {
    result = await esbuild.transform(code, {
      loader: 'js',
      format: 'iife',
      globalName: entry.globalName,
      target: 'es5',
      supported: KEEP_REGEX_LITERALS,
      minify: false,
      charset: 'utf8',
      legalComments: 'none',
      banner: entry.banner,
      logLevel: 'silent'
    });
  } catch (error) {
    throw new Error(`${label}: not expressible in ES5: ${describeEsbuildFailure(error)}`);
  }
  failOnWarnings(result.warnings, label, 'the ES5 transform');
  return result.code;
}

function failOnWarnings(warnings: esbuild.Message[], label: string, step: string): void {
  if (warnings.length === 0) return;
  throw new Error(`${label}: esbuild warned during ${step} (warnings fail the build): ${describeMessage(warnings[0])}`);
}

function describeEsbuildFailure(error: unknown): string {
  const errors = (error as { errors?: esbuild.Message[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) return describeMessage(errors[0]);
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function describeMessage(message: esbuild.Message): string {
  const loc = message.location;
  if (!loc) return message.text;
  const where = `${loc.file || '<bundle>'}:${loc.line}:${loc.column + 1}`;
  return `${message.text} at ${where} near "${loc.lineText.trim().slice(0, 100)}"`;
}
