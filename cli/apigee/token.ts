// apigee-deploy (Node only): the bearer token from APIGEE_TOKEN, or asked for without echo on a terminal; never from argv.
import type { Prompter } from '../gateway-api/prompter';
import { TOKEN_VARIABLE } from './args';

export async function resolveToken(env: NodeJS.ProcessEnv, interactive: boolean, prompter: Prompter): Promise<string> {
  const fromEnv = (env[TOKEN_VARIABLE] ?? '').trim();
  if (fromEnv !== '') return fromEnv;
  if (!interactive) {
    throw new Error(`no Apigee token: set ${TOKEN_VARIABLE} (e.g. export ${TOKEN_VARIABLE}=$(gcloud auth print-access-token)), or run in a terminal to be asked`);
  }
  const typed = (await prompter.secret('Apigee access token (gcloud auth print-access-token): ')).trim();
  if (typed === '') throw new Error('an empty token: nothing to authenticate with');
  return typed;
}
