// Fills the shared flow's XML templates (packaging/apigee/templates/*.xml): {{name}} placeholders, values XML-escaped, fragments as they are (Node only).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TEMPLATES = fileURLToPath(new URL('./templates/', import.meta.url));
const cache = new Map<string, string>();

/** An already rendered fragment (another template's output), inserted without escaping. */
export interface XmlFragment {
  xml: string;
}

export function escapeXml(value: string): string {
  // Values in attributes are checked names (no quotes); element text needs only these three.
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** templates/<name>.xml with every placeholder filled; throws on a placeholder without a value and on a value no placeholder takes. */
export function fillTemplate(name: string, values: Record<string, string | number | XmlFragment>): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${TEMPLATES}${name}.xml`, 'utf8');
    cache.set(name, text);
  }
  const used = new Set<string>();
  const filled = text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`template ${name}.xml: no value for {{${key}}}`);
    used.add(key);
    return typeof value === 'object' ? value.xml : escapeXml(String(value));
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`template ${name}.xml has no {{${unused[0]}}}`);
  return filled;
}

/** A fragment: the template's text as it is placed inside another one. */
export function fragment(name: string, values: Record<string, string | number | XmlFragment>): XmlFragment {
  return { xml: fillTemplate(name, values).replace(/\n$/, '') };
}

export const NOTHING: XmlFragment = { xml: '' };
