// The tarball's INSTALL.md: packaging/install-note.md with the README's deployment guide and configuration reference put in, so both say the same (Node only).
import { TABLE_END, TABLE_START } from '../config/config-reference';

export const GUIDE_START = '<!-- install-guide:start';
export const GUIDE_END = '<!-- install-guide:end -->';

/** The text between two markers of README.md (the start marker's whole line excluded); throws when one is missing. */
function between(readme: string, start: string, end: string): string {
  const from = readme.indexOf(start);
  const to = readme.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`README.md lacks the markers ${start} ... ${end}: the INSTALL note is made from that section`);
  return readme.slice(readme.indexOf('\n', from) + 1, to).trim();
}

/** The README section as an operator reads it in INSTALL.md: HTML comments (markers for the docs tooling) dropped. */
export function installGuide(readme: string): string {
  return between(readme, GUIDE_START, GUIDE_END)
    .replace(/^<!--.*-->\n/gm, '')
    .trim();
}

/** The generated configuration reference table of README.md. */
export function configReference(readme: string): string {
  return between(readme, TABLE_START, TABLE_END);
}

/** INSTALL.md for a version: the template with the version, the guide and the reference filled in. */
export function renderInstallNote(template: string, readme: string, version: string): string {
  const filled = template
    .replace(/\{\{version\}\}/g, version)
    .replace('{{install-guide}}', () => installGuide(readme))
    .replace('{{config-reference}}', () => configReference(readme));
  return filled.endsWith('\n') ? filled : `${filled}\n`;
}
