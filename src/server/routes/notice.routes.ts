/**
 * Notices: list, draft from a template, edit, approve and record as sent, within the caller's entities.
 * Drafting, editing and sending need `notice:write`; approving needs `notice:approve` (and, for regulator,
 * police and data-subject notices, someone who did not write the text).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { incidentIdParamsSchema } from '../../contracts/incidents.js';
import {
  approveNoticeSchema,
  draftNoticeSchema,
  editNoticeSchema,
  noticeListSchema,
  noticeParamsSchema,
  noticeSentAnswerSchema,
  noticeTemplatesAnswerSchema,
  noticeViewSchema,
  sendNoticeSchema,
} from '../../contracts/notices.js';
import { authorise } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { NoticeService } from '../notice.service.js';

export function noticeRoutes(app: FastifyInstance, ctx: AppContext): NoticeService {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const notices = new NoticeService(ctx.store, ctx.bus, ctx.incidents, ctx.obligations, ctx.now);
  const tags = ['notices'];

  r.get('/api/notices/templates', {
    schema: { tags, summary: 'The notice templates loaded (content/notices) and the problems found in the others', response: { 200: noticeTemplatesAnswerSchema } },
  }, async (request) => {
    authorise(request, 'incident:read');
    return notices.templateStatus();
  });

  r.get('/api/incidents/:id/notices', {
    schema: { tags, summary: "The incident's notices (within your entities) and the templates", params: incidentIdParamsSchema, response: { 200: noticeListSchema } },
  }, async (request) => notices.list(authorise(request, 'incident:read'), request.params.id));

  r.post('/api/incidents/:id/notices', {
    schema: { tags, summary: 'Draft a notice from a template, filled from the incident; blanks are listed', params: incidentIdParamsSchema, body: draftNoticeSchema, response: { 201: noticeViewSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'notice:write');
    return reply.status(201).send(await notices.draft(principal, request.params.id, request.body));
  });

  r.get('/api/incidents/:id/notices/:noticeId', {
    schema: { tags, summary: 'One notice: text, blanks, approval, sending, history', params: noticeParamsSchema, response: { 200: noticeViewSchema } },
  }, async (request) => notices.get(authorise(request, 'incident:read'), request.params.id, request.params.noticeId));

  r.patch('/api/incidents/:id/notices/:noticeId', {
    schema: { tags, summary: 'Replace the text of a notice (an approval of the previous text is void)', params: noticeParamsSchema, body: editNoticeSchema, response: { 200: noticeViewSchema } },
  }, async (request) => notices.edit(authorise(request, 'notice:write'), request.params.id, request.params.noticeId, request.body));

  r.post('/api/incidents/:id/notices/:noticeId/approve', {
    schema: { tags, summary: 'Approve the current text of a notice (named by its sha256)', params: noticeParamsSchema, body: approveNoticeSchema, response: { 201: noticeViewSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'notice:approve');
    return reply.status(201).send(await notices.approve(principal, request.params.id, request.params.noticeId, request.body.hashOfText));
  });

  r.post('/api/incidents/:id/notices/:noticeId/send', {
    schema: { tags, summary: 'Record an approved notice as sent (and the filing of the obligation it fulfils)', params: noticeParamsSchema, body: sendNoticeSchema, response: { 201: noticeSentAnswerSchema } },
  }, async (request, reply) => {
    const principal = authorise(request, 'notice:write');
    return reply.status(201).send(await notices.send(principal, request.params.id, request.params.noticeId, request.body));
  });

  return notices;
}
