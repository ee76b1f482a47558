// `upload` command: puts the built Akana scripts into existing Policy Manager script objects by key, and activates policy versions (Node only).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AKANA_SCRIPTS } from '../../packaging/entries';
import { shown } from './package';
import { describeChange, fingerprint } from '../upload/change-summary';
import { credentialSource, refuseSecretFlags, resolveCredentials, terminalPrompter, type Credentials } from '../upload/credentials';
import { PmClient, PmError, policyVersionPath, restBase, scriptPath, workflowPath, type PmObject } from '../upload/pm-client';
import { findContentField, parseScriptObject, withContent, type JsonObject } from '../upload/script-object';
import { defaultDistDir, startCommand } from '../command-io';
import { refuseInvalidConfigJs } from '../../config/config-js-refusal';
import { readCa } from '../gateway-api/ca-file';
import type { CredentialedIo } from '../gateway-api/prompter';
import { parseTimeoutFlag } from '../gateway-api/timeout-flag';

export const name = 'upload';
export const summary = 'update the Akana scripts in Policy Manager by key over its REST API (dry run shows what would change)';
export const usage = `usage: upload --url URL [--config-key K] [--retain-header-key K] [--pi-policy-key K] [options]

Updates existing Policy Manager script objects (REST: GET then PUT <url>/rest/pmscripts/{key}) with
the scripts in --dir: for each key it reads the object, replaces only its content field with the
file's text, and PUTs the object back; it never creates objects (create one in Policy Manager and
take its key). Scripts whose text is already the same are not PUT. Then it can activate policy
versions (PUT /rest/policies/{key}/versions/{version}/workflow {"Action":"Activate"}).
Every key and policy version is read first, so a wrong one stops the run before anything changes.

  --url URL                  Policy Manager address, e.g. https://pm.example.com:9900 (required)
  --config-key K             script key that gets config.js (it replaces the values set in Policy
                             Manager: build it from your config first, build --config FILE); a
                             config.js that does not validate is refused before any request
  --retain-header-key K      script key that gets retain-header-policy.js
  --pi-policy-key K          script key that gets pi_policy.js
                             (at least one key; uploaded in this order: config first)
  --dir DIR                  folder with the built scripts (default dist/akana)
  --content-field NAME       the object's field holding the script text (default: the first of
                             Content, content, Script, script, Source; a dotted path is allowed)
  --activate-policy KEY@VER  activate this policy version after the upload        (repeatable)
  --dry-run                  only read: print per key the size, sha256 and changed line ranges
                             (never the lines: config.js holds secrets); no PUT
  --ca FILE                  also trust this CA certificate (PEM) for Policy Manager's TLS
  --timeout MS               limit for each request (default 15000)
  -y, --yes                  do not ask for confirmation (asked only when stdin is a terminal)
  -h, --help                 show this text

credentials (never on the command line): PM_USERNAME and PM_PASSWORD (HTTP Basic) or PM_TOKEN
(Bearer) in the environment; when missing and stdin is a terminal, they are asked for (the
password without echo).

exit status: 0 done (or nothing to change), 1 failure, 2 usage error`;

const OPTIONS = {
  url: { type: 'string' },
  dir: { type: 'string' },
  'config-key': { type: 'string' },
  'retain-header-key': { type: 'string' },
  'pi-policy-key': { type: 'string' },
  'content-field': { type: 'string' },
  'activate-policy': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' }
} as const;

/** Flag -> built file, in upload order: config.js first, since the new pi_policy.js may read new variables. */
const KEY_FLAGS = [
  ['config-key', 'config.js'],
  ['retain-header-key', 'retain-header-policy.js'],
  ['pi-policy-key', 'pi_policy.js']
] as const;

export const DEFAULT_DIR = join(defaultDistDir(), 'akana');
export const DEFAULT_TIMEOUT_MS = 15000;

// The file names are the build's; a rename there must not silently break upload.
for (const [, file] of KEY_FLAGS) {
  if (!AKANA_SCRIPTS.includes(file)) throw new Error(`upload: packaging/entries.ts AKANA_SCRIPTS has no ${file}`);
}

export interface UploadTarget {
  flag: string;
  file: string;
  key: string;
}

export interface Activation {
  key: string;
  version: string;
}

export interface UploadArgs {
  url: string;
  dir: string;
  targets: UploadTarget[];
  activations: Activation[];
  contentField?: string;
  dryRun: boolean;
  ca?: string;
  timeoutMs: number;
  yes: boolean;
}

export type ParsedUploadArgs = { help: true } | ({ help: false } & UploadArgs);

/** A mistake in the command line: exit 2 with the usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseActivation(text: string): Activation {
  // The last @ splits, so a key may itself hold one.
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) throw new UsageError(`--activate-policy takes KEY@VERSION, e.g. my-policy-key@2 (got "${text}")`);
  return { key: text.slice(0, at), version: text.slice(at + 1) };
}

/** argv to UploadArgs; throws UsageError. */
export function parseUploadArgs(argv: string[]): ParsedUploadArgs {
  const refusal = refuseSecretFlags(argv);
  if (refusal !== undefined) throw new UsageError(refusal);
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };
  if (values.url === undefined) throw new UsageError('--url is required: the Policy Manager address, e.g. https://pm.example.com:9900');
  try {
    restBase(values.url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const targets: UploadTarget[] = [];
  for (const [flag, file] of KEY_FLAGS) {
    const key = values[flag];
    if (key === undefined) continue;
    if (key.trim() === '') throw new UsageError(`--${flag} needs a key`);
    const clash = targets.find((target) => target.key === key);
    if (clash) throw new UsageError(`--${clash.flag} and --${flag} name the same key ${key}: each file needs its own script object`);
    targets.push({ flag, file, key });
  }
  if (targets.length === 0) throw new UsageError('name at least one script key: --config-key, --retain-header-key or --pi-policy-key');
  let timeoutMs: number;
  try {
    timeoutMs = parseTimeoutFlag(values.timeout, DEFAULT_TIMEOUT_MS);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values['content-field'] !== undefined && !/^[^.]+(\.[^.]+)*$/.test(values['content-field'])) {
    throw new UsageError(`--content-field takes a field name or a dotted path such as Script.Content (got "${values['content-field']}")`);
  }
  return {
    help: false,
    url: values.url,
    dir: values.dir === undefined ? DEFAULT_DIR : resolve(values.dir),
    targets,
    activations: (values['activate-policy'] ?? []).map(parseActivation),
    contentField: values['content-field'],
    dryRun: values['dry-run'] === true,
    ca: values.ca === undefined ? undefined : resolve(values.ca),
    timeoutMs,
    yes: values.yes === true
  };
}

/** PM_USERNAME, PM_PASSWORD and PM_TOKEN are read from its env. */
export type UploadIo = CredentialedIo;

/** One script to update, after its GET. */
interface PlannedScript extends UploadTarget {
  object: JsonObject;
  field: string;
  content: string;
  changed: boolean;
}

/** Stops the run with exit 1 after the message was printed. */
class Failed extends Error {}

async function readScripts(args: UploadArgs): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const target of args.targets) {
    const path = join(args.dir, target.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(
        code === 'ENOENT'
          ? `${shown(path)} not found: run "pi-akana build" first, or point --dir at the built scripts`
          : `cannot read ${shown(path)}: ${code ?? (error as Error).message}`
      );
    }
    // Uploading a config.js that pi_policy.js rejects would forward every call unchecked from then on.
    if (target.file === 'config.js') refuseInvalidConfigJs(text, shown(path));
    texts.set(target.file, text);
  }
  return texts;
}

export async function run(argv: string[], io: UploadIo = {}): Promise<number> {
  const start = startCommand(argv, io, { name, usage }, parseUploadArgs);
  if ('exitCode' in start) return start.exitCode;
  const { parsed, out, err } = start;
  const args = parsed;
  const interactive = io.interactive ?? process.stdin.isTTY === true;
  const prompter = io.prompter ?? terminalPrompter;

  let texts: Map<string, string>;
  let ca: string | undefined;
  let credentials: Credentials;
  try {
    texts = await readScripts(args);
    ca = await readCa(args.ca);
    credentials = await resolveCredentials(io.env ?? process.env, interactive, prompter);
  } catch (error) {
    err(`${name}: ${(error as Error).message}`);
    return 1;
  }

  const client = new PmClient({ url: args.url, credentials, timeoutMs: args.timeoutMs, ca });
  // Progress shows paths under the REST base, which is printed once.
  const step = async (method: 'GET' | 'PUT', path: string, object: PmObject, body?: unknown) => {
    let response;
    try {
      response = await client.call(method, path, body);
    } catch (error) {
      out(`${method} ${path} ... failed`);
      err(`${name}: ${(error as Error).message}`);
      throw new Failed();
    }
    if (response.status < 200 || response.status > 299) {
      out(`${method} ${path} ... ${response.status}`);
      err(`${name}: ${client.describeFailure(response, object)}`);
      throw new Failed();
    }
    return response;
  };

  const updated: string[] = [];
  try {
    const from = credentials.kind === 'basic' && credentials.prompted ? 'the prompt' : credentialSource(credentials);
    out(`Policy Manager ${client.base} (credentials from ${from}, timeout ${args.timeoutMs} ms)`);

    // 1. Read everything first: a wrong key or version stops the run before any change.
    const plan: PlannedScript[] = [];
    for (const target of args.targets) {
      const path = scriptPath(target.key);
      const response = await step('GET', path, { kind: 'script', key: target.key });
      out(`GET ${path} ... ${response.status}`);
      let object: JsonObject;
      let found: { field: string; current: string };
      try {
        object = parseScriptObject(response.body, `GET ${path}`);
        found = findContentField(object, `script ${target.key}`, args.contentField);
      } catch (error) {
        err(`${name}: ${(error as Error).message}`);
        throw new Failed();
      }
      const content = texts.get(target.file) as string;
      const changed = found.current !== content;
      plan.push({ ...target, object, field: found.field, content, changed });
      out(`  ${target.file} -> script ${target.key}, field ${found.field}`);
      for (const line of describeChange(found.current, content)) out(`    ${line}`);
    }
    for (const activation of args.activations) {
      const path = policyVersionPath(activation.key, activation.version);
      const response = await step('GET', path, { kind: 'policy', key: activation.key, version: activation.version });
      out(`GET ${path} ... ${response.status}`);
    }

    const toPut = plan.filter((script) => script.changed);
    const work = `${toPut.length} script${toPut.length === 1 ? '' : 's'} to update, ${plan.length - toPut.length} unchanged, ${args.activations.length} policy version${args.activations.length === 1 ? '' : 's'} to activate`;
    if (args.dryRun) {
      out(`dry run: ${work}; nothing was changed`);
      return 0;
    }
    if (toPut.length === 0 && args.activations.length === 0) {
      out('nothing to do: every script already has this content');
      return 0;
    }
    if (interactive && !args.yes) {
      const answer = await prompter.line(`${work} on ${client.origin}. Go ahead? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) {
        out('cancelled: nothing was changed');
        return 1;
      }
    }

    // 2. Write.
    for (const script of toPut) {
      const path = scriptPath(script.key);
      const response = await step('PUT', path, { kind: 'script', key: script.key }, withContent(script.object, script.field, script.content));
      out(`PUT ${path} ... ${response.status} updated (${fingerprint(script.content).bytes} bytes)`);
      updated.push(script.key);
    }
    for (const activation of args.activations) {
      const path = workflowPath(activation.key, activation.version);
      const response = await step('PUT', path, { kind: 'policy', key: activation.key, version: activation.version }, { Action: 'Activate' });
      out(`PUT ${path} ... ${response.status} activated`);
    }
    out(`done: ${updated.length} script${updated.length === 1 ? '' : 's'} updated, ${plan.length - toPut.length} unchanged, ${args.activations.length} policy version${args.activations.length === 1 ? '' : 's'} activated`);
    return 0;
  } catch (error) {
    if (!(error instanceof Failed)) {
      err(`${name}: ${error instanceof PmError ? error.message : (error as Error).message}`);
    }
    if (updated.length > 0) err(`${name}: already updated before the failure: script${updated.length === 1 ? '' : 's'} ${updated.join(', ')}`);
    return 1;
  } finally {
    await client.close();
  }
}

export default { name, summary, usage, run };
