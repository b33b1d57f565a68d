import { describe, expect, it } from 'vitest';
import { UserError } from '../shared/errors.js';
import { hashOfText, nextNoticeId, projectNotices, type NoticeView } from './notices.project.js';
import { registerNoticeEventTypes } from './notices.register.js';
import { checkApproval, checkEdit, checkSend } from './notices.rules.js';
import { TestIncident } from './obligations.testing.js';

registerNoticeEventTypes();

const TEXT = '# Notice to the ICO\n\nContact: Dana, DPO.\n';

function drafted(audience: 'regulator' | 'customers' = 'regulator', markdown = TEXT) {
  const inc = new TestIncident({ title: 'Ransomware', severity: 'high', entities: ['uk-ltd'] }, '2026-06-01T10:00:00Z');
  inc.record('notice.drafted', { noticeId: 'N-001', template: 'uk-gdpr-33-ico', title: 'Report to the ICO', audience, entity: 'uk-ltd', regime: 'uk-gdpr', obligationId: 'uk-gdpr-33', recipient: 'ICO', markdown }, '2026-06-01T11:00:00Z', 'user:rob');
  return inc;
}
const notice = (inc: TestIncident): NoticeView => {
  const found = projectNotices(inc.log)[0];
  if (!found) throw new Error('no notice');
  return found;
};
function refusal(action: () => void): UserError {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the notice lifecycle', () => {
  it('projects a draft with its hash, authors and the four-eyes rule', () => {
    const n = notice(drafted());
    expect(n).toMatchObject({ noticeId: 'N-001', status: 'draft', hash: hashOfText(TEXT), authors: ['rob'], draftedBy: 'rob', fourEyes: true, approval: null, sent: null, blanks: [] });
    expect(nextNoticeId([n])).toBe('N-002');
    expect(nextNoticeId([])).toBe('N-001');
  });

  it('refuses to record a notice as sent without an approval of its current text (409 with a hint)', () => {
    const error = refusal(() => checkSend(notice(drafted())));
    expect(error.status).toBe(409);
    expect(error.message).toBe('N-001 cannot be recorded as sent: its current text is not approved');
    expect(error.details['hint']).toMatch(/approve it \(firebreak notice approve INCIDENT N-001\)/);
  });

  it('lets another person approve, then allows sending; a sent notice never changes', () => {
    const inc = drafted();
    expect(() => checkApproval(notice(inc), 'cora', notice(inc).hash)).not.toThrow();
    inc.record('notice.approved', { noticeId: 'N-001', approver: 'cora', hashOfText: hashOfText(TEXT) }, '2026-06-01T12:00:00Z', 'user:cora');
    expect(notice(inc)).toMatchObject({ status: 'approved', approval: { approver: 'cora', hash: hashOfText(TEXT) } });
    expect(() => checkSend(notice(inc))).not.toThrow();
    inc.record('notice.sent', { noticeId: 'N-001', recipient: 'ICO', channel: 'ICO web form', reference: 'ICO-42', at: '2026-06-01T12:30:00Z', hashOfText: hashOfText(TEXT) }, '2026-06-01T12:35:00Z', 'user:rob');
    expect(notice(inc)).toMatchObject({ status: 'sent', sent: { reference: 'ICO-42', channel: 'ICO web form', recordedBy: 'rob' } });
    expect(refusal(() => checkEdit(notice(inc), 'new text')).message).toMatch(/was sent on 2026-06-01T12:30:00Z; it cannot be edited/);
    expect(refusal(() => checkSend(notice(inc))).status).toBe(409);
    expect(notice(inc).history.map((h) => h.action)).toEqual(['drafted', 'approved', 'sent']);
  });

  it('voids an approval when the text is edited afterwards', () => {
    const inc = drafted();
    inc.record('notice.approved', { noticeId: 'N-001', approver: 'cora', hashOfText: hashOfText(TEXT) }, '2026-06-01T12:00:00Z', 'user:cora');
    inc.record('notice.edited', { noticeId: 'N-001', markdown: `${TEXT}\nOne more line.\n` }, '2026-06-01T12:10:00Z', 'user:rob');
    const n = notice(inc);
    expect(n).toMatchObject({ status: 'draft', approval: null, voidedApproval: { approver: 'cora' } });
    const error = refusal(() => checkSend(n));
    expect(error.status).toBe(409);
    expect(error.details['hint']).toMatch(/the text was edited after cora approved it/);
    // An approval recorded for the old text does not count for the new one.
    inc.record('notice.approved', { noticeId: 'N-001', approver: 'cora', hashOfText: hashOfText(TEXT) }, '2026-06-01T12:20:00Z', 'user:cora');
    expect(notice(inc).approval).toBeNull();
    expect(refusal(() => checkApproval(notice(inc), 'cora', hashOfText(TEXT))).message).toMatch(/changed since you read it/);
  });

  it('requires an approver who did not write the text of a regulator notice (drafter or editor)', () => {
    const inc = drafted();
    const self = refusal(() => checkApproval(notice(inc), 'rob', notice(inc).hash));
    expect(self.status).toBe(403);
    expect(self.message).toMatch(/four-eyes rule: rob wrote the text of N-001/);
    inc.record('notice.edited', { noticeId: 'N-001', markdown: 'Edited by Cora.\n' }, '2026-06-01T12:10:00Z', 'user:cora');
    expect(notice(inc).authors).toEqual(['rob', 'cora']);
    expect(refusal(() => checkApproval(notice(inc), 'cora', notice(inc).hash)).status).toBe(403);
    expect(() => checkApproval(notice(inc), 'dana', notice(inc).hash)).not.toThrow();
  });

  it('lets the writer of a customer statement approve it', () => {
    const inc = drafted('customers');
    expect(notice(inc).fourEyes).toBe(false);
    expect(() => checkApproval(notice(inc), 'rob', notice(inc).hash)).not.toThrow();
  });

  it('refuses to approve a notice with blanks, listing them by line', () => {
    const inc = drafted('regulator', '# Notice\n\nContact: [[TO COMPLETE: the contact point]]\n');
    const error = refusal(() => checkApproval(notice(inc), 'cora', notice(inc).hash));
    expect(error.status).toBe(409);
    expect(error.issues).toEqual([{ field: 'markdown', line: 3, message: '[[TO COMPLETE: the contact point]]' }]);
    expect(error.details['hint']).toMatch(/replace each \[\[TO COMPLETE: \.\.\.\]\]/);
  });

  it('refuses an edit that changes nothing and a second approval', () => {
    const inc = drafted();
    expect(refusal(() => checkEdit(notice(inc), TEXT)).message).toMatch(/unchanged/);
    inc.record('notice.approved', { noticeId: 'N-001', approver: 'cora', hashOfText: hashOfText(TEXT) }, '2026-06-01T12:00:00Z', 'user:cora');
    expect(refusal(() => checkApproval(notice(inc), 'dana', notice(inc).hash)).message).toMatch(/already approved by cora/);
  });
});
