/** Detections grouped by rule: one row per rule with its level, author (always shown) and how many matched. */
import type { Alert, RuleCount } from '../api/detect-schemas';
import { LevelBadge } from '../ui/Badge';
import { Stamp } from '../ui/Time';

export interface RuleGroup extends RuleCount {
  /** Distinct hosts and the newest match, when the alerts themselves are at hand. */
  hosts?: string[];
  latest?: string;
}

const RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3, informational: 4 };

/** Groups alerts by rule id: most severe first, then most frequent. */
export function groupByRule(alerts: readonly Alert[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup & { hostSet: Set<string> }>();
  for (const alert of alerts) {
    const { id, title, level, author } = alert.rule;
    const group = groups.get(id) ?? {
      id,
      title,
      level,
      author,
      count: 0,
      hostSet: new Set<string>(),
      latest: alert.at,
    };
    group.count += 1;
    const host = alert.host ?? alert.hostReported;
    if (host) group.hostSet.add(host);
    if (group.latest === undefined || alert.at > group.latest) group.latest = alert.at;
    groups.set(id, group);
  }
  return sortGroups([...groups.values()].map(({ hostSet, ...group }) => ({ ...group, hosts: [...hostSet].sort() })));
}

export const sortGroups = <T extends RuleCount>(groups: T[]): T[] =>
  groups.sort(
    (a, b) => (RANK[a.level] ?? 9) - (RANK[b.level] ?? 9) || b.count - a.count || a.title.localeCompare(b.title),
  );

export function RuleGroups({ groups, label }: { groups: readonly RuleGroup[]; label: string }) {
  const withHosts = groups.some((g) => g.hosts !== undefined);
  return (
    <table className="table rule-groups" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Level</th>
          <th scope="col">Rule</th>
          <th scope="col">Rule author</th>
          {withHosts && <th scope="col">Hosts</th>}
          {withHosts && <th scope="col">Latest</th>}
          <th scope="col" className="num">
            Matches
          </th>
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.id} data-rule={group.id}>
            <td>
              <LevelBadge value={group.level} />
            </td>
            <td>
              <span className="cell-title">{group.title}</span>
              <div className="mono faint small">{group.id}</div>
            </td>
            <td className="author">{group.author}</td>
            {withHosts && (
              <td>
                <span className="chips">
                  {(group.hosts ?? []).slice(0, 6).map((host) => (
                    <span className="chip" key={host}>
                      {host}
                    </span>
                  ))}
                  {(group.hosts?.length ?? 0) > 6 && <span className="faint">+{(group.hosts?.length ?? 0) - 6}</span>}
                </span>
              </td>
            )}
            {withHosts && <td className="nowrap">{group.latest && <Stamp at={group.latest} />}</td>}
            <td className="num strong">{group.count.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
