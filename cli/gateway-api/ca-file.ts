// Gateway management-API commands (Akana, Apigee; Node only): reads the --ca FILE a command trusts besides Node's CAs, and says clearly when it is missing or not PEM.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

/** A path as the operator would type it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** The PEM text of --ca, or undefined without one; throws an Error naming the file. */
export async function readCa(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read --ca ${shown(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`--ca ${shown(path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}
