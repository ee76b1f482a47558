// Writes the config's JSON Schema to a file: build puts it at dist/config.schema.json, validate only with --schema-out (Node only).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { configJsonSchema } from './config-schema';

/** Where build writes the schema, inside the build output (the package ships dist/). */
export function schemaPathIn(distDir: string): string {
  return join(distDir, 'config.schema.json');
}

/** Writes the JSON Schema, creating the folder; returns an error message (code only, never a stack) or undefined. */
export async function writeConfigSchema(file: string, label: string = file): Promise<string | undefined> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`, 'utf8');
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `cannot write the JSON Schema to ${label}: ${e.code ?? e.message}`;
  }
}
