/**
 * References between items must resolve against the incoming file merged with the existing estate.
 * An entity's region may be implicit (a region referenced but not listed is fine), so it is not checked.
 */
import { withSuggestion } from '../suggest.js';
import type { EstateKind, FieldPath, PathIssue } from '../types.js';
import { knownIds, NOUNS } from './context.js';
import type { CheckContext } from './context.js';

interface ReferenceRule {
  kind: EstateKind;
  field: string;
  target: EstateKind;
}

const RULES: readonly ReferenceRule[] = [
  { kind: 'entities', field: 'parent', target: 'entities' },
  { kind: 'sites', field: 'entity', target: 'entities' },
  { kind: 'segments', field: 'entity', target: 'entities' },
  { kind: 'segments', field: 'site', target: 'sites' },
  { kind: 'links', field: 'from', target: 'segments' },
  { kind: 'links', field: 'to', target: 'segments' },
  { kind: 'hosts', field: 'entity', target: 'entities' },
  { kind: 'hosts', field: 'segment', target: 'segments' },
  { kind: 'services', field: 'entity', target: 'entities' },
  { kind: 'services', field: 'hosts', target: 'hosts' },
  { kind: 'services', field: 'dependsOn', target: 'services' },
  { kind: 'dataStores', field: 'host', target: 'hosts' },
];

/** Reports every reference to an id that neither the file nor the existing estate defines. */
export function checkReferences(context: CheckContext): PathIssue[] {
  const known = new Map<EstateKind, Set<string>>();
  const idsOf = (kind: EstateKind): Set<string> => {
    const ids = known.get(kind) ?? knownIds(context, kind);
    known.set(kind, ids);
    return ids;
  };
  const problems: PathIssue[] = [];
  for (const rule of RULES) {
    for (const { index, value } of context.candidates[rule.kind]) {
      const ref: unknown = (value as Record<string, unknown>)[rule.field];
      const refs: [string, FieldPath][] = Array.isArray(ref)
        ? ref.map((id, i): [string, FieldPath] => [String(id), [rule.kind, index, rule.field, i]])
        : typeof ref === 'string'
          ? [[ref, [rule.kind, index, rule.field]]]
          : [];
      for (const [id, path] of refs) {
        if (!idsOf(rule.target).has(id)) problems.push(unknownReference(rule.target, id, path, idsOf(rule.target)));
      }
    }
  }
  return problems;
}

function unknownReference(target: EstateKind, id: string, path: FieldPath, known: Set<string>): PathIssue {
  const noun = NOUNS[target];
  const key = target === 'hosts' ? 'hostname' : 'id';
  const article = /^[aeiou]/.test(noun) ? 'an' : 'a';
  const hint = `define ${article} ${noun} with ${key} \`${id}\` in this file (under \`${target}\`), or import it first`;
  return { path, message: `unknown ${noun} \`${id}\``, hint: withSuggestion(hint, id, known) };
}
