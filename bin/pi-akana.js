#!/usr/bin/env node
// The package's command line (Node): the TypeScript CLI in cli/ through tsx in a source checkout, the built dist/cli/cli.js from an installed package.
//
// Sources win when they are here, so a checkout never runs a stale build; an installed package has no
// cli/ and needs no tsx: `npm pack` built dist/cli (packaging/build-cli.ts).
import { existsSync } from 'node:fs';

const source = new URL('../cli/cli.ts', import.meta.url);
const built = new URL('../dist/cli/cli.js', import.meta.url);

async function loadMain() {
  if (existsSync(source)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return (await import(source.href)).main;
    } catch (error) {
      if (!existsSync(built)) throw new Error(`cli/cli.ts needs tsx, a dev dependency (run "npm install"): ${error.message}`);
    }
  }
  if (existsSync(built)) return (await import(built.href)).main;
  throw new Error('no CLI in this package: dist/cli/cli.js is built by "npm run build:cli" (npm pack runs it)');
}

try {
  const main = await loadMain();
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`pi-akana: error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
