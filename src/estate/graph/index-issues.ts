/** Issues raised while indexing: dangling references and duplicate ids. */
import type { Issue } from '../../shared/errors.js';

/** A record with an id that an earlier record already used. */
export function duplicateIssue(field: string, id: string): Issue {
  return { field, message: `duplicate id '${id}'; the first one is kept`, hint: 'ids must be unique' };
}

/** A reference to something that is not declared in the estate; `effect` says what the index did about it. */
export function unknownIssue(field: string, kind: string, id: string, list: string, effect = 'ignored'): Issue {
  return { field, message: `unknown ${kind} '${id}'; ${effect}`, hint: `declare it under \`${list}\`` };
}
