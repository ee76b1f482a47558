// Builds the command line into dist/cli: cli/cli.ts and each cli/commands/*.ts as ES modules that plain node runs (esbuild) (Node only).
//
// Usage: tsx packaging/build-cli.ts [outDir]   (default dist/cli)
// The layout mirrors cli/: dist/cli/cli.js finds its commands by file name in dist/cli/commands/, as
// the source dispatcher does in cli/commands/; code they share goes to dist/cli/chunks/. Packages stay
// imports: the runtime ones (zod, tar, undici) are dependencies; esbuild, typescript and acorn are
// imported lazily by the steps that compile, which only a source checkout runs.
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from './entries';

const CLI_SOURCES = join(PROJECT_ROOT, 'cli');

export interface CliBuild {
  outDir: string;
  /** Paths relative to outDir of every file written (entries and chunks). */
  files: string[];
}

/** The dispatcher plus one entry per command file, so each command stays its own file. */
export function cliEntryPoints(): string[] {
  const commands = readdirSync(join(CLI_SOURCES, 'commands'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => join(CLI_SOURCES, 'commands', file));
  return [join(CLI_SOURCES, 'cli.ts'), ...commands];
}

export async function buildCli(outDir = join(PROJECT_ROOT, 'dist', 'cli')): Promise<CliBuild> {
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    entryPoints: cliEntryPoints(),
    outdir: outDir,
    outbase: CLI_SOURCES,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    logLevel: 'silent'
  });
  const files = Object.keys(result.metafile.outputs).map((file) => relative(outDir, resolve(PROJECT_ROOT, file)).split('\\').join('/'));
  return { outDir, files: files.sort() };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildCli(process.argv[2] ? resolve(process.argv[2]) : undefined).then(
    (built) => console.log(`CLI: ${built.files.length} files in ${built.outDir}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  );
}
