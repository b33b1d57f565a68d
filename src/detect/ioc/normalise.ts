/**
 * One spelling per value, used for indicators when they are indexed and for event values when they are looked
 * up: lower-case hex; lower-case domains without a trailing dot; URLs with lower-case scheme and host, no
 * default port and no fragment; registry keys lower-case with one name per hive (HKEY_LOCAL_MACHINE and
 * \REGISTRY\MACHINE become hklm); file names lower-case.
 */

const HEX = /^[0-9a-f]+$/;

/**
 * Lower-case hex, or undefined when the text is not hex.
 *
 * @example
 * normaliseHex(' ABCDEF '); // 'abcdef'
 */
export function normaliseHex(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  return lower.length > 0 && HEX.test(lower) ? lower : undefined;
}

/**
 * Undoes the usual defanging of published indicators: `hxxp`, `[.]`, `(.)`, `[dot]`, `[:]`.
 *
 * @example
 * refang('hxxps://evil[.]com'); // 'https://evil.com'
 */
export function refang(text: string): string {
  return text
    .trim()
    .replace(/^hxxp(s?)(?=(\[:\]|:)\/\/)/i, 'http$1')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
    .replace(/\[:\]/g, ':')
    .replace(/\[\/\]/g, '/');
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A host name as events carry it: lower-case, no trailing dot, no `:port`.
 *
 * @example
 * normaliseHostName('WWW.Evil.COM.:443'); // 'www.evil.com'
 */
export function normaliseHostName(text: string): string {
  let host = text.trim().toLowerCase();
  const colon = host.indexOf(':');
  if (colon >= 0 && colon === host.lastIndexOf(':') && /^\d{1,5}$/.test(host.slice(colon + 1)))
    host = host.slice(0, colon);
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/**
 * A domain indicator: lower-case, punycode for non-ASCII names, no leading `*.`; undefined unless it is a
 * name of at least two labels with a plausible top-level label.
 *
 * @example
 * normaliseDomain('*.Evil.com.'); // 'evil.com'
 */
export function normaliseDomain(text: string): string | undefined {
  let host = normaliseHostName(text).replace(/^\*\./, '');
  if (/[^\x20-\x7e]/.test(host)) {
    try {
      host = new URL(`http://${host}`).hostname;
    } catch {
      return undefined;
    }
  }
  return DOMAIN.test(host) ? host : undefined;
}

/**
 * A URL with lower-case scheme and host, no default port, no fragment (WHATWG parsing, so both sides agree on
 * percent-encoding and dot segments). A text without a scheme gets `http://`. Undefined when not a URL.
 *
 * @example
 * normaliseUrl('HTTP://Evil.COM:80/Path?q=1#top'); // 'http://evil.com/Path?q=1'
 */
export function normaliseUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || /\s/.test(trimmed)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.hostname === '') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

const HIVES: readonly (readonly [RegExp, string])[] = [
  [/^\\?registry\\machine(?=\\|$)/, 'hklm'],
  [/^\\?registry\\user(?=\\|$)/, 'hku'],
  [/^hkey_local_machine(?=\\|$)/, 'hklm'],
  [/^hkey_current_user(?=\\|$)/, 'hkcu'],
  [/^hkey_users(?=\\|$)/, 'hku'],
  [/^hkey_classes_root(?=\\|$)/, 'hkcr'],
  [/^hkey_current_config(?=\\|$)/, 'hkcc'],
  [/^(hklm|hkcu|hku|hkcr|hkcc):(?=\\|$)/, '$1'],
];

const SHORT_HIVE = /^(hklm|hkcu|hku|hkcr|hkcc)(\\|$)/;

/**
 * A registry key: lower-case, single backslashes, no trailing backslash, hives by their short names, and
 * `ControlSet00n` as `CurrentControlSet`. Undefined when it does not start with a hive.
 *
 * @example
 * normaliseRegistryKey('HKEY_LOCAL_MACHINE\\Software\\Run\\'); // 'hklm\\software\\run'
 */
export function normaliseRegistryKey(text: string): string | undefined {
  let key = text
    .trim()
    .toLowerCase()
    .replace(/\\{2,}/g, '\\');
  if (key.endsWith('\\')) key = key.slice(0, -1);
  for (const [pattern, short] of HIVES) {
    if (pattern.test(key)) {
      key = key.replace(pattern, short);
      break;
    }
  }
  if (!SHORT_HIVE.test(key)) return undefined;
  return key.replace(/^hklm\\system\\controlset\d{3}(?=\\|$)/, 'hklm\\system\\currentcontrolset');
}

/**
 * The last component of a Windows or POSIX path.
 *
 * @example
 * baseName('C:\\Windows\\System32\\cmd.exe'); // 'cmd.exe'
 */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return cut < 0 ? path : path.slice(cut + 1);
}

/**
 * A file name (or path) indicator: trimmed, quotes removed, lower-case. Undefined when empty.
 *
 * @example
 * normaliseFileName(' "Invoice.PDF.exe" '); // 'invoice.pdf.exe'
 */
export function normaliseFileName(text: string): string | undefined {
  const name = text
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase();
  return name === '' || name.endsWith('\\') || name.endsWith('/') ? undefined : name;
}
