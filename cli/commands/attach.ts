// `attach` command: attaches pi_policy to every API implementation in scope and retain-header to the OAuth-protected ones over Akana's platform API, or checks that they are (Node only).
import { readCa } from '../gateway-api/ca-file';
import { terminalPrompter, type CredentialedIo } from '../gateway-api/prompter';
import { resolveUserPassword, type UserPassword } from '../gateway-api/user-password';
import { parseAttachArgs, type AttachArgs } from '../attach/args';
import { PlatformClient } from '../attach/platform-client';
import { findOurPolicies, type OurPolicies } from '../attach/policy-catalog';
import { readPlans } from '../attach/read-phase';
import { EXIT, exitCode, jsonReport, planLine, summarize, summaryLine } from '../attach/report';
import { writePlans, type WriteOutcome } from '../attach/write-phase';
import type { ImplementationPlan } from '../attach/plan';
import { startCommand } from '../command-io';

export const name = 'attach';
export const summary = 'attach pi_policy to every API and retain-header to the OAuth-protected ones over the Akana platform API (--check for CI)';
export const usage = `usage: attach --url URL [--org ID]... [--api NAME]... [--env live|sandbox] [--dry-run | --check] [options]

Attaches the policies to API implementations over Akana's platform API (Community Manager): the
policy holding pi_policy.js to every implementation in scope, and the one holding
retain-header-policy.js to every OAuth-protected one. For each implementation it reads the current
assignment (GET .../implementations/{Live|Sandbox}/policies) and writes it back whole with ours
added at the end (PUT, same path): existing entries are kept exactly as read, in their order. An
implementation that has both (attached to it, or inherited from the tenant or organization) is not
written. Everything is read before anything is written, so a wrong name changes nothing.

  --url URL                   Community Manager (developer portal) address, e.g.
                              https://developer.example.com (required)
  --org BUSINESS_ID           only the APIs of this organization                    (repeatable)
  --api NAME|APIID            only this API, all its versions                       (repeatable)
                              (neither: every API the account can see)
  --env live|sandbox          only these implementations (default both; repeatable or live,sandbox)
  --pi-policy NAME|KEY        the operational policy with pi_policy.js (default pi_policy)
  --retain-header-policy NAME|KEY
                              the one with retain-header-policy.js (default retain-header)
  --policy-owner BUSINESS_ID  the organization that owns those two policies, if not the tenant
  --oauth-policy NAME|KEY     also count this policy as OAuth protection            (repeatable)
  --dry-run                   only read: print per implementation what it has, what would be
                              added and why it counts as OAuth-protected; no PUT
  --check                     only read: list the implementations missing either policy and
                              exit 3 when one does (for CI); no PUT
  --json                      print one JSON document on stdout (progress goes to stderr)
  --ca FILE                   also trust this CA certificate (PEM) for the platform's TLS
  --timeout MS                limit for each request (default 15000)
  -y, --yes                   do not ask for confirmation (asked only when stdin is a terminal)
  -h, --help                  show this text

OAuth-protected means any of: an OAuth or OpenID Connect policy (name, key or sub-type containing
"oauth", "openid" or "oidc", or named with --oauth-policy) attached to the implementation or to one
of its operations, or inherited from the tenant or organization; or an OAuth provider in the API
version's OAuth settings for that endpoint (Live: production, Sandbox: sandbox).

credentials (never on the command line): AKANA_EMAIL and AKANA_PASSWORD, the platform login, in the
environment; when missing and stdin is a terminal, they are asked for (the password without echo).
The account must be an API Admin (or Business Admin) of every API it changes.

exit status: 0 nothing to do (everything in scope has its policies), 3 changes: made (default),
would be made (--dry-run) or missing (--check), 1 failure, 2 usage error`;

/** AKANA_EMAIL and AKANA_PASSWORD are read from its env. */
export type AttachIo = CredentialedIo;

const LOGIN_SOURCE = {
  userVar: 'AKANA_EMAIL',
  passwordVar: 'AKANA_PASSWORD',
  userQuestion: 'Akana platform login (email): ',
  missing:
    'no platform credentials: set AKANA_EMAIL and AKANA_PASSWORD (the Community Manager login of an API Admin) in the environment, or run in a terminal to be asked'
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export async function run(argv: string[], io: AttachIo = {}): Promise<number> {
  const start = startCommand(argv, io, { name, usage }, parseAttachArgs);
  if ('exitCode' in start) return start.exitCode;
  const { parsed: args, out, err } = start;
  // With --json stdout holds the document only; the progress a person reads goes to stderr.
  const progress = args.json ? err : out;
  const interactive = io.interactive ?? process.stdin.isTTY === true;
  const prompter = io.prompter ?? terminalPrompter;
  const failed = (message: string, platform?: string): number => {
    err(`${name}: ${message}`);
    if (args.json) out(JSON.stringify({ mode: args.mode, platform, error: message, exitCode: EXIT.failed }, null, 2));
    return EXIT.failed;
  };

  let ca: string | undefined;
  let login: UserPassword;
  try {
    ca = await readCa(args.ca);
    login = await resolveUserPassword(io.env ?? process.env, interactive, prompter, LOGIN_SOURCE);
  } catch (error) {
    return failed((error as Error).message);
  }

  const client = new PlatformClient({ url: args.url, timeoutMs: args.timeoutMs, ca });
  const reader = { client, email: login.user };
  try {
    const source = login.prompted ? 'the prompt' : 'AKANA_EMAIL/AKANA_PASSWORD';
    progress(`Community Manager ${client.base} (login ${login.user} from ${source}, timeout ${args.timeoutMs} ms)`);
    await client.login(login.user, login.password, source);
    const ours = await findOurPolicies(reader, { pi: args.piPolicy, retain: args.retainHeaderPolicy, owner: args.policyOwner });
    progress(`policies: pi_policy = "${ours.pi.Name ?? ours.pi.PolicyKey}" (${ours.pi.PolicyKey}), retain-header = "${ours.retain.Name ?? ours.retain.PolicyKey}" (${ours.retain.PolicyKey})`);
    const plans = await readPlans(
      reader,
      { organizations: args.organizations, apis: args.apis, implementations: args.implementations },
      {
        ours,
        extraOAuth: args.extraOAuth,
        scoped: (apis) => progress(`scope: ${plural(apis.length, 'API')} (${describeScope(args)}), ${args.implementations.join(' and ')}`),
        progress: (plan, index, count) => progress(`[${index}/${count}] ${planLine(plan, args.mode)}`)
      }
    );
    const todo = plans.filter((plan) => plan.present && plan.add.length > 0);
    if (args.mode !== 'apply' || todo.length === 0) return finish(args, client.base, ours, plans, [], progress, out);
    if (interactive && !args.yes) {
      const answer = await prompter.line(`Attach to ${plural(todo.length, 'implementation')} on ${client.origin}? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) return failed('cancelled: nothing was changed', client.base);
    }
    const outcomes = await writePlans(reader, todo, ours, { line: progress, error: (message) => err(`${name}: ${message}`) });
    return finish(args, client.base, ours, plans, outcomes, progress, out);
  } catch (error) {
    return failed((error as Error).message, client.base);
  } finally {
    await client.close();
  }
}

function describeScope(args: AttachArgs): string {
  if (args.apis.length > 0) return `named: ${args.apis.join(', ')}`;
  if (args.organizations.length > 0) return `organization${args.organizations.length === 1 ? '' : 's'} ${args.organizations.join(', ')}`;
  return 'every API this account can see';
}

function finish(
  args: AttachArgs,
  platform: string,
  ours: OurPolicies,
  plans: ImplementationPlan[],
  outcomes: WriteOutcome[],
  progress: (line: string) => void,
  out: (line: string) => void
): number {
  const totals = summarize(plans, outcomes);
  progress(summaryLine(args.mode, totals));
  if (args.json) out(JSON.stringify(jsonReport(args.mode, platform, ours, plans, outcomes), null, 2));
  return exitCode(totals);
}

export default { name, summary, usage, run };
