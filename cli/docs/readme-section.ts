// Replaces one generated section of README.md, between its start and end markers (Node only).

/** `text` with what lies between the two marker lines replaced by `body`; throws when a marker is missing. */
export function withSection(text: string, start: string, end: string, body: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} ... ${end}`);
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
}
