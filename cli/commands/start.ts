// `start` command (npm start): the product's main job on one machine, Akana bundles in Rhino against two ASE stand-ins (Node).
import { parseArgs } from 'node:util';
import type { Command } from '../cli';
import { startCommand, type LineIo } from '../command-io';
import { runDemo } from '../../demo/run-demo';

/** Resolves on the first SIGINT or SIGTERM. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

const command: Command = {
  name: 'start',
  summary: 'demo: the Akana policies (or, with --apigee, the Apigee shared flow) in Rhino against two local ASE stand-ins (blocks, failover), then a report',
  usage: [
    'start [--node | --apigee] [--keep-running]',
    '',
    'Builds pi_policy.js, retain-header-policy.js and a demo config.js into a temporary folder, starts two',
    'ASE stand-ins (primary, secondary) on 127.0.0.1 with a sideband token and a deny list, and runs ten',
    'scripted API calls through the bundles in Rhino (the fake Akana host, one JVM): normal calls with their',
    'response phase, a deny-listed bearer token, the same token in ?access_token=, a token kept by',
    'retain-header after OAuth removed it, a deny-listed client IP; then the primary stops and the',
    'secondary takes over. Prints one row per call and a summary; nothing else needs to run. Without',
    'Java or the Rhino jar the same traffic runs through the Node host. Exit 1 when the product did not',
    'do what the script expects (each such call is listed as UNEXPECTED).',
    '',
    'options:',
    '  --node          run the traffic through the Node host (createAsePolicy) even when Rhino is available',
    '  --apigee        run it through the Apigee shared flow zip in Rhino (the fake of Apigee\'s object model)',
    '  --keep-running  afterwards leave both stand-ins listening (primary restarted) until Ctrl-C',
    '  -h, --help      show this help'
  ].join('\n'),
  async run(argv: string[], io: LineIo = {}) {
    const start = startCommand(argv, io, command, (args) =>
      parseArgs({ args, options: { node: { type: 'boolean' }, apigee: { type: 'boolean' }, 'keep-running': { type: 'boolean' } }, allowPositionals: false, strict: true }).values
    );
    if ('exitCode' in start) return start.exitCode;
    const values = start.parsed;
    const out = process.stdout;
    const result = await runDemo({
      host: values.node ? 'node' : values.apigee ? 'apigee' : 'auto',
      out,
      beforeClose: values['keep-running']
        ? async (standins, buildDir) => {
            out.write(`\nstand-ins still listening: primary ${standins.primary.url}, secondary ${standins.secondary.url}\n`);
            out.write(`built scripts (config.js holds the demo ASE token): ${buildDir}/akana; Ctrl-C to stop\n`);
            await untilInterrupted();
          }
        : undefined
    });
    if (result.problems.length > 0) throw new Error(`the demo did not go as scripted: ${result.problems.join('; ')}`);
    return 0;
  }
};

export default command;
