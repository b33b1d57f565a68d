/**
 * Reading uploaded event files in the browser for the hunt: text as it is, gzip (`.gz`) as base64 so the server
 * can decompress it. Nothing is parsed here; the server names bad lines per file.
 */
import type { HuntFile } from '../api/endpoints';

/** Base64 of bytes, in chunks (String.fromCharCode over a whole large file would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export const isGzip = (name: string): boolean => /\.gz$/i.test(name);

export async function readHuntFile(file: File): Promise<HuntFile> {
  if (isGzip(file.name)) {
    return { name: file.name, content: toBase64(new Uint8Array(await file.arrayBuffer())), encoding: 'base64' };
  }
  return { name: file.name, content: await file.text(), encoding: 'utf8' };
}

/** Adds files to a selection, a file of the same name replacing the earlier one. */
export function addFiles(current: readonly File[], added: Iterable<File>): File[] {
  const byName = new Map(current.map((f) => [f.name, f]));
  for (const file of added) byName.set(file.name, file);
  return [...byName.values()];
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
