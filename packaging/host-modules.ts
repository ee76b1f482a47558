// The esbuild plugin that builds one gateway's bundle with its own implementation of a core module, in place of the core's (Node only).
//
// The core stays host-neutral: a host module exports the same functions as the core module it stands
// for (and may import that module itself, for a fallback). PolicyEntry.hostModules names the pairs.
import { dirname, resolve } from 'node:path';
import type * as esbuild from 'esbuild';
import { PROJECT_ROOT } from './entries';

/** Relative imports of a core module, from anywhere but its host module's folder, resolve to the host module. */
export function hostModulesPlugin(modules: Readonly<Record<string, string>>): esbuild.Plugin {
  const byCore = new Map(Object.entries(modules).map(([core, host]) => [resolve(PROJECT_ROOT, core), resolve(PROJECT_ROOT, host)]));
  return {
    name: 'host-modules',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const file = resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`);
        const host = byCore.get(file);
        // The host's own folder keeps the core module: a host module (or its fallback kit beside it,
        // such as akana/es5-sha256.ts) may build on the very module it stands in for.
        return host === undefined || dirname(args.importer) === dirname(host) ? undefined : { path: host };
      });
    }
  };
}
