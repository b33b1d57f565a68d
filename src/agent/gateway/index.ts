/** The gateway role: segment cuts as nftables tables on a Linux router (see src/agent/README.md). */
export { buildCutRules, cutTableName, renderCutRule, renderCutRuleset, CutSpecError, CUT_TABLE_PREFIX } from './cut-ruleset.js';
export type { CutRule, CutRules, CutSpec, AddressMatch } from './cut-ruleset.js';
export { checkListedCut, cutCounters } from './check-cut.js';
export type { CutCounters } from './check-cut.js';
export { evaluateCut } from './evaluate-cut.js';
export type { ForwardedPacket } from './evaluate-cut.js';
export { CutStore, CUTS_FILE } from './cut-store.js';
export type { AppliedCut } from './cut-store.js';
export { Gateway } from './gateway.js';
export type { CutRulesetEvidence } from './gateway.js';
export { restoreCuts } from './restore-cuts.js';
export { forwardingStatus, parseRoutes, routedNetworks } from './routing.js';
export type { Forwarding, RoutedNetwork } from './routing.js';
