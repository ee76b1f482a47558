// attach (Node only): an implementation's policy assignment as Akana's GET .../policies returns it, and the text to PUT back with our policies added after every existing entry.
import { appendToArrayMember } from './json-members';

/** A policy as the platform API lists it (the documented Policy object; other fields are kept but unused). */
export interface PolicyRef {
  PolicyKey?: string;
  Name?: string;
  Description?: string;
  PolicyType?: string;
  PolicySubType?: string;
}

export interface OperationPolicies {
  /** Operation name, for messages. */
  operation: string;
  policies: PolicyRef[];
}

export interface Assignment {
  /** The answer exactly as received: what the PUT starts from. */
  text: string;
  /** Policies on the whole implementation (the "Policy" list). */
  policies: PolicyRef[];
  /** Policies on single operations (the "ApiOperationPolicy" list). */
  operations: OperationPolicies[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function policyList(value: unknown, where: string): PolicyRef[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where} is not a list`);
  return value.map((entry, index) => {
    if (!isObject(entry)) throw new Error(`${where}[${index}] is not an object`);
    return entry as PolicyRef;
  });
}

/** Parses a GET .../policies answer; throws an Error saying what came instead of an assignment. */
export function parseAssignment(answer: string, what: string): Assignment {
  // An implementation with nothing assigned may answer with an empty body: the same as no entries.
  const text = answer.trim() === '' ? '{}' : answer;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const hint = text.trimStart().startsWith('<') ? ' (it looks like XML or HTML: is --url the Community Manager address?)' : '';
    throw new Error(`${what} did not return JSON${hint}`);
  }
  if (!isObject(value)) throw new Error(`${what} returned ${Array.isArray(value) ? 'a list' : typeof value}, not a policy assignment`);
  try {
    const policies = policyList(value.Policy, 'Policy');
    const operations = policyList(value.ApiOperationPolicy, 'ApiOperationPolicy').map((entry, index) => {
      const holder = entry as Record<string, unknown>;
      const operation = isObject(holder.Operation) && typeof holder.Operation.Name === 'string' ? holder.Operation.Name : `#${index + 1}`;
      return { operation, policies: policyList(holder.Policy, `ApiOperationPolicy[${index}].Policy`) };
    });
    return { text, policies, operations };
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`);
  }
}

/** The entry we add: the documented fields of the policy as the catalog lists it, nothing else. */
export function assignmentEntry(policy: PolicyRef): PolicyRef {
  const entry: PolicyRef = {};
  for (const field of ['PolicyKey', 'Name', 'Description', 'PolicyType', 'PolicySubType'] as const) {
    if (policy[field] !== undefined) entry[field] = policy[field];
  }
  return entry;
}

/**
 * The PUT body: the GET answer with `added` appended to its "Policy" list. Checked before it is
 * returned: parsed, it must be the old assignment with exactly these entries more at the end.
 */
export function withPolicies(assignment: Assignment, added: PolicyRef[]): string {
  const text = appendToArrayMember(
    assignment.text,
    'Policy',
    added.map((policy) => JSON.stringify(assignmentEntry(policy)))
  );
  const before = JSON.parse(assignment.text) as Record<string, unknown>;
  const after = JSON.parse(text) as Record<string, unknown>;
  const expected = { ...before, Policy: [...policyList(before.Policy, 'Policy'), ...added.map(assignmentEntry)] };
  if (JSON.stringify(sorted(after)) !== JSON.stringify(sorted(expected))) {
    throw new Error('internal error: the assignment to write back differs from the one read plus our policies; nothing was written');
  }
  return text;
}

/** A copy with object keys in order, so two parses compare equal whatever the member order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted(value[key])])
  );
}
