/** The Microsoft Defender for Endpoint connector (isolate and release machines). */
export { mdeConnector } from './mde.connector.js';
export { mdeManifest } from './mde.manifest.js';
export { marker } from './machine-actions.js';
export { DEFAULT_SCOPE, type MdeOptions } from './mde.types.js';
