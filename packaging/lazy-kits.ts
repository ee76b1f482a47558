// The esbuild plugin that puts rarely used modules ("kits") of a policy bundle behind a loader, so their functions are made only when first called (Node only).
//
// Akana runs pi_policy.js from its top level for every message, and Rhino makes every function the
// top level declares, each time (about 0.16 µs per function, shared/akana.md). A kit's code is
// bundled on its own into one function, which the policy calls on first use of any of its exports;
// the policy sees one small forwarder per export it uses (esbuild tree-shakes the rest). A kit gets
// its own copy of what it imports, so kits may only hold code without shared mutable state. The
// sources do not change: Node imports a kit like any other module.
//
// Rhino compiles a script into one Java class, and some of its methods grow with every function and
// variable in the script (getParamOrVarName, the call dispatch); past 8000 bytes of bytecode HotSpot
// never compiles them, and every message pays (measured: the bundle's top level ran 80 µs, 44 µs with
// -XX:-DontCompileHugeMethods). A `compiled` kit is therefore not in the script's code at all: its
// ES5 text is a string in the bundle, compiled with `new Function` when first used in a message. Only
// for what runs once per JVM or config (the config.js validator, the async pool's start), for
// troubleshooting (diagnostics), or where the host lacks something (the ES5 SHA-256 without java.security).
// Such a kit sees the shared standard objects as its globals, never the message's bindings: it takes
// everything as arguments.
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { PROJECT_ROOT } from './entries';

/**
 * The kits of every policy bundle, each a module that exports functions only (and types), and why
 * it is rarely needed. test/packaging/lazy-kits.test.ts checks both.
 */
export const LAZY_KITS: ReadonlyArray<{ entry: string; why: string; compiled?: boolean }> = [
  { entry: 'policies/hosts/akana/config-check.ts', why: 'config.js validation: once per JVM and config (config-load.ts keeps the result)', compiled: true },
  { entry: 'policies/hosts/akana/diagnostics.ts', why: 'pi_options.diagnostics, a troubleshooting switch', compiled: true },
  { entry: 'policies/core/secret-hash.ts', why: 'hashSecrets (off by default), with SHA-256' },
  { entry: 'policies/hosts/akana/es5-sha256.ts', why: "the ES5 SHA-256, only where the JVM's MessageDigest is hidden (jvm-sha256.ts)", compiled: true },
  { entry: 'policies/hosts/akana/async-worker.ts', why: 'asyncMode (detect-only), off by default' },
  { entry: 'policies/hosts/akana/async-pool-start.ts', why: 'starting the async pool: once per JVM (and after it ended idle)', compiled: true }
];

/** An identifier from the kit's file name: policies/core/secret-hash.ts -> secretHashKit. */
export function kitName(entry: string): string {
  const stem = entry.replace(/^.*\//, '').replace(/\.ts$/, '');
  return stem.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase()) + 'Kit';
}

type BuildOptions = Omit<esbuild.BuildOptions, 'entryPoints' | 'plugins' | 'write' | 'metafile' | 'format'>;

/** Lowers a script to checked ES5 (es5-bundle.ts's steps 2 and 3), for the text of a compiled kit. */
export type ToEs5 = (code: string, label: string) => Promise<string>;

/** esbuild's closing `export { local as name, ... };` of an esm bundle. */
var EXPORT_CLAUSE = /\nexport \{([^}]*)\};\s*$/;

/**
 * One kit bundled on its own as a function body that sets `__kit` to a plain object of its exports;
 * and the names it exports. From esbuild's esm output, its closing export clause made an object
 * literal: an iife with a global name would add esbuild's CommonJS interop (seven helper functions
 * and a getter per export) to every kit, names in the script's own class and a call per use
 * (measured: 340 bytes of the class's name table per kit).
 */
async function bundleKit(file: string, options: BuildOptions, toEs5: ToEs5, hostPlugins: esbuild.Plugin[]): Promise<{ body: string; exports: string[] }> {
  // A kit's own kits stay lazy inside it (its entry point is never taken for a kit import).
  const built = await esbuild.build({ ...options, entryPoints: [file], format: 'esm', write: false, metafile: true, plugins: [...hostPlugins, lazyKitsPlugin(options, toEs5, hostPlugins)] });
  const warning = built.warnings[0];
  if (warning) throw new Error(`${file}: esbuild warned while bundling the kit: ${warning.text}`);
  const exports = Object.values(built.metafile?.outputs ?? {})[0]?.exports;
  const text = built.outputFiles?.[0]?.text;
  const clause = text === undefined ? null : EXPORT_CLAUSE.exec(text);
  if (!exports || text === undefined || !clause) throw new Error(`${file}: esbuild produced no kit (or no closing export clause)`);
  const members = clause[1].split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
    const [local, name = local] = entry.split(/\s+as\s+/);
    return `${name}: ${local}`;
  });
  return { body: `${text.slice(0, clause.index)}\nvar __kit = { ${members.join(', ')} };\n`, exports };
}

/** The module the policy imports instead of the kit: one loader, one forwarder per export. */
async function loaderModule(kit: { entry: string; compiled?: boolean }, bundled: { body: string; exports: string[] }, toEs5: ToEs5): Promise<string> {
  const loader = kitName(kit.entry);
  // U+2028/2029 end a line inside an ES5 string literal: escaped, as JSON.stringify does not.
  const make = kit.compiled
    ? `new Function(${JSON.stringify(`${await toEs5(bundled.body, kit.entry)}\nreturn __kit;`).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')})()`
    : `(function () {\n${bundled.body}\nreturn __kit;\n  })()`;
  const lines = [
    `var ${loader}Exports = null;`,
    `function ${loader}() {`,
    `  if (${loader}Exports === null) ${loader}Exports = ${make};`,
    `  return ${loader}Exports;`,
    '}'
  ];
  for (const name of bundled.exports) {
    lines.push(`export function ${name}() {`, `  var kit = ${loader}();`, `  return kit.${name}.apply(kit, arguments);`, '}');
  }
  return lines.join('\n');
}

/** The plugin for a policy build with these esbuild options and host plugins (host-modules.ts; the kits are bundled with the same ones). */
export function lazyKitsPlugin(options: BuildOptions, toEs5: ToEs5, hostPlugins: esbuild.Plugin[] = []): esbuild.Plugin {
  const kits = new Map(LAZY_KITS.map((k) => [resolve(PROJECT_ROOT, k.entry), k]));
  return {
    name: 'lazy-kits',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const file = resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`);
        return kits.has(file) ? { path: file, namespace: 'lazy-kit' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-kit' }, async (args) => {
        const kit = kits.get(args.path) as { entry: string; compiled?: boolean };
        return { contents: await loaderModule(kit, await bundleKit(args.path, options, toEs5, hostPlugins), toEs5), loader: 'js', resolveDir: PROJECT_ROOT };
      });
    }
  };
}
