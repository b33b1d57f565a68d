/**
 * Network sanity: CIDRs parse, host IPs parse and lie inside their segment's CIDRs, links join two
 * different segments, port ranges are real.
 */
import { cidrContains, parseCidr, parseIp } from '../ip.js';
import type { Cidr, IpAddress } from '../ip.js';
import type { FieldPath, PathIssue } from '../types.js';
import { mergedSegmentCidrs } from './context.js';
import type { CheckContext } from './context.js';

/** A segment's CIDRs that parse, with their text as written. */
type SegmentCidrs = Map<string, { text: string; cidr: Cidr }[]>;

/** Reports bad CIDRs, bad or misplaced host IPs, self-links and impossible port ranges. */
export function checkNetwork(context: CheckContext): PathIssue[] {
  const problems: PathIssue[] = [];
  for (const { index, value } of context.candidates.segments) {
    for (const [i, cidr] of (value.cidrs ?? []).entries()) {
      const parsed = parseCidr(cidr);
      if ('error' in parsed)
        problems.push({ path: ['segments', index, 'cidrs', i], message: parsed.error, hint: parsed.hint });
    }
  }
  problems.push(...checkHostIps(context), ...checkLinks(context));
  return problems;
}

function segmentCidrs(context: CheckContext): SegmentCidrs {
  const result: SegmentCidrs = new Map();
  for (const [id, texts] of mergedSegmentCidrs(context)) {
    const valid = texts.flatMap((text) => {
      const cidr = parseCidr(text);
      return 'error' in cidr ? [] : [{ text, cidr }];
    });
    result.set(id, valid);
  }
  return result;
}

function checkHostIps(context: CheckContext): PathIssue[] {
  const segments = segmentCidrs(context);
  const problems: PathIssue[] = [];
  for (const { index, value } of context.candidates.hosts) {
    const cidrs = value.segment === undefined ? [] : (segments.get(value.segment) ?? []);
    for (const [i, text] of (value.ips ?? []).entries()) {
      const path: FieldPath = ['hosts', index, 'ips', i];
      const ip = parseIp(text);
      if (ip === undefined) {
        problems.push({
          path,
          message: `'${text}' is not an IP address`,
          hint: 'write an IPv4 address such as 10.20.1.15 or an IPv6 address such as 2001:db8::15',
        });
      } else if (value.segment !== undefined && cidrs.length > 0 && !cidrs.some(({ cidr }) => cidrContains(cidr, ip))) {
        problems.push(outsideSegment(text, ip, value.segment, segments, path));
      }
    }
  }
  return problems;
}

function outsideSegment(
  text: string,
  ip: IpAddress,
  segmentId: string,
  segments: SegmentCidrs,
  path: FieldPath,
): PathIssue {
  const listed = (segments.get(segmentId) ?? []).map((entry) => entry.text).join(', ');
  const home = [...segments].find(([, cidrs]) => cidrs.some(({ cidr }) => cidrContains(cidr, ip)))?.[0];
  const hint =
    home === undefined
      ? `use an address inside ${listed}, or add a CIDR that covers it to segment \`${segmentId}\``
      : `it lies in segment \`${home}\`: move the host there, or use an address inside ${listed}`;
  return { path, message: `IP ${text} is outside segment \`${segmentId}\` (${listed})`, hint };
}

function checkLinks(context: CheckContext): PathIssue[] {
  const problems: PathIssue[] = [];
  for (const { index, value } of context.candidates.links) {
    if (value.from !== undefined && value.from === value.to) {
      problems.push({
        path: ['links', index, 'to'],
        message: `link from segment \`${value.from}\` to itself`,
        hint: 'traffic inside a segment needs no link; remove this link or fix `from` or `to`',
      });
    }
    if (value.ports === undefined || value.ports === 'any') continue;
    for (const [i, port] of value.ports.entries()) {
      const problem = portProblem(port);
      if (problem !== undefined) problems.push({ path: ['links', index, 'ports', i], ...problem });
    }
  }
  return problems;
}

function portProblem(port: number | string): { message: string; hint: string } | undefined {
  if (typeof port === 'number') return undefined;
  const match = /^(?:tcp|udp)\/(\d+)(?:-(\d+))?$/.exec(port);
  if (match === null) return undefined;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  if (low < 1 || high > 65535) return { message: `port ${port} is outside 1-65535`, hint: 'use ports from 1 to 65535' };
  if (high < low)
    return {
      message: `port range ${port} runs backwards`,
      hint: `write the lower port first, e.g. ${port.replace(/\d+-\d+/, `${high}-${low}`)}`,
    };
  return undefined;
}
