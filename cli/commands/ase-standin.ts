// `ase-standin` CLI command (Node): runs the ASE stand-in until SIGINT/SIGTERM, printing one line per call.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FAULT_MODES, startAseStandin } from '../../standin/index';
import type { ApiKeyEntry, Fault, FaultMode, KnownApi, RecordedCall, StandinOptions } from '../../standin/index';
import { startCommand } from '../command-io';

export const name = 'ase-standin';
export const summary = 'run a loopback ASE sideband stand-in (contract checks, deny lists, faults) that logs each call';
export const usage = `usage: ase-standin [options]

Serves POST /ase/request and /ase/response like a PingIntelligence ASE in sideband mode and prints
"METHOD PATH -> STATUS REASON" for every call. Runs until SIGINT/SIGTERM.

  --port N                  port to listen on (default 0: any free port, printed at start)
  --host ADDR               address to bind (default 127.0.0.1)
  --token T                 expected ASE-Token (default: no check); never printed
  --name NAME               name shown in messages (default ase-standin)
  --deny-ip IP              403 for this source_ip                        (repeatable)
  --deny-token T            403 for "authorization: Bearer T"              (repeatable)
  --deny-username U         403 for user_info username U                   (repeatable)
  --deny-cookie C           403 for cookie pair "name=value" or value C    (repeatable)
  --deny-api-key H=V        403 for header H with value V                  (repeatable)
  --known-api [HOST]/PREFIX only these APIs are known, others get 503      (repeatable)
  --tls-key FILE --tls-cert FILE   serve HTTPS with this PEM key and certificate
  --delay MS                delay every answer
  --fault MODE              none | refuse | reset | garbage | hang | stall-headers | stall-body
                            | slow-drip (one body byte per --delay MS) | huge | status=NNN
  -h, --help                show this text`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string' },
  name: { type: 'string' },
  'deny-ip': { type: 'string', multiple: true },
  'deny-token': { type: 'string', multiple: true },
  'deny-username': { type: 'string', multiple: true },
  'deny-cookie': { type: 'string', multiple: true },
  'deny-api-key': { type: 'string', multiple: true },
  'known-api': { type: 'string', multiple: true },
  'tls-key': { type: 'string' },
  'tls-cert': { type: 'string' },
  delay: { type: 'string' },
  fault: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

export type ParsedStandinArgs = { help: true } | { help: false; options: StandinOptions };

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Error(`--${flag} must be an integer ${min}-${max}; got "${text}"`);
  return value;
}

function parseFault(text: string | undefined, delay: string | undefined): Fault | undefined {
  const fault: Fault = {};
  if (delay !== undefined) fault.delayMs = integer('delay', delay, 0, 3_600_000);
  if (text !== undefined) {
    const status = /^status[=:](\d+)$/.exec(text);
    if (status) {
      fault.mode = 'status';
      fault.status = integer('fault status', status[1], 100, 599);
    } else if (text !== 'status' && (FAULT_MODES as ReadonlyArray<string>).includes(text)) {
      fault.mode = text as FaultMode;
    } else {
      throw new Error(`--fault must be ${FAULT_MODES.filter((m) => m !== 'status').join(', ')} or status=NNN; got "${text}"`);
    }
  }
  return delay === undefined && text === undefined ? undefined : fault;
}

function parseApiKey(text: string): ApiKeyEntry {
  const eq = text.indexOf('=');
  // The value is a secret: the message never echoes it.
  if (eq <= 0) throw new Error('--deny-api-key takes HEADER=VALUE (no "=" or an empty header name)');
  return { header: text.slice(0, eq).trim().toLowerCase(), value: text.slice(eq + 1) };
}

function parseKnownApi(text: string): KnownApi {
  const slash = text.indexOf('/');
  if (slash < 0) throw new Error(`--known-api takes [HOST]/PATH-PREFIX, e.g. api.example.com/shop or /shop; got "${text}"`);
  return slash === 0 ? { pathPrefix: text } : { host: text.slice(0, slash), pathPrefix: text.slice(slash) };
}

/** Flags to StandinOptions; throws an Error naming the bad flag. */
export function parseStandinArgs(argv: string[]): ParsedStandinArgs {
  const { values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  if (values.help) return { help: true };
  if ((values['tls-key'] === undefined) !== (values['tls-cert'] === undefined)) {
    throw new Error('--tls-key and --tls-cert go together');
  }
  const options: StandinOptions = {
    port: values.port === undefined ? 0 : integer('port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    token: values.token ?? '',
    name: values.name ?? name,
    deny: {
      ips: values['deny-ip'] ?? [],
      tokens: values['deny-token'] ?? [],
      usernames: values['deny-username'] ?? [],
      cookies: values['deny-cookie'] ?? [],
      apiKeys: (values['deny-api-key'] ?? []).map(parseApiKey)
    }
  };
  if (values['known-api'] !== undefined) options.knownApis = values['known-api'].map(parseKnownApi);
  if (values['tls-key'] !== undefined && values['tls-cert'] !== undefined) {
    options.tls = { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) };
  }
  const faults = parseFault(values.fault, values.delay);
  if (faults !== undefined) options.faults = faults;
  return { help: false, options };
}

/** The per-call line: never the headers or body (they hold the ASE token and client secrets). */
export function formatCall(call: RecordedCall): string {
  const fault = call.fault !== undefined && call.status === 0 ? ` (${call.fault})` : '';
  return `${call.method} ${call.path} -> ${call.status} ${call.reason}${fault}`;
}

export interface RunIo {
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Stops the server when aborted; by default SIGINT or SIGTERM does. */
  stop?: AbortSignal;
}

function untilStopped(stop: AbortSignal | undefined): Promise<void> {
  if (stop !== undefined) {
    return stop.aborted ? Promise.resolve() : new Promise((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  }
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export async function run(argv: string[], io: RunIo = {}): Promise<number> {
  const start = startCommand(argv, io, { name, usage }, parseStandinArgs);
  if ('exitCode' in start) return start.exitCode;
  const { parsed, out, err } = start;
  const options = parsed.options;
  let standin;
  let count = 0;
  const onCall = (call: RecordedCall) => {
    count += 1;
    out(formatCall(call));
  };
  try {
    // Not recorded in memory: a demo or benchmark may run for millions of calls.
    standin = await startAseStandin({ ...options, recordCalls: false, onCall });
  } catch (error) {
    err(`${name}: ${(error as Error).message}`);
    return 1;
  }
  const knobs = [
    `token check ${options.token ? 'on' : 'off'}`,
    options.knownApis ? `${options.knownApis.length} known api(s)` : 'every api known',
    options.faults ? `fault ${options.faults.mode ?? 'none'}${options.faults.delayMs ? ` delay ${options.faults.delayMs} ms` : ''}` : 'no fault'
  ];
  out(`${standin.name} listening on ${standin.url} (${knobs.join(', ')})`);
  await untilStopped(io.stop);
  await standin.close();
  out(`${standin.name} stopped after ${count} call(s)`);
  return 0;
}

export default { name, summary, usage, run };
