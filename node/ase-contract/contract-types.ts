// Client identifiers ASE denies and the APIs it knows: the inputs of the contract's answer (Node: test kit and stand-in).

export interface ApiKeyEntry {
  /** Header name, compared case-insensitively. */
  header: string;
  value: string;
}

/** Client identifiers that get a 403 on /ase/request (ASE's deny list with blocking on). */
export interface DenyLists {
  /** Compared with `source_ip`. */
  ips?: string[];
  /** Bearer token values, as in an `authorization: Bearer X` header entry. */
  tokens?: string[];
  /** Header entries carrying an API key. */
  apiKeys?: ApiKeyEntry[];
  /** A cookie `name=value` pair, or just a value, found in a `cookie` header entry (split on ';'). */
  cookies?: string[];
  /** Compared with the `username` of `user_info`. */
  usernames?: string[];
}

/** An API definition loaded on the stand-in: `host` (any when absent) plus a `url` prefix. */
export interface KnownApi {
  host?: string;
  pathPrefix: string;
}
