// attach (Node only): the API implementations in scope: every API the account sees, those of given organizations, or named ones; each with all its versions.
import { channelItems, getJson, type Reader } from './platform-reads';
import { PlatformError } from './platform-client';

export interface ApiRef {
  id: string;
  name: string;
}

export interface VersionRef {
  id: string;
  name: string;
}

export const IMPLEMENTATIONS = ['Live', 'Sandbox'] as const;
export type ImplCode = (typeof IMPLEMENTATIONS)[number];

function refs(value: unknown, path: string): ApiRef[] {
  const found: ApiRef[] = [];
  for (const { guid, title } of channelItems(value)) {
    if (guid === undefined || guid === '') throw new PlatformError(`GET ${path}: an item without a guid (the ID): cannot address it`);
    found.push({ id: guid, name: title ?? guid });
  }
  return found;
}

/** GET /api/apis (once per organization given): the APIs the account can see, each once. */
export async function listApis(reader: Reader, organizations: string[]): Promise<ApiRef[]> {
  const paths = organizations.length === 0 ? ['/api/apis'] : organizations.map((id) => `/api/apis?BusinessID=${encodeURIComponent(id)}`);
  const seen = new Map<string, ApiRef>();
  for (const path of paths) {
    const answer = await getJson(reader, path, organizations.length === 0 ? 'the API list' : `the APIs of organization ${path.split('=')[1]}`);
    for (const api of refs(answer.value, path)) if (!seen.has(api.id)) seen.set(api.id, api);
  }
  return [...seen.values()];
}

/** The APIs named by --api (an APIID or an exact name), in the order given; throws before anything changes when one is unknown or ambiguous. */
export function selectApis(all: ApiRef[], wanted: string[]): ApiRef[] {
  if (wanted.length === 0) return all;
  const chosen: ApiRef[] = [];
  for (const want of wanted) {
    const byId = all.filter((api) => api.id === want);
    const matches = byId.length > 0 ? byId : all.filter((api) => api.name === want);
    if (matches.length === 0) {
      const near = all.filter((api) => api.name.toLowerCase() === want.toLowerCase()).map((api) => `"${api.name}"`);
      throw new PlatformError(
        `--api ${want}: no API with that name or ID among the ${all.length} this account can see${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`
      );
    }
    if (matches.length > 1) {
      throw new PlatformError(`--api ${want}: ${matches.length} APIs have that name (${matches.map((api) => api.id).join(', ')}): give the APIID instead`);
    }
    if (!chosen.some((api) => api.id === matches[0].id)) chosen.push(matches[0]);
  }
  return chosen;
}

/** GET /api/apis/{APIID}/versions: every version of the API. */
export async function listVersions(reader: Reader, api: ApiRef): Promise<VersionRef[]> {
  const path = `/api/apis/${encodeURIComponent(api.id)}/versions`;
  const answer = await getJson(reader, path, `the versions of ${api.name}`);
  return refs(answer.value, path);
}

export function versionPath(version: VersionRef): string {
  return `/api/apis/versions/${encodeURIComponent(version.id)}`;
}

export function policiesPath(version: VersionRef, impl: ImplCode, implied = false): string {
  return `${versionPath(version)}/implementations/${impl}/policies${implied ? '?IncludeImpliedPolicies=true' : ''}`;
}
