/**
 * How rare a literal is likely to be in Windows events, for choosing prefilter literals. Length is the main
 * signal, minus fragments that occur in a large share of events (system folders, core DLLs, registry roots,
 * extensions), which say little about an event.
 */

/**
 * Without this list, `CallTrace|contains: ':\Windows\System32\KERNELBASE.dll+'` would look rarer than
 * `TargetImage|endswith: '\lsass.exe'`, while it is in nearly every process access event.
 */
export const COMMON_FRAGMENTS: readonly string[] = [
  ':\\windows\\system32\\', ':\\windows\\syswow64\\', ':\\windows\\', ':\\program files (x86)\\', ':\\program files\\',
  '\\windows\\', '\\system32\\', '\\appdata\\', '\\users\\', '\\microsoft\\', '\\software\\', '\\currentversion\\',
  'software\\microsoft\\windows', 'currentcontrolset\\', 'controlset001\\', '\\services\\', '\\classes\\',
  'kernelbase.dll', 'kernel32.dll', 'ntdll.dll', 'microsoft.net\\framework', 'hklm\\', 'hku\\', 'hkcu\\', 'hkcr\\', 'c:\\',
  '.exe', '.dll', 'unknown', 'dword (0x0000000', 'dword (0x', '(empty)', 'true', 'false',
];

/** 1 for each character of the text inside a common fragment. */
function commonMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const fragment of COMMON_FRAGMENTS) {
    for (let at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) mask.fill(1, at, at + fragment.length);
  }
  return mask;
}

/**
 * The number of characters of a literal outside the common fragments it contains.
 *
 * @example
 * rareLength(':\\windows\\system32\\kernelbase.dll+'); // 1
 */
export function rareLength(text: string): number {
  return commonMask(text).reduce((n, common) => n + (common ? 0 : 1), 0);
}

/**
 * Longest literal worth searching for: any substring of a needed literal is needed too, and shorter literals
 * keep the search automata small enough to stay in the CPU cache.
 */
export const MAX_SEARCH_LITERAL = 24;

/**
 * The window of at most MAX_SEARCH_LITERAL characters with the most rare characters, the last one on ties
 * (the end of a path or key is usually its distinctive part).
 *
 * @example
 * rarestWindow('\\software\\microsoft\\windows\\currentversion\\run\\evil').length; // 24
 */
export function rarestWindow(text: string): string {
  if (text.length <= MAX_SEARCH_LITERAL) return text;
  const mask = commonMask(text);
  let rare = 0;
  for (let i = text.length - MAX_SEARCH_LITERAL; i < text.length; i += 1) rare += mask[i] ? 0 : 1;
  let best = text.length - MAX_SEARCH_LITERAL;
  let bestRare = rare;
  for (let at = best - 1; at >= 0; at -= 1) {
    rare += (mask[at] ? 0 : 1) - (mask[at + MAX_SEARCH_LITERAL] ? 0 : 1);
    if (rare > bestRare) [best, bestRare] = [at, rare];
  }
  return text.slice(best, best + MAX_SEARCH_LITERAL);
}
