/**
 * One line of evidence per action (pure), from what the agent, gateway or vendor reported: probes passed, the
 * ruleset hash, a sweep's findings, what triage collected. The whole evidence stays one click away; this line
 * is what people scan down a table of thousands of actions.
 */

export interface EvidenceLine {
  text: string;
  /** false: the evidence shows a problem (a failed probe, a finding, a failed ruleset check). */
  ok: boolean | null;
  simulated: boolean;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown, fallback: string): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : fallback);

/** `sha256:fe48…c12f` */
export function shortHash(hash: string): string {
  const [algo, hex] = hash.includes(':') ? (hash.split(':', 2) as [string, string]) : ['', hash];
  const short = hex.length > 12 ? `${hex.slice(0, 6)}…${hex.slice(-4)}` : hex;
  return algo ? `${algo}:${short}` : short;
}

function probes(evidence: Json): { text: string; ok: boolean } | undefined {
  const all = list(evidence['probes']).filter(isObject);
  if (all.length === 0) return undefined;
  const failed = all.filter((p) => p['passed'] === false).map((p) => str(p['purpose'], 'probe'));
  const text = failed.length === 0 ? `${all.length}/${all.length} probes passed` : `${all.length - failed.length}/${all.length} probes passed (failed: ${failed.join(', ')})`;
  return { text, ok: failed.length === 0 };
}

function ruleset(evidence: Json): { text: string; ok: boolean } | undefined {
  const rs = isObject(evidence['ruleset']) ? evidence['ruleset'] : undefined;
  if (!rs) return undefined;
  const hash = typeof rs['rulesetHash'] === 'string' ? shortHash(rs['rulesetHash']) : 'ruleset';
  const check = isObject(rs['check']) ? rs['check'] : undefined;
  if (check?.['ok'] === false) return { text: `ruleset ${hash} check failed: ${list(check['problems']).map(String).join('; ') || 'no detail'}`, ok: false };
  return { text: `ruleset ${hash}`, ok: true };
}

function sweep(evidence: Json): { text: string; ok: boolean } | undefined {
  if (typeof evidence['clean'] !== 'boolean') return undefined;
  const findings = list(evidence['findings']).filter(isObject);
  const checked = isObject(evidence['checked']) ? evidence['checked'] : {};
  const parts = (['files', 'processes', 'connections'] as const).flatMap((k) => (num(checked[k]) === undefined ? [] : [`${num(checked[k])?.toLocaleString()} ${k}`]));
  const scanned = parts.length > 0 ? ` (${parts.join(', ')} checked)` : '';
  if (evidence['clean'] && findings.length === 0) return { text: `clean${evidence['complete'] === false ? ', incomplete' : ''}${scanned}`, ok: evidence['complete'] !== false };
  const first = findings.slice(0, 2).map((f) => `${str(f['kind'], 'finding')} ${shortHash(str(f['indicator'], ''))}`);
  const more = findings.length > 2 ? ` and ${findings.length - 2} more` : '';
  return { text: `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${first.join(', ')}${more}`, ok: false };
}

function triage(evidence: Json): string | undefined {
  if (!Array.isArray(evidence['processes']) || !Array.isArray(evidence['connections'])) return undefined;
  const files = list(evidence['recentFiles']).length;
  return `triage: ${list(evidence['processes']).length} processes, ${list(evidence['connections']).length} connections, ${files} recent files`;
}

function released(evidence: Json): string | undefined {
  if (evidence['tableAbsent'] === true) return evidence['removed'] === true ? 'rules removed, table gone' : 'nothing to remove, table absent';
  return undefined;
}

/** A segment cut: each gateway's state and its own evidence (ruleset hash, probes). */
function gateways(evidence: Json): { text: string; ok: boolean; simulated: boolean } | undefined {
  const all = list(evidence['gateways']).filter(isObject);
  if (all.length === 0) return undefined;
  const inner = all.map((g) => ({ g, line: isObject(g['evidence']) ? summariseEvidence(g['evidence']) : null }));
  const text = inner.map(({ g, line }) => `${str(g['hostname'], 'gateway')} ${str(g['state'], '')}${line ? `: ${line.text}` : ''}`).join('; ');
  const ok = all.every((g) => g['state'] === 'verified' || g['state'] === 'applied') && inner.every(({ line }) => line?.ok !== false);
  return { text, ok, simulated: inner.some(({ line }) => line?.simulated === true) };
}

/**
 * @example
 * summariseEvidence({ probes: [{ purpose: 'blocked-target', passed: true }], ruleset: { rulesetHash: 'sha256:ab…' } });
 * // { text: '1/1 probes passed · ruleset sha256:ab…', ok: true, simulated: false }
 */
export function summariseEvidence(evidence: Record<string, unknown> | null): EvidenceLine | null {
  if (!evidence) return null;
  const cut = gateways(evidence);
  if (cut) return { text: cut.text, ok: cut.ok, simulated: cut.simulated || evidence['simulated'] === true };
  const parts: { text: string; ok: boolean | null }[] = [];
  for (const part of [sweep(evidence), probes(evidence), ruleset(evidence)]) if (part) parts.push(part);
  for (const text of [triage(evidence), released(evidence)]) if (text) parts.push({ text, ok: null });
  if (parts.length === 0) {
    const status = evidence['status'] ?? evidence['state'];
    const keys = Object.keys(evidence).filter((k) => k !== 'simulated' && k !== 'command' && k !== 'reportedAt');
    parts.push({ text: typeof status === 'string' ? `status: ${status}` : keys.length > 0 ? `reported ${keys.slice(0, 4).join(', ')}` : 'reported', ok: null });
  }
  const oks = parts.map((p) => p.ok).filter((ok): ok is boolean => ok !== null);
  return { text: parts.map((p) => p.text).join(' · '), ok: oks.length === 0 ? null : oks.every(Boolean), simulated: evidence['simulated'] === true };
}
