/**
 * The values worth looking up in one field's text, by the kind of field: the hashes of Sysmon's `Hashes`, an
 * address without its port, a host name (or an address given as a host), a URL and its host, a registry key
 * with the key it lies in and the hive aliases Windows writes (HKU\<sid> for HKCU, HKU\<sid>_Classes and
 * HKLM\Software\Classes for HKCR), a path's base name and the path itself. Candidates are emitted already
 * normalised as the index stores values.
 */
import type { CandidateKind } from './field-table.js';
import type { HashType } from './indicator.js';
import type { LookupKind } from './indicator-index.js';
import { parseEventAddress } from './ip.js';
import {
  baseName,
  normaliseFileName,
  normaliseHex,
  normaliseHostName,
  normaliseRegistryKey,
  normaliseUrl,
} from './normalise.js';

export type Emit = (kind: LookupKind, candidate: string) => void;

const HASH_KEYS: Readonly<Record<string, HashType>> = {
  MD5: 'md5',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
  IMPHASH: 'imphash',
};
const HASH_BY_LENGTH: Readonly<Record<number, HashType>> = { 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' };

function emitHash(kind: HashType | undefined, text: string, emit: Emit): void {
  const hex = normaliseHex(text);
  if (hex === undefined || /^0+$/.test(hex)) return;
  const type = kind ?? HASH_BY_LENGTH[hex.length];
  if (type !== undefined) emit(type, hex);
}

function emitHashes(text: string, emit: Emit): void {
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) emitHash(undefined, part, emit);
    else {
      const kind = HASH_KEYS[part.slice(0, eq).trim().toUpperCase().replace(/[-_]/g, '')];
      if (kind !== undefined) emitHash(kind, part.slice(eq + 1), emit);
    }
  }
}

/** A host name or an address, as found in a host field or a URL. */
export function emitHost(text: string, emit: Emit): void {
  const host = normaliseHostName(text.replace(/^\[(.*)\]$/, '$1'));
  if (host === '') return;
  if (parseEventAddress(host)) emit('ip', host);
  else if (host.includes('.')) emit('domain', host);
}

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)/;

function emitUrl(text: string, host: string | undefined, emit: Emit): void {
  const trimmed = text.trim();
  const full = trimmed.startsWith('/') ? (host === undefined ? undefined : `http://${host.trim()}${trimmed}`) : trimmed;
  if (full === undefined) return;
  const url = normaliseUrl(full);
  if (url === undefined) return;
  emit('url', url);
  const found = URL_HOST.exec(url)?.[1];
  if (found !== undefined) emitHost(found, emit);
}

function hiveAliases(key: string): string[] {
  const classes = /^hku\\s-1-[0-9-]+_classes(\\.*)?$/.exec(key);
  if (classes) return [`hkcu\\software\\classes${classes[1] ?? ''}`, `hkcr${classes[1] ?? ''}`];
  const user = /^hku\\s-1-[0-9-]+(\\.*)?$/.exec(key);
  if (user) return [`hkcu${user[1] ?? ''}`];
  const machineClasses = /^hklm\\software\\classes(\\.*)?$/.exec(key);
  if (machineClasses) return [`hkcr${machineClasses[1] ?? ''}`];
  const root = /^hkcr(\\.*)?$/.exec(key);
  return root ? [`hklm\\software\\classes${root[1] ?? ''}`] : [];
}

/**
 * The keys a registry path may match: itself, the key it lies in (Sysmon's TargetObject ends with the value
 * name), and their hive aliases.
 *
 * @example
 * registryCandidates('HKU\\S-1-5-21-1-2-3-500\\Software\\Run\\evil');
 * // ['hku\\s-1-5-21-1-2-3-500\\software\\run\\evil', 'hkcu\\software\\run\\evil', 'hku\\...\\software\\run', 'hkcu\\software\\run']
 */
export function registryCandidates(text: string): string[] {
  const key = normaliseRegistryKey(text);
  if (key === undefined) return [];
  const keys = [key];
  const cut = key.lastIndexOf('\\');
  if (cut > key.indexOf('\\')) keys.push(key.slice(0, cut));
  return keys.flatMap((k) => [k, ...hiveAliases(k)]);
}

function emitFilePath(text: string, emit: Emit): void {
  const full = normaliseFileName(text);
  if (full === undefined) return;
  const base = baseName(full);
  if (base !== '') emit('file-name', base);
  if (base !== full) emit('file-name', full);
}

/**
 * Emits the normalised candidates of one field's text.
 *
 * @example
 * emitCandidates('hashes', 'SHA256=AB..,MD5=CD..', (kind, value) => console.log(kind, value)); // sha256 ab.., md5 cd..
 */
export function emitCandidates(kind: CandidateKind, text: string, emit: Emit, host?: string): void {
  switch (kind) {
    case 'hashes':
      return emitHashes(text, emit);
    case 'hash':
      return emitHash(undefined, text, emit);
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
    case 'imphash':
      return emitHash(kind, text, emit);
    case 'ip':
      if (parseEventAddress(text)) emit('ip', text.trim());
      return;
    case 'domain':
      return emitHost(text, emit);
    case 'url':
      return emitUrl(text, host, emit);
    case 'registry-key':
      return registryCandidates(text).forEach((key) => emit('registry-key', key));
    case 'file-path':
      return emitFilePath(text, emit);
  }
}
