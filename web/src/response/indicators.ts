/**
 * Indicators typed or pasted for a sweep, one per line or separated by commas (pure): 64 hex digits are file
 * hashes, addresses and networks are remote endpoints, anything else is a process image name.
 */

export interface TypedIndicators {
  sha256: string[];
  processNames: string[];
  remote: string[];
}

const SHA256 = /^[a-f0-9]{64}$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f:]+:[0-9a-f:]*(\/\d{1,3})?$/i;

/**
 * @example
 * splitIndicators('203.0.113.7\nqbot.exe'); // { sha256: [], processNames: ['qbot.exe'], remote: ['203.0.113.7'] }
 */
export function splitIndicators(text: string): TypedIndicators {
  const out: TypedIndicators = { sha256: [], processNames: [], remote: [] };
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,;]+/)) {
    const value = raw.trim();
    if (!value || seen.has(value.toLowerCase())) continue;
    seen.add(value.toLowerCase());
    if (SHA256.test(value)) out.sha256.push(value.toLowerCase());
    else if (IPV4.test(value) || IPV6.test(value)) out.remote.push(value);
    else out.processNames.push(value);
  }
  return out;
}

export const indicatorTotal = (i: TypedIndicators) => i.sha256.length + i.processNames.length + i.remote.length;
