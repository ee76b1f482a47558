// apigee-deploy (Node only): one operator sentence per failure of the management API: 401, 403, 404, 409, other statuses, no answer.
import { ApiRequestError } from '../gateway-api/http-transport';
import { TOKEN_VARIABLE } from './args';
import { ApigeeApiError } from './management-client';

function withDetail(error: ApigeeApiError): string {
  return error.detail ? ` (${error.detail})` : '';
}

/** The line for a failed step; never holds the token or a KVM value (neither is in a URL or an answer). */
export function explainFailure(error: unknown, where: { org: string; env: string }): string {
  if (error instanceof ApigeeApiError) {
    const detail = withDetail(error);
    switch (error.status) {
      case 401:
        return `${error.what}: the token was refused (401${detail}): get a fresh one (gcloud auth print-access-token) and set ${TOKEN_VARIABLE}`;
      case 403:
        return `${error.what}: permission denied (403${detail}): the account needs rights on shared flows, deployments, flow hooks and KVMs of organization ${where.org} (e.g. the Apigee Organization Admin role)`;
      case 404:
        return `${error.what}: not found (404${detail}): check --org ${where.org} and --env ${where.env}`;
      case 409:
        return `${error.what}: conflict (409${detail}): another change is under way or the name is taken; run again once it is done`;
      default:
        return `${error.what}: HTTP ${error.status}${detail}`;
    }
  }
  if (error instanceof ApiRequestError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
