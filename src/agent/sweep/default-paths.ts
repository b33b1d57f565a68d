/**
 * Where a sweep hashes files and triage looks for recent ones when the command names no paths: the places
 * intruders drop tools and persistence, per operating system. Small enough to walk within a command's time.
 */
const DEFAULTS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/tmp', '/var/tmp', '/dev/shm', '/home', '/root', '/opt', '/usr/local/bin', '/usr/local/sbin', '/etc/cron.d', '/var/spool/cron', '/etc/systemd/system'],
  darwin: ['/tmp', '/private/var/tmp', '/Users', '/Applications', '/usr/local/bin', '/Library/LaunchAgents', '/Library/LaunchDaemons'],
  win32: ['C:\\Users', 'C:\\ProgramData', 'C:\\Windows\\Temp'],
};

export function defaultSweepPaths(platform: NodeJS.Platform): string[] {
  return DEFAULTS[platform] ?? ['/tmp', '/var/tmp', '/home'];
}
