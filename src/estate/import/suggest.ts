/**
 * "Did you mean" suggestions for misspelt ids and field names.
 */

const MAX_CANDIDATES = 5000;

/**
 * The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
 *
 * @example closest('hostnme', ['hostname', 'os']) // 'hostname'
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let seen = 0;
  for (const candidate of candidates) {
    if (++seen > MAX_CANDIDATES) break;
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Appends "did you mean `x`?" to a hint when a close candidate exists. */
export function withSuggestion(hint: string, word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined || guess === word ? hint : `did you mean \`${guess}\`? ${hint}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
