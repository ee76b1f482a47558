// Gateway management-API clients (Akana, Apigee; Node only): checks a --url (http(s), no credentials, no query) and gives its origin and path.

export interface ServiceUrl {
  origin: string;
  /** The path without trailing slashes; "" for the root. */
  path: string;
}

export interface ServiceKind {
  /** What runs at the address: "Policy Manager". */
  product: string;
  example: string;
  /** The variables that carry the credentials instead: "PM_USERNAME and PM_PASSWORD (or PM_TOKEN)". */
  credentials: string;
}

/** Throws an Error naming --url, the product and an example address when url is not http(s)://host[:port][/path]. */
export function parseServiceUrl(url: string, { product, example, credentials }: ServiceKind): ServiceUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--url must be the ${product} address, e.g. ${example} (got "${url}")`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`--url must start with https:// or http:// (got ${parsed.protocol})`);
  // Never echo a password given in the URL.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new Error(`--url must not hold a user name or password: set ${credentials} in the environment`);
  }
  if (parsed.search !== '' || parsed.hash !== '') throw new Error('--url takes no query or fragment');
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}
