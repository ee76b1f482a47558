// attach (Node only): writes each changed assignment back whole (PUT .../policies), ours appended after every existing entry; stops early only when later writes would fail the same way.
import { withPolicies } from './assignment';
import { policiesPath } from './discovery';
import { label, policyOf, type ImplementationPlan } from './plan';
import { PlatformError } from './platform-client';
import { statusError } from './platform-failures';
import type { Reader } from './platform-reads';
import type { OurPolicies } from './policy-catalog';

export type WriteOutcome =
  | { plan: ImplementationPlan; status: 'changed'; http: number }
  | { plan: ImplementationPlan; status: 'failed'; error: string }
  | { plan: ImplementationPlan; status: 'not-attempted' };

export interface WriteReport {
  /** The PUT line, e.g. "PUT /api/... ... 200: added retain-header to Petstore 1.0 (Live)". */
  line: (text: string) => void;
  error: (text: string) => void;
}

export async function writePlans(reader: Reader, plans: ImplementationPlan[], ours: OurPolicies, report: WriteReport): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  let stopped = false;
  for (const plan of plans) {
    if (stopped) {
      outcomes.push({ plan, status: 'not-attempted' });
      continue;
    }
    const path = policiesPath(plan.version, plan.impl);
    try {
      const body = withPolicies(plan.direct!, plan.add.map((name) => policyOf(name, ours)));
      const answer = await reader.client.put(path, body);
      if (answer.status < 200 || answer.status > 299) {
        throw statusError(answer.status, answer.body, { method: 'PUT', path, what: label(plan), email: reader.email, csrf: reader.client.csrf });
      }
      report.line(`PUT ${path} ... ${answer.status}: added ${plan.add.join(' and ')} to ${label(plan)}`);
      outcomes.push({ plan, status: 'changed', http: answer.status });
    } catch (error) {
      const message = (error as Error).message;
      report.line(`PUT ${path} ... failed: ${label(plan)}`);
      report.error(message);
      outcomes.push({ plan, status: 'failed', error: message });
      // A login, CSRF or time-out failure would repeat on every later PUT; a 403, 404 or 409 concerns this API only.
      if (!(error instanceof PlatformError) || error.fatal) stopped = true;
    }
  }
  return outcomes;
}
