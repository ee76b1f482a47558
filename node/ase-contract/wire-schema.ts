// zod schemas of the two ASE sideband bodies, per shared/ase-sideband.md (Node only: CLI, stand-in, tests).
import { isIP } from 'node:net';
import { z } from 'zod';

/** One header value: an object with exactly one key, a lower-case header name. */
const headerEntry = z
  .record(z.string(), z.string())
  .refine((entry) => Object.keys(entry).length === 1, { message: 'each header object holds exactly one name' })
  .refine((entry) => Object.keys(entry).every((name) => name.length > 0 && name === name.toLowerCase()), {
    message: 'header names are lower-case and non-empty'
  });

const userInfoEntry = z.union([
  z.object({ username: z.string().min(1) }).strict(),
  z.object({ client_id: z.string().min(1) }).strict()
]);

export const aseRequestBodySchema = z
  .object({
    source_ip: z.string().refine((ip) => isIP(ip) !== 0, { message: 'source_ip must be a bare IPv4 or IPv6 address (no port)' }),
    source_port: z.number().int().min(0).max(65535),
    method: z.string().regex(/^[A-Z][A-Z0-9_-]*$/, 'method must be an upper-case HTTP verb'),
    url: z.string().startsWith('/', 'url is the path (with query string), starting with "/"'),
    http_version: z.enum(['1.0', '1.1', '2']),
    headers: z
      .array(headerEntry)
      .min(1)
      .refine((headers) => Object.keys(headers[0])[0] === 'host', { message: 'the first header is host' }),
    user_info: z.array(userInfoEntry).min(1).optional()
  })
  .strict();

export const aseResponseBodySchema = z
  .object({
    response_code: z.string().regex(/^[1-5][0-9][0-9]$/, 'response_code is the status as a 3-digit string'),
    response_status: z.string().min(1),
    http_version: z.enum(['1.0', '1.1', '2']),
    headers: z.array(headerEntry)
  })
  .strict();

export type AseRequestBodyWire = z.infer<typeof aseRequestBodySchema>;
export type AseResponseBodyWire = z.infer<typeof aseResponseBodySchema>;
