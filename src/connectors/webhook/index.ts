/** The generic signed webhook connector. */
export { webhookConnector, webhookBody, retryAfter, type WebhookOptions } from './webhook.connector.js';
export { signatureHeader, verifySignature, SIGNATURE_HEADER, DEFAULT_TOLERANCE_SECONDS, type SignatureCheck } from './signature.js';
export { webhookManifest } from './webhook.manifest.js';
