/** One error handler maps every error to an HTTP answer with a stable code; unexpected errors are logged. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody } from '../contracts/common.js';
import { UserError, type Issue } from '../shared/errors.js';

function body(code: string, message: string, issues: Issue[] = [], details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, issues, details } };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; hint: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', hint: 'send a smaller body' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', hint: 'send application/json' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_input', hint: 'send a JSON body' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_input', hint: 'fix the Content-Length header' },
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof UserError) {
      return reply.status(error.status).send(body(error.code, error.message, error.issues, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const issues: Issue[] = error.validation.map((v) => ({
        field: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid value',
      }));
      const first = issues[0];
      const summary = first ? `${first.field}: ${first.message}` : 'invalid request';
      return reply.status(400).send(body('invalid_input', `invalid request ${where}: ${summary}`, issues));
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return reply.status(known.status).send(body(known.code, error.message, [], { hint: known.hint }));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Malformed JSON and similar parser errors.
      return reply.status(error.statusCode).send(body('invalid_input', error.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send(body('internal', 'an unexpected error occurred; it has been logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(body('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
