/** Moved to src/shared (policies and scenarios use it too). */
export * from '../shared/yaml-source.js';
