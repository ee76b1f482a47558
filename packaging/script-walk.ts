// Walks an acorn syntax tree of a finished ES5 script and tells name references from property names, for the bundle's build steps (Node only).
import type * as acorn from 'acorn';

type Node = acorn.Node & { [key: string]: unknown };

/** Calls `visit` on every node under `node` with its parent and the key it hangs from. */
export function walk(node: unknown, visit: (n: Node, parent: Node | null, key: string) => void, parent: Node | null = null, key = ''): void {
  if (!node || typeof (node as Node).type !== 'string') return;
  const n = node as Node;
  visit(n, parent, key);
  for (const [childKey, value] of Object.entries(n)) {
    for (const child of Array.isArray(value) ? value : [value]) walk(child, visit, n, childKey);
  }
}

/** Whether an Identifier is a name reference, not a property name after a dot or an object-literal key. */
export function isReference(parent: Node | null, key: string): boolean {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return false;
  if (parent.type === 'Property' && key === 'key' && !parent.computed) return false;
  return true;
}

