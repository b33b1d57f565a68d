export type { Bus, Unsubscribe } from './bus.js';
export { subjectMatches } from './bus.js';
export { MemoryBus } from './memory-bus.js';
export { NatsBus, type NatsBusOptions } from './nats-bus.js';
