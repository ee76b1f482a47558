// Reads the one-key header objects of an ASE sideband body as [name, value] pairs (Node only: stand-in).

/** Every [name, value] pair of `headers`, in order; names as sent (the schema makes them lower-case). */
export function headerPairs(headers: ReadonlyArray<Record<string, string>>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const entry of headers) {
    for (const name of Object.keys(entry)) pairs.push([name, entry[name]]);
  }
  return pairs;
}

/** The values of header `name` (lower-case), in order. */
export function headerValues(headers: ReadonlyArray<Record<string, string>>, name: string): string[] {
  return headerPairs(headers)
    .filter(([entryName]) => entryName === name)
    .map(([, value]) => value);
}
