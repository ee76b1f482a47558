// The `attach` command (Node) end to end against a loopback mock of Akana's platform API: attach, second run, --check, --dry-run, --json, and each failure.
import { afterEach, describe, expect, it } from 'vitest';
import command, { run, type AttachIo } from '../../cli/commands/attach';
import type { Prompter } from '../../cli/gateway-api/prompter';
import { startPlatformMock, type MockPolicy, type MockState, type PlatformMock } from './attach-platform-mock';

const EMAIL = 'ops@example.com';
const PASSWORD = 'pa55:word-SECRET';
const ENV = { AKANA_EMAIL: EMAIL, AKANA_PASSWORD: PASSWORD };

const PI: MockPolicy = { PolicyKey: 'acme-pi_policy', Name: 'pi_policy', Description: 'PingIntelligence sideband', PolicyType: 'Operational Policy', PolicySubType: 'policy.script' };
const RETAIN: MockPolicy = { PolicyKey: 'acme-retain-header', Name: 'retain-header', Description: 'keeps Authorization', PolicyType: 'Operational Policy', PolicySubType: 'policy.script' };
const OAUTH: MockPolicy = { PolicyKey: 'acme-OAuthSecurity', Name: 'OAuthSecurity', Description: '', PolicyType: 'Operational Policy', PolicySubType: 'policy.oauth' };
const APPSEC: MockPolicy = { PolicyKey: 'acme-AtmosphereApplicationSecurityPolicy', Name: 'AtmosphereApplicationSecurityPolicy', Description: '', PolicyType: 'Operational Policy', PolicySubType: 'policy.apisec' };
const AUDIT: MockPolicy = { PolicyKey: 'acme-DetailedAuditing', Name: 'DetailedAuditing', Description: '', PolicyType: 'Operational Policy', PolicySubType: 'policy.auditservice' };

/**
 * Petstore's Live assignment as Akana might format it: indented, members in an odd order, an
 * escaped character, a number with a trailing zero and an operation-level policy. Written back,
 * every byte of it must be there unchanged.
 */
const PETSTORE_LIVE = `{
    "Policy" : [ {
        "Name" : "AtmosphereApplicationSecurityPolicy",
        "PolicyKey" : "acme-AtmosphereApplicationSecurityPolicy",
        "Description" : "caf\\u00e9 apps",
        "PolicyType" : "Operational Policy",
        "PolicySubType" : "policy.apisec",
        "Weight" : 1.50
    } ],
    "ApiOperationPolicy" : [ {
        "Operation" : { "Name" : "addPet", "Method" : "POST", "Path" : "/pet", "2" : "kept" },
        "Policy" : [ { "PolicyKey" : "acme-DetailedAuditing", "Name" : "DetailedAuditing", "PolicyType" : "Operational Policy" } ]
    } ]
}`;
const CATALOG_LIVE = '{"Policy":[{"PolicyKey":"acme-DetailedAuditing","Name":"DetailedAuditing","PolicyType":"Operational Policy"}]}';

function platform(overrides: Partial<MockState> = {}): Omit<MockState, 'faults'> {
  return {
    fed: 'acme',
    email: EMAIL,
    password: PASSWORD,
    csrf: 'writes',
    catalog: [APPSEC, AUDIT, OAUTH, PI, RETAIN],
    tenantPolicies: [],
    // The bank organization protects its APIs with OAuth at organization level: inherited, not attached to them.
    orgPolicies: { bank: [OAUTH] },
    apis: [
      {
        id: 'api-petstore.acme',
        name: 'Petstore',
        business: 'retail',
        versions: [
          {
            id: 'v-petstore-1.acme',
            name: '1.0',
            // OAuth through the API's OAuth settings (production endpoint only).
            oauthDetails: { ProxyAPI: { ProductionEndpoint: { OAuthProvider: 'PingFederate', OAuth20Supported: true, OAuth10aSupported: false } } },
            impls: { Live: PETSTORE_LIVE }
          }
        ]
      },
      {
        id: 'api-payments.acme',
        name: 'Payments',
        business: 'bank',
        versions: [{ id: 'v-payments-2.acme', name: '2', impls: { Live: '{"Policy":[],"ApiOperationPolicy":[]}', Sandbox: '' } }]
      },
      {
        id: 'api-catalog.acme',
        name: 'Catalog',
        business: 'retail',
        versions: [{ id: 'v-catalog-1.acme', name: '1', impls: { Live: CATALOG_LIVE } }]
      }
    ],
    ...overrides
  };
}

let mock: PlatformMock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function start(overrides: Partial<MockState> = {}): Promise<PlatformMock> {
  mock = await startPlatformMock(platform(overrides));
  return mock;
}

interface Outcome {
  code: number;
  out: string[];
  err: string[];
  all: string;
}

async function attach(argv: string[], io: AttachIo = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { env: ENV, interactive: false, out: (line) => out.push(line), err: (line) => err.push(line), ...io });
  const all = [...out, ...err].join('\n');
  // Whatever happened, no secret reaches the output.
  expect(all).not.toContain(PASSWORD);
  expect(all).not.toMatch(/TokenID%3D/);
  return { code, out, err, all };
}

function entry(policy: MockPolicy): string {
  const { PolicyKey, Name, Description, PolicyType, PolicySubType } = policy;
  return JSON.stringify({ PolicyKey, Name, Description, PolicyType, PolicySubType });
}

function putFor(versionId: string, impl: string): string | undefined {
  return mock!.puts.find((put) => put.url === `/api/apis/versions/${versionId}/implementations/${impl}/policies`)?.body;
}

describe('attach: the command', () => {
  it('is found by the dispatcher and documents its exit codes', async () => {
    const { loadCommand } = await import('../../cli/cli');
    expect(await loadCommand('attach')).toBe(command);
    expect(command.usage).toMatch(/^usage: attach --url URL/);
    expect(command.usage).toMatch(/exit status: 0 nothing to do .* 3 changes: made \(default\),\s+would be made \(--dry-run\) or missing \(--check\), 1 failure, 2 usage error/s);
  });

  it.each([
    [['--url', 'http://x', '--password', 'hunter2'], /--password is not accepted: .*AKANA_PASSWORD/],
    [['--url', 'http://x', '--token=abc'], /--token is not accepted/],
    [[], /--url is required/],
    [['--url', 'ftp://x'], /--url must start with https:\/\/ or http:\/\//],
    [['--url', 'https://me:pw@x'], /must not hold a user name or password: set AKANA_EMAIL and AKANA_PASSWORD/],
    [['--url', 'http://x', '--env', 'prod'], /--env takes live or sandbox \(got "prod"\)/],
    [['--url', 'http://x', '--dry-run', '--check'], /choose one/],
    [['--url', 'http://x', '--timeout', '0'], /--timeout must be whole milliseconds/],
    [['--url', 'http://x', '--bogus'], /--bogus/]
  ])('exits 2 for %j with the reason in one line', async (argv, message) => {
    const outcome = await attach(argv as string[]);
    expect(outcome.code).toBe(2);
    expect(outcome.err).toHaveLength(1);
    expect(outcome.err[0]).toMatch(message);
    expect(outcome.err[0]).toMatch(/^pi-akana attach: .* \(run "pi-akana attach --help" for the options\)$/);
    expect(outcome.all).not.toContain('hunter2');
  });
});

describe('attach against the platform mock', () => {
  it('attaches retain-header exactly to the OAuth-protected implementations and pi_policy to all; a second run does nothing', async () => {
    const platformMock = await start();
    const before = await attach(['--url', platformMock.url, '--check']);
    expect(before.code).toBe(3);
    expect(before.out.at(-1)).toBe('check failed: 4 of 4 implementations miss a policy (pi_policy 4, retain-header 3); nothing was changed; 2 not present (no such implementation)');
    expect(platformMock.puts).toEqual([]);

    const first = await attach(['--url', platformMock.url]);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(3);
    expect(first.out).toContain(
      '[1/3] Petstore 1.0 (Live): will add pi_policy, retain-header; OAuth-protected: OAuth settings: provider "PingFederate" on the Live (production) endpoint'
    );
    expect(first.out).toContain('[1/3] Petstore 1.0 (Sandbox): no Sandbox implementation');
    expect(first.out).toContain(
      '[2/3] Payments 2 (Live): will add pi_policy, retain-header; OAuth-protected: OAuth policy "OAuthSecurity" inherited from the tenant or organization'
    );
    expect(first.out).toContain('[3/3] Catalog 1 (Live): will add pi_policy; not OAuth-protected');
    expect(first.out).toContain('PUT /api/apis/versions/v-catalog-1.acme/implementations/Live/policies ... 200: added pi_policy to Catalog 1 (Live)');
    expect(first.out.at(-1)).toBe(
      'done: 4 implementations changed of 4 needing it (pi_policy 4, retain-header 3), 0 failed, 0 already complete; 2 not present (no such implementation)'
    );

    // retain-header exactly on the OAuth-protected ones, pi_policy on all; existing entries byte for byte, ours after them.
    expect(platformMock.puts.map((put) => put.url).sort()).toEqual([
      '/api/apis/versions/v-catalog-1.acme/implementations/Live/policies',
      '/api/apis/versions/v-payments-2.acme/implementations/Live/policies',
      '/api/apis/versions/v-payments-2.acme/implementations/Sandbox/policies',
      '/api/apis/versions/v-petstore-1.acme/implementations/Live/policies'
    ]);
    const petstore = putFor('v-petstore-1.acme', 'Live')!;
    const lastExisting = PETSTORE_LIVE.indexOf('\n    } ],');
    expect(petstore).toBe(`${PETSTORE_LIVE.slice(0, lastExisting + 6)},${entry(PI)},${entry(RETAIN)}${PETSTORE_LIVE.slice(lastExisting + 6)}`);
    expect(JSON.parse(petstore).ApiOperationPolicy).toEqual(JSON.parse(PETSTORE_LIVE).ApiOperationPolicy);
    expect(putFor('v-catalog-1.acme', 'Live')).toBe(`${CATALOG_LIVE.slice(0, -2)},${entry(PI)}]}`);
    expect(putFor('v-payments-2.acme', 'Live')).toBe(`{"Policy":[${entry(PI)},${entry(RETAIN)}],"ApiOperationPolicy":[]}`);
    expect(putFor('v-payments-2.acme', 'Sandbox')).toBe(`{"Policy":[${entry(PI)},${entry(RETAIN)}]}`);
    // Every write carried the session cookie and the CSRF header.
    for (const request of platformMock.requests.filter((candidate) => candidate.method === 'PUT')) {
      expect(request.hadSession).toBe(true);
      expect(request.csrfHeader).toMatch(/^TokenID%3D/);
    }

    const count = platformMock.puts.length;
    const second = await attach(['--url', platformMock.url]);
    expect(second.code).toBe(0);
    expect(platformMock.puts.length).toBe(count);
    expect(second.out).toContain('[1/3] Petstore 1.0 (Live): has pi_policy, retain-header; complete; OAuth-protected: OAuth settings: provider "PingFederate" on the Live (production) endpoint');
    expect(second.out.at(-1)).toBe(
      'nothing to do: all 4 implementations in scope have pi_policy, and the OAuth-protected ones retain-header; 2 not present (no such implementation)'
    );

    const after = await attach(['--url', platformMock.url, '--check']);
    expect(after.code).toBe(0);
    expect(after.out.at(-1)).toMatch(/^check passed: all 4 implementations/);

    // Someone removes pi_policy from Catalog by hand: --check fails again and names it.
    platformMock.state.apis[2].versions[0].impls.Live = CATALOG_LIVE;
    const drifted = await attach(['--url', platformMock.url, '--check']);
    expect(drifted.code).toBe(3);
    expect(drifted.out).toContain('[3/3] Catalog 1 (Live): MISSING pi_policy; not OAuth-protected');
    expect(drifted.out.at(-1)).toMatch(/^check failed: 1 of 4 implementations miss a policy \(pi_policy 1, retain-header 0\)/);
  });

  it('--dry-run prints the plan and writes nothing; --json gives the same as a document', async () => {
    const platformMock = await start();
    const dry = await attach(['--url', platformMock.url, '--dry-run', '--api', 'Payments', '--env', 'live']);
    expect(dry.code).toBe(3);
    expect(dry.out).toEqual([
      `Community Manager ${platformMock.url} (login ${EMAIL} from AKANA_EMAIL/AKANA_PASSWORD, timeout 15000 ms)`,
      'policies: pi_policy = "pi_policy" (acme-pi_policy), retain-header = "retain-header" (acme-retain-header)',
      'scope: 1 API (named: Payments), Live',
      '[1/1] Payments 2 (Live): would add pi_policy, retain-header; OAuth-protected: OAuth policy "OAuthSecurity" inherited from the tenant or organization',
      'dry run: 1 implementation would change (pi_policy 1, retain-header 1), 0 complete; nothing was changed'
    ]);
    expect(platformMock.puts).toEqual([]);
    expect(platformMock.requests.filter((request) => request.method === 'PUT')).toEqual([]);

    const json = await attach(['--url', platformMock.url, '--json', '--org', 'retail']);
    expect(json.code).toBe(3);
    expect(json.out).toHaveLength(1);
    const report = JSON.parse(json.out[0]);
    expect(report).toMatchObject({
      mode: 'apply',
      platform: platformMock.url,
      policies: { pi_policy: { PolicyKey: 'acme-pi_policy' }, 'retain-header': { PolicyKey: 'acme-retain-header' } },
      summary: { implementations: 4, absent: 2, needing: 2, changed: 2, failed: 0, add: { pi_policy: 2, 'retain-header': 1 } },
      exitCode: 3
    });
    expect(report.implementations.map((impl: { api: string; implementation: string; status: string }) => `${impl.api} ${impl.implementation} ${impl.status}`)).toEqual([
      'Petstore Live changed',
      'Petstore Sandbox absent',
      'Catalog Live changed',
      'Catalog Sandbox absent'
    ]);
    expect(report.implementations[0]).toMatchObject({ oauthProtected: true, add: ['pi_policy', 'retain-header'], has: [] });
    // The progress went to stderr, so stdout is the document alone.
    expect(json.err.at(-1)).toMatch(/^done: 2 implementations changed/);
  });

  it('finds OAuth on an operation, counts an inherited pi_policy as there, and honours --oauth-policy', async () => {
    const custom: MockPolicy = { PolicyKey: 'acme-CorpTokenCheck', Name: 'CorpTokenCheck', PolicyType: 'Operational Policy' };
    const platformMock = await start({
      catalog: [PI, RETAIN, OAUTH, custom],
      tenantPolicies: [PI],
      orgPolicies: {},
      apis: [
        {
          id: 'api-orders',
          name: 'Orders',
          business: 'retail',
          versions: [
            {
              id: 'v-orders',
              name: '3',
              impls: { Live: JSON.stringify({ ApiOperationPolicy: [{ Operation: { Name: 'getOrder' }, Policy: [OAUTH] }] }), Sandbox: JSON.stringify({ Policy: [custom] }) }
            }
          ]
        }
      ]
    });
    const outcome = await attach(['--url', platformMock.url, '--dry-run', '--oauth-policy', 'CorpTokenCheck']);
    expect(outcome.out).toContain('[1/1] Orders 3 (Live): has pi_policy (inherited); would add retain-header; OAuth-protected: OAuth policy "OAuthSecurity" on operation getOrder');
    expect(outcome.out).toContain('[1/1] Orders 3 (Sandbox): has pi_policy (inherited); would add retain-header; OAuth-protected: OAuth policy "CorpTokenCheck" assigned to it');
    const plain = await attach(['--url', platformMock.url, '--dry-run', '--env', 'sandbox']);
    expect(plain.out).toContain('[1/1] Orders 3 (Sandbox): has pi_policy (inherited); complete; not OAuth-protected');
    expect(plain.code).toBe(0);
  });

  it('follows a session the platform renews on the way, drops a cookie it clears, and sends --policy-owner', async () => {
    const platformMock = await start({ rotateSession: true });
    const outcome = await attach(['--url', `${platformMock.url}/api`, '--api', 'Catalog', '--policy-owner', 'tenant.acme']);
    expect(outcome.err).toEqual([]);
    expect(outcome.code).toBe(3);
    expect(platformMock.puts).toHaveLength(1);
    const afterRenewal = platformMock.requests.slice(platformMock.requests.findIndex((request) => request.url === '/api/apis') + 1);
    expect(afterRenewal.length).toBeGreaterThan(3);
    for (const request of afterRenewal) {
      expect(request.hadSession).toBe(true);
      expect(request.cookieNames).not.toContain('Obsolete_acme');
    }
    expect(platformMock.requests.map((request) => request.url)).toContain('/api/policies?Type=Operational%20Policy&BusinessID=tenant.acme');
  });

  it('asks for what is missing at the prompt and for confirmation; "no" writes nothing', async () => {
    const platformMock = await start();
    const asked: string[] = [];
    const prompter: Prompter = {
      line: async (question) => (asked.push(question), question.startsWith('Attach') ? 'n' : EMAIL),
      secret: async (question) => (asked.push(question), PASSWORD)
    };
    const outcome = await attach(['--url', platformMock.url, '--api', 'Catalog'], { env: {}, interactive: true, prompter });
    expect(asked).toEqual(['Akana platform login (email): ', `Password for ${EMAIL}: `, `Attach to 1 implementation on ${platformMock.url}? [y/N] `]);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual(['attach: cancelled: nothing was changed']);
    expect(platformMock.puts).toEqual([]);
  });

  it('without credentials and no terminal: exit 1 naming the variables, before any request', async () => {
    const platformMock = await start();
    const outcome = await attach(['--url', platformMock.url], { env: { AKANA_EMAIL: EMAIL } });
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual(['attach: AKANA_PASSWORD is not set (AKANA_EMAIL is): set it in the environment, or run in a terminal to be asked']);
    expect(platformMock.requests).toEqual([]);
  });
});

describe('attach failures', () => {
  it('login failure: names where the credentials came from', async () => {
    const platformMock = await start({ password: 'another' });
    const outcome = await attach(['--url', platformMock.url, '--json']);
    expect(outcome.code).toBe(1);
    expect(outcome.err.at(-1)).toBe('attach: login refused (HTTP 401): the platform did not accept the email and password from AKANA_EMAIL/AKANA_PASSWORD');
    expect(JSON.parse(outcome.out[0])).toEqual({ mode: 'apply', platform: platformMock.url, error: expect.stringMatching(/^login refused/), exitCode: 1 });
  });

  it('a login that sets no session cookie: probably the wrong address', async () => {
    const platformMock = await start();
    platformMock.state.faults.set('POST /api/login', { status: 200, body: '{}' });
    const outcome = await attach(['--url', platformMock.url]);
    expect(outcome.code).toBe(1);
    expect(outcome.err.at(-1)).toMatch(/login answered 200 but set no AtmoAuthToken_\{fedmemberid\} cookie: is --url the Community Manager/);
  });

  it('CSRF rejection: stops at the first refused write and says which header', async () => {
    const platformMock = await start({ csrf: 'reject' });
    const outcome = await attach(['--url', platformMock.url]);
    expect(outcome.code).toBe(1);
    expect(outcome.err[0]).toMatch(
      /^attach: 401 Unauthorized on PUT \/api\/apis\/versions\/v-petstore-1\.acme\/implementations\/Live\/policies for Petstore 1\.0 \(Live\): the platform rejected the CSRF header X-Csrf-Token_acme or the session/
    );
    expect(platformMock.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
    expect(outcome.out.at(-1)).toBe(
      'finished with failures: 0 implementations changed of 4 needing it (pi_policy 4, retain-header 3), 1 failed, 3 not attempted, 0 already complete; 2 not present (no such implementation)'
    );
  });

  it('a platform that wants CSRF on writes but issued no token says so', async () => {
    const platformMock = await start({ csrf: 'unissued' });
    const outcome = await attach(['--url', platformMock.url, '--api', 'Catalog']);
    expect(outcome.code).toBe(1);
    expect(outcome.err[0]).toMatch(/issued no CSRF cookie at login, so there was no X-Csrf-Token_acme to send/);
  });

  it.each([
    [403, /^attach: 403 Forbidden on PUT .*: ops@example\.com is not an API Admin of Payments 2 \(Live\); changing its policies needs the API Admin or Business Admin role/],
    [404, /^attach: 404 Not Found on PUT .* for Payments 2 \(Live\): the platform has no such resource \(deleted or renamed meanwhile\?\)/],
    [409, /^attach: 409 Conflict on PUT .*: the platform refused the change to Payments 2 \(Live\) \(the platform said: \{"message":"stale"\}\); .*run again/]
  ])('PUT %i on one implementation: that one fails, the others are written, exit 1', async (status, message) => {
    const platformMock = await start();
    platformMock.state.faults.set('PUT /api/apis/versions/v-payments-2.acme/implementations/Live/policies', { status, body: '{"message":"stale"}' });
    const outcome = await attach(['--url', platformMock.url]);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toHaveLength(1);
    expect(outcome.err[0]).toMatch(message);
    expect(outcome.out).toContain('PUT /api/apis/versions/v-payments-2.acme/implementations/Live/policies ... failed: Payments 2 (Live)');
    expect(platformMock.puts).toHaveLength(3);
    expect(outcome.out.at(-1)).toMatch(/^finished with failures: 3 implementations changed of 4 needing it .*, 1 failed, 0 not attempted/);
  });

  it('a failed read stops the run before anything is written', async () => {
    const platformMock = await start();
    platformMock.state.faults.set('GET /api/apis/api-catalog.acme/versions', { status: 404, body: '' });
    const outcome = await attach(['--url', platformMock.url]);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual(['attach: 404 Not Found on GET /api/apis/api-catalog.acme/versions for the versions of Catalog: the platform has no such resource (deleted or renamed meanwhile?)']);
    expect(platformMock.puts).toEqual([]);
  });

  it('an unknown --api, or a missing policy, stops before anything is written', async () => {
    const platformMock = await start();
    const unknown = await attach(['--url', platformMock.url, '--api', 'petstore']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toEqual(['attach: --api petstore: no API with that name or ID among the 3 this account can see (did you mean "Petstore"?)']);
    const missing = await attach(['--url', platformMock.url, '--pi-policy', 'PingIntelligence']);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^attach: no operational policy with key or name "PingIntelligence" in GET \/api\/policies\?Type=Operational%20Policy \(seen: "Atmosphere/);
    expect(platformMock.puts).toEqual([]);
  });

  it('timeout: names the limit when the platform does not answer', async () => {
    const platformMock = await start();
    platformMock.state.faults.set('GET /api/apis', 'hang');
    const outcome = await attach(['--url', platformMock.url, '--timeout', '200']);
    expect(outcome.code).toBe(1);
    expect(outcome.err).toEqual([
      `attach: no answer from ${platformMock.url} within 200 ms (--timeout 200): is Community Manager up and reachable, or does it need a longer --timeout?`
    ]);
  });
});
