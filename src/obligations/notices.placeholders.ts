/**
 * The placeholders a notice template may use (`{{incident.awareness}}`), each with the words of the blank left
 * when the incident does not provide it (`[[TO COMPLETE: when the organisation became aware]]`). A template
 * naming any other placeholder is rejected. `content/notices/README.md` documents the same list.
 */

export const PLACEHOLDERS = {
  date: 'the date of the notice',
  preparer: 'who prepared the notice',
  contact: 'the contact point (name, role, e-mail and telephone)',
  recipient: 'the recipient',
  'incident.id': 'the incident reference',
  'incident.title': 'a title for the incident',
  'incident.summary': 'a short description of what happened',
  'incident.severity': 'the severity of the incident',
  'incident.state': 'the current phase of the response',
  'incident.awareness': 'when the organisation became aware of the incident',
  'incident.opened': 'when the incident was opened',
  'incident.detected': 'when the incident was first detected',
  'entity.name': 'the legal name of the entity',
  'entity.id': 'the entity',
  'entity.country': 'the country of the entity',
  'obligation.title': 'the obligation this notice fulfils',
  'obligation.rule': 'the obligation rule',
  'obligation.deadline': 'the deadline of this notice',
  'obligation.citation': 'the legal basis of this notice',
  'scope.summary': 'how many systems are affected',
  'scope.hosts': 'the systems affected',
  'scope.entities': 'the group entities concerned',
  'data.categories': 'the categories of personal data concerned',
  'data.stores': 'the data stores concerned',
  'data.records': 'the approximate number of personal data records concerned',
  'data.persons': 'the approximate number of persons concerned',
  'data.subjects': 'the countries of the persons concerned',
  'data.encryption': 'whether the data concerned were encrypted',
  'data.exfiltration': 'whether data were taken out of the organisation (exfiltration)',
  determination: 'the breach determination and its reasoning',
  classification: 'the classification of the incident under the regime',
  timeline: 'the timeline of the incident',
  measures: 'the measures taken or proposed to address the incident and mitigate its effects',
  detections: 'how the incident was detected (detections and indicators)',
  techniques: 'the attack techniques observed (MITRE ATT&CK)',
  ransom: 'the ransom demand and the decisions taken on it',
} as const satisfies Record<string, string>;

export type PlaceholderKey = keyof typeof PLACEHOLDERS;
export const PLACEHOLDER_KEYS = Object.keys(PLACEHOLDERS) as PlaceholderKey[];

export function isPlaceholderKey(key: string): key is PlaceholderKey {
  return Object.hasOwn(PLACEHOLDERS, key);
}

/** `{{ key }}` in a template body. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** `[[TO COMPLETE: what]]` in a notice: a blank a person must fill before the notice is approved. */
export const BLANK_PATTERN = /\[\[TO COMPLETE:\s*([^\]]*?)\s*\]\]/g;

/** The blank left for a placeholder the incident does not fill. */
export function blankFor(key: PlaceholderKey): string {
  return `[[TO COMPLETE: ${PLACEHOLDERS[key]}]]`;
}

export interface Blank {
  /** 1-based line of the notice text. */
  line: number;
  /** What to complete. */
  text: string;
}

/**
 * The blanks left in a notice text, in reading order.
 *
 * @example
 * findBlanks('Contact: [[TO COMPLETE: the contact point]]'); // [{ line: 1, text: 'the contact point' }]
 */
export function findBlanks(markdown: string): Blank[] {
  const blanks: Blank[] = [];
  markdown.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(BLANK_PATTERN)) blanks.push({ line: index + 1, text: match[1] ?? '' });
  });
  return blanks;
}

/** The known placeholder nearest to an unknown one, for the hint. */
export function nearestPlaceholder(key: string): PlaceholderKey | undefined {
  return nearestOf(key, PLACEHOLDER_KEYS);
}

/** The candidate nearest to `word` (at most 3 edits away), for "did you mean" hints. */
export function nearestOf<T extends string>(word: string, candidates: readonly T[]): T | undefined {
  let best: { key: T; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= 3 && (best === undefined || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
