// Policy Manager credentials for upload: PM_USERNAME/PM_PASSWORD or PM_TOKEN, or terminal prompts (password not echoed) (Node only).
import type { Prompter } from '../gateway-api/prompter';
import { refuseSecretFlags as refuseFlags } from '../gateway-api/secret-flags';
import { resolveUserPassword } from '../gateway-api/user-password';

export { terminalPrompter, type Prompter } from '../gateway-api/prompter';

export type Credentials =
  | { kind: 'basic'; username: string; password: string; /** Where they came from, for messages. */ prompted?: boolean }
  | { kind: 'bearer'; token: string };

/** Flags that would put a secret in argv (shell history, `ps`): refused, with the variable to use instead. */
export const SECRET_FLAGS: Record<string, string> = {
  password: 'PM_PASSWORD',
  pass: 'PM_PASSWORD',
  passwd: 'PM_PASSWORD',
  token: 'PM_TOKEN'
};

/** The refusal for the first secret-carrying flag in argv, or undefined. Never repeats the value. */
export function refuseSecretFlags(argv: string[]): string | undefined {
  return refuseFlags(argv, SECRET_FLAGS);
}

export const MISSING_CREDENTIALS =
  'no Policy Manager credentials: set PM_USERNAME and PM_PASSWORD (HTTP Basic) or PM_TOKEN (Bearer) in the environment, ' +
  'or run in a terminal to be asked';

/**
 * PM_TOKEN wins over PM_USERNAME/PM_PASSWORD; what is missing is asked for when interactive.
 * Throws an Error naming the variables when something is missing and nobody can be asked.
 */
export async function resolveCredentials(env: NodeJS.ProcessEnv, interactive: boolean, prompter: Prompter): Promise<Credentials> {
  if (env.PM_TOKEN !== undefined && env.PM_TOKEN !== '') return { kind: 'bearer', token: env.PM_TOKEN };
  const login = await resolveUserPassword(env, interactive, prompter, {
    userVar: 'PM_USERNAME',
    passwordVar: 'PM_PASSWORD',
    userQuestion: 'Policy Manager user name: ',
    missing: MISSING_CREDENTIALS
  });
  return { kind: 'basic', username: login.user, password: login.password, ...(login.prompted ? { prompted: true } : {}) };
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
