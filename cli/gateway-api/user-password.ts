// Gateway management-API commands (Akana, Apigee; Node only): a user name and password from two environment variables, or asked for on the terminal (the password without echo).
import type { Prompter } from './prompter';

export interface UserPasswordSource {
  userVar: string;
  passwordVar: string;
  /** The question for the user name, e.g. "Policy Manager user name: ". */
  userQuestion: string;
  /** The error when both are missing and nobody can be asked. */
  missing: string;
}

export interface UserPassword {
  user: string;
  password: string;
  /** True when something was typed at the prompt. */
  prompted?: boolean;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Both variables set: used as they are. Otherwise what is missing is asked for when interactive;
 * when not, throws an Error naming the missing variable. Empty values count as unset.
 */
export async function resolveUserPassword(
  env: NodeJS.ProcessEnv,
  interactive: boolean,
  prompter: Prompter,
  source: UserPasswordSource
): Promise<UserPassword> {
  let user = nonEmpty(env[source.userVar]);
  let password = nonEmpty(env[source.passwordVar]);
  if (user !== undefined && password !== undefined) return { user, password };
  if (!interactive) {
    if (user !== undefined) throw new Error(`${source.passwordVar} is not set (${source.userVar} is): set it in the environment, or run in a terminal to be asked`);
    if (password !== undefined) throw new Error(`${source.userVar} is not set (${source.passwordVar} is): set it in the environment, or run in a terminal to be asked`);
    throw new Error(source.missing);
  }
  if (user === undefined) user = (await prompter.line(source.userQuestion)).trim();
  if (password === undefined) password = await prompter.secret(`Password for ${user}: `);
  if (user === '' || password === '') throw new Error('an empty user name or password: nothing to log in with');
  return { user, password, prompted: true };
}
