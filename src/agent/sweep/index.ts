/** Host collectors (processes, sockets, files) and the indicator sweep. */
export { defaultSweepPaths } from './default-paths.js';
export { hashFile, walkFiles } from './file-walk.js';
export { emptyWalkStats } from './host.js';
export type { FileEntry, HostCollectors, ProcessInfo, SocketInfo, WalkOptions, WalkStats } from './host.js';
export { hostCollectors, linuxProcesses, linuxSockets } from './linux-host.js';
export { indexIndicators, matchConnection, matchFile, matchProcess, processNames } from './match.js';
export type { Finding, FindingKind, IndicatorIndex, Indicators } from './match.js';
export { decodeAddress, formatEndpoint, isListening, parseProcNet } from './proc-net.js';
export type { RawSocket, SocketProto } from './proc-net.js';
export { MAX_FINDINGS, runSweep } from './sweep.js';
export type { SweepEvidence, SweepInput } from './sweep.js';
