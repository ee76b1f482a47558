// attach's parts (Node): byte-preserving list append, assignment parsing, OAuth signals and settings shapes, discovery and catalog parsing, URL handling.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAssignment, withPolicies } from '../../cli/attach/assignment';
import { parseAttachArgs } from '../../cli/attach/args';
import { planImplementation } from '../../cli/attach/plan';
import { planLine } from '../../cli/attach/report';
import { selectApis } from '../../cli/attach/discovery';
import { appendToArrayMember, objectMembers } from '../../cli/attach/json-members';
import { decideOAuth, isOAuthPolicy, oauthProviders } from '../../cli/attach/oauth-signals';
import { platformBase } from '../../cli/attach/platform-client';
import { channelItems } from '../../cli/attach/platform-reads';
import { catalogEntries } from '../../cli/attach/policy-catalog';

const OURS = { PolicyKey: 'k-pi', Name: 'pi_policy', PolicyType: 'Operational Policy' };

describe('appending to a list member without touching the other bytes', () => {
  it('keeps every existing byte, for any object and any formatting', () => {
    const key = fc.string({ maxLength: 6 }).filter((name) => name !== 'Policy' && name !== '__proto__');
    const object = fc.record({
      others: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      policy: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      indent: fc.constantFrom(0, 2, 4, '\t'),
      policyFirst: fc.boolean()
    });
    fc.assert(
      fc.property(object, ({ others, policy, indent, policyFirst }) => {
        const value = policyFirst ? { Policy: policy, ...others } : { ...others, Policy: policy };
        const text = JSON.stringify(value, null, indent);
        const added = '{"PolicyKey":"k-pi"}';
        const result = appendToArrayMember(text, 'Policy', [added]);
        const parsed = JSON.parse(result);
        expect(parsed.Policy).toEqual([...JSON.parse(text).Policy, { PolicyKey: 'k-pi' }]);
        expect({ ...parsed, Policy: undefined }).toEqual({ ...JSON.parse(text), Policy: undefined });
        // Removing what was inserted gives back the original text exactly.
        const at = result.indexOf(added);
        const inserted = policy.length === 0 ? added : `,${added}`;
        expect(result.slice(0, policy.length === 0 ? at : at - 1) + result.slice(at + added.length)).toBe(text);
        expect(result.length).toBe(text.length + inserted.length);
      }),
      { numRuns: 300 }
    );
  });

  it('creates the list when it is missing or null, and refuses what is not a list', () => {
    expect(appendToArrayMember('{}', 'Policy', ['1', '2'])).toBe('{"Policy":[1,2]}');
    expect(appendToArrayMember(' { "A" : 1 } ', 'Policy', ['1'])).toBe(' {"Policy":[1], "A" : 1 } ');
    expect(appendToArrayMember('{"Policy":null,"B":[]}', 'Policy', ['1'])).toBe('{"Policy":[1],"B":[]}');
    expect(appendToArrayMember('{"Policy":[ ]}', 'Policy', ['1'])).toBe('{"Policy":[1 ]}');
    expect(() => appendToArrayMember('{"Policy":{}}', 'Policy', ['1'])).toThrow(/holds an object, not a list/);
    expect(() => appendToArrayMember('{"Policy":[],"Policy":[]}', 'Policy', ['1'])).toThrow(/has "Policy" 2 times/);
    expect(() => appendToArrayMember('[1]', 'Policy', ['1'])).toThrow(/an object expected/);
    expect(() => objectMembers('{"a":')).toThrow();
    expect(objectMembers('{"a\\"b":"x,}","c":[{"d":"]"}]}').members.map((member) => member.key)).toEqual(['a"b', 'c']);
  });
});

describe('assignments', () => {
  it('reads the implementation and operation lists, and takes an empty body as nothing assigned', () => {
    const assignment = parseAssignment('{"Policy":[{"PolicyKey":"a"}],"ApiOperationPolicy":[{"Operation":{"Name":"op1"},"Policy":[{"PolicyKey":"b"}]},{"Policy":[]}]}', 'GET x');
    expect(assignment.policies).toEqual([{ PolicyKey: 'a' }]);
    expect(assignment.operations).toEqual([
      { operation: 'op1', policies: [{ PolicyKey: 'b' }] },
      { operation: '#2', policies: [] }
    ]);
    expect(parseAssignment('', 'GET x')).toMatchObject({ text: '{}', policies: [], operations: [] });
    expect(() => parseAssignment('<html/>', 'GET x')).toThrow(/GET x did not return JSON \(it looks like XML or HTML/);
    expect(() => parseAssignment('[]', 'GET x')).toThrow(/returned a list, not a policy assignment/);
    expect(() => parseAssignment('{"Policy":{"PolicyKey":"a"}}', 'GET x')).toThrow(/GET x: Policy is not a list/);
  });

  it('writes only the documented fields of our policy, after the existing entries', () => {
    const assignment = parseAssignment('{"Policy":[{"PolicyKey":"a","Extra":1}]}', 'GET x');
    const body = withPolicies(assignment, [{ ...OURS, BusinessID: 'b', PolicyConfiguration: '<xml/>' } as never]);
    expect(body).toBe('{"Policy":[{"PolicyKey":"a","Extra":1},{"PolicyKey":"k-pi","Name":"pi_policy","PolicyType":"Operational Policy"}]}');
  });
});

describe('OAuth signals', () => {
  const direct = parseAssignment('{"Policy":[{"PolicyKey":"k-rh","Name":"oauth-retain"}]}', 'GET x');

  it('counts OAuth and OpenID Connect policies by name, key or sub-type, never ours, plus --oauth-policy names', () => {
    expect(isOAuthPolicy({ Name: 'OAuthSecurity' }, [], [])).toBe(true);
    expect(isOAuthPolicy({ Name: 'x', PolicySubType: 'policy.openidconnect' }, [], [])).toBe(true);
    expect(isOAuthPolicy({ PolicyKey: 'tenant-OIDC-RP' }, [], [])).toBe(true);
    expect(isOAuthPolicy({ PolicyKey: 'k-rh', Name: 'oauth-retain' }, ['k-rh'], [])).toBe(false);
    expect(isOAuthPolicy({ Name: 'DetailedAuditing' }, [], [])).toBe(false);
    expect(isOAuthPolicy({ Name: 'CorpTokenCheck' }, [], ['CorpTokenCheck'])).toBe(true);
    expect(decideOAuth({ direct, providers: [], impl: 'Live', ours: ['k-rh'], extra: [] })).toEqual({ protected: false, reasons: [] });
  });

  it('inherited means in the implied list and not assigned to the implementation or its operations', () => {
    const own = parseAssignment('{"ApiOperationPolicy":[{"Operation":{"Name":"op"},"Policy":[{"PolicyKey":"o","Name":"OAuthSecurity"}]}]}', 'GET x');
    const implied = parseAssignment('{"Policy":[{"PolicyKey":"o","Name":"OAuthSecurity"},{"PolicyKey":"t","Name":"TenantOpenID"}]}', 'GET x');
    expect(decideOAuth({ direct: own, implied, providers: ['P'], impl: 'Sandbox', ours: [], extra: [] }).reasons).toEqual([
      'OAuth policy "OAuthSecurity" on operation op',
      'OAuth policy "TenantOpenID" inherited from the tenant or organization',
      'OAuth settings: provider "P" on the Sandbox endpoint'
    ]);
  });

  it('reads the providers of each documented OAuth details shape for the right endpoint', () => {
    const single = { ProxyAPI: { ProductionEndpoint: { OAuthProvider: 'A', OAuth20Supported: true }, SandboxEndpoint: { OAuthProvider: '' } } };
    expect(oauthProviders(single, 'Live')).toEqual(['A']);
    expect(oauthProviders(single, 'Sandbox')).toEqual([]);
    const list = { ProxyAPIList: { ProductionEndpoint: [{ OAuthProvider: 'A' }, { OAuthProvider: 'B', OAuth20Supported: false, OAuth10aSupported: false }], SandboxEndpoint: [] } };
    expect(oauthProviders(list, 'Live')).toEqual(['A']);
    const v2019 = { SandboxEndpointOAuthDetailsList: [{ OAuthProvider: 'Okta', OAuth20Supported: true }, { OAuthProvider: 'Okta' }] };
    expect(oauthProviders(v2019, 'Sandbox')).toEqual(['Okta']);
    expect(oauthProviders(undefined, 'Live')).toEqual([]);
  });
});

describe('plans', () => {
  it('adds the implementation-wide policy when ours is on some operations only, and says so', () => {
    const ours = { pi: { PolicyKey: 'k-pi', Name: 'pi_policy' }, retain: { PolicyKey: 'k-rh', Name: 'retain-header' } };
    const direct = parseAssignment('{"ApiOperationPolicy":[{"Operation":{"Name":"a"},"Policy":[{"PolicyKey":"k-pi"}]},{"Operation":{"Name":"b"},"Policy":[{"PolicyKey":"k-pi"}]}]}', 'GET x');
    const plan = planImplementation({ api: { id: 'i', name: 'Shop' }, version: { id: 'v', name: '1' }, impl: 'Live' }, direct, undefined, { protected: false, reasons: [] }, ours);
    expect(plan.add).toEqual(['pi_policy']);
    expect(planLine(plan, 'dry-run')).toBe('Shop 1 (Live): would add pi_policy; pi_policy also on operations a, b; not OAuth-protected');
    const absent = planImplementation({ ...plan, impl: 'Sandbox' }, undefined, undefined, { protected: false, reasons: [] }, ours);
    expect(planLine(absent, 'check')).toBe('Shop 1 (Sandbox): no Sandbox implementation');
  });
});

describe('discovery and catalog answers', () => {
  it('reads RSS channel items, one or many, guid as text or {value}', () => {
    expect(channelItems({ channel: { item: { guid: { value: 'g' }, title: 't' } } }).map(({ guid, title }) => [guid, title])).toEqual([['g', 't']]);
    expect(channelItems({ channel: {} })).toEqual([]);
  });

  it('selects named APIs by ID first, then exact name, and refuses an ambiguous name', () => {
    const all = [
      { id: 'a1', name: 'Orders' },
      { id: 'a2', name: 'Orders' },
      { id: 'a3', name: 'a1' }
    ];
    expect(selectApis(all, ['a1'])).toEqual([all[0]]);
    expect(() => selectApis(all, ['Orders'])).toThrow(/2 APIs have that name \(a1, a2\): give the APIID instead/);
    expect(selectApis(all, [])).toBe(all);
  });

  it('lists policies from a Policy object, a bare list or a channel', () => {
    expect(catalogEntries({ Policy: { PolicyKey: 'k' } })).toEqual([{ PolicyKey: 'k' }]);
    expect(catalogEntries([{ PolicyKey: 'k' }])).toEqual([{ PolicyKey: 'k' }]);
    expect(catalogEntries({ channel: { item: [{ guid: 'k', title: 'n' }] } })).toEqual([{ PolicyKey: 'k', Name: 'n', PolicyType: 'Operational Policy' }]);
  });
});

describe('arguments and address', () => {
  it('takes the portal address with or without /api, and the environments in their order', () => {
    expect(platformBase('https://developer.example.com/')).toBe('https://developer.example.com');
    expect(platformBase('https://developer.example.com/api')).toBe('https://developer.example.com');
    expect(platformBase('https://example.com/portal/api/')).toBe('https://example.com/portal');
    expect(parseAttachArgs(['--url', 'https://x', '--env', 'sandbox,LIVE'])).toMatchObject({ implementations: ['Live', 'Sandbox'], mode: 'apply' });
    expect(parseAttachArgs(['--url', 'https://x', '--check', '--api', 'A', '--api', 'B'])).toMatchObject({ mode: 'check', apis: ['A', 'B'], piPolicy: 'pi_policy', retainHeaderPolicy: 'retain-header' });
  });
});
