/** Registers the notice lifecycle events with the incident log, with one-line descriptions for the timeline. */
import { registerEventType } from '../incident/index.js';
import { noticeApprovedSchema, noticeDraftedSchema, noticeEditedSchema, noticeSentSchema } from './notices.schema.js';

/**
 * Registers `notice.drafted`, `notice.edited`, `notice.approved` and `notice.sent`. Safe to call more than once.
 *
 * @example
 * registerNoticeEventTypes();
 * recordEvents(summary, [{ type: 'notice.approved', payload: { noticeId: 'N-001', approver: 'cora', hashOfText } }], ctx);
 */
export function registerNoticeEventTypes(): void {
  registerEventType('notice.drafted', noticeDraftedSchema, {
    describe: ({ payload: p }, actor) => `${actor} drafted notice ${p.noticeId} (${p.title}) for ${p.entity} to ${p.recipient}`,
  });
  registerEventType('notice.edited', noticeEditedSchema, {
    describe: ({ payload: p }, actor) => `${actor} edited notice ${p.noticeId}${p.reason === undefined ? '' : `: ${p.reason}`}`,
  });
  registerEventType('notice.approved', noticeApprovedSchema, {
    describe: ({ payload: p }, actor) => `${actor} approved notice ${p.noticeId} (text ${p.hashOfText.slice(0, 12)})`,
  });
  registerEventType('notice.sent', noticeSentSchema, {
    describe: ({ payload: p }, actor) =>
      `${actor} recorded notice ${p.noticeId} sent to ${p.recipient} via ${p.channel} at ${p.at}${p.reference === undefined ? '' : ` (ref ${p.reference})`}`,
  });
}
