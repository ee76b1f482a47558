#!/usr/bin/env node
// The package's command line (Node): registers tsx so the TypeScript CLI in cli/ runs as is, then dispatches.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/cli.ts');
process.exitCode = await main(process.argv.slice(2));
