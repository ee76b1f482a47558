// Policy Manager credentials for upload: PM_USERNAME/PM_PASSWORD or PM_TOKEN, or terminal prompts (password not echoed) (Node only).
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export type Credentials =
  | { kind: 'basic'; username: string; password: string; /** Where they came from, for messages. */ prompted?: boolean }
  | { kind: 'bearer'; token: string };

/** Asks the operator; only used when stdin is a terminal. */
export interface Prompter {
  line(question: string): Promise<string>;
  /** Reads without echoing what is typed. */
  secret(question: string): Promise<string>;
}

/** Flags that would put a secret in argv (shell history, `ps`): refused, with the variable to use instead. */
export const SECRET_FLAGS: Record<string, string> = {
  password: 'PM_PASSWORD',
  pass: 'PM_PASSWORD',
  passwd: 'PM_PASSWORD',
  token: 'PM_TOKEN'
};

/** The refusal for the first secret-carrying flag in argv, or undefined. Never repeats the value. */
export function refuseSecretFlags(argv: string[]): string | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    const match = /^--?([a-z-]+)(=|$)/i.exec(arg);
    const variable = match ? SECRET_FLAGS[match[1].toLowerCase()] : undefined;
    if (variable !== undefined) {
      return (
        `--${match![1]} is not accepted: a secret on the command line ends up in shell history and process lists. ` +
        `Set ${variable} in the environment instead (e.g. read -rs ${variable} && export ${variable}), or run in a terminal to be asked for it.`
      );
    }
  }
  return undefined;
}

export const MISSING_CREDENTIALS =
  'no Policy Manager credentials: set PM_USERNAME and PM_PASSWORD (HTTP Basic) or PM_TOKEN (Bearer) in the environment, ' +
  'or run in a terminal to be asked';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * PM_TOKEN wins over PM_USERNAME/PM_PASSWORD; what is missing is asked for when interactive.
 * Throws an Error naming the variables when something is missing and nobody can be asked.
 */
export async function resolveCredentials(env: NodeJS.ProcessEnv, interactive: boolean, prompter: Prompter): Promise<Credentials> {
  const token = nonEmpty(env.PM_TOKEN);
  if (token !== undefined) return { kind: 'bearer', token };
  let username = nonEmpty(env.PM_USERNAME);
  let password = nonEmpty(env.PM_PASSWORD);
  if (username !== undefined && password !== undefined) return { kind: 'basic', username, password };
  if (!interactive) {
    if (username !== undefined) throw new Error('PM_PASSWORD is not set (PM_USERNAME is): set it in the environment, or run in a terminal to be asked');
    if (password !== undefined) throw new Error('PM_USERNAME is not set (PM_PASSWORD is): set it in the environment, or run in a terminal to be asked');
    throw new Error(MISSING_CREDENTIALS);
  }
  if (username === undefined) username = (await prompter.line('Policy Manager user name: ')).trim();
  if (password === undefined) password = await prompter.secret(`Password for ${username}: `);
  if (username === '' || password === '') throw new Error('an empty user name or password: nothing to log in with');
  return { kind: 'basic', username, password, prompted: true };
}

export function authorizationHeader(credentials: Credentials): string {
  return credentials.kind === 'bearer'
    ? `Bearer ${credentials.token}`
    : `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** Where the credentials came from: what to check when Policy Manager answers 401. */
export function credentialSource(credentials: Credentials): string {
  if (credentials.kind === 'bearer') return 'PM_TOKEN';
  return credentials.prompted ? 'the user name and password typed at the prompt (or set PM_USERNAME/PM_PASSWORD)' : 'PM_USERNAME/PM_PASSWORD';
}

function ask(question: string, echo: boolean): Promise<string> {
  // While reading a secret, readline echoes into a sink instead of the terminal, so the question is written here.
  if (!echo) process.stderr.write(question);
  const output = echo ? process.stderr : new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => {
      rl.close();
    });
    rl.on('close', () => {
      if (!echo) process.stderr.write('\n');
      if (!answered) reject(new Error('cancelled at the prompt'));
    });
    rl.question(echo ? question : '', (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/** Prompts on the terminal (stdin, questions on stderr so stdout stays the report). */
export const terminalPrompter: Prompter = {
  line: (question) => ask(question, true),
  secret: (question) => ask(question, false)
};
