/**
 * The rules of the notice lifecycle, checked against the notice as the log shows it (inside the append
 * transaction, so nothing slips in between the check and the record):
 *
 * - a sent notice never changes: no edit, approval or second sending (draft a follow-up instead);
 * - an approval names the text it approves (its sha256): a text changed since the approver read it is refused,
 *   and an edit after an approval voids it;
 * - a notice with blanks (`[[TO COMPLETE: ...]]`) cannot be approved;
 * - four eyes: a notice to a regulator, the police or data subjects is approved by someone who did not write
 *   its text (neither the drafter nor an editor);
 * - a notice is recorded as sent only when its current text is approved.
 *
 * Each refusal is a `UserError` whose hint says what to do.
 */
import { UserError } from '../shared/errors.js';
import type { NoticeView } from './notices.project.js';

const short = (hash: string) => hash.slice(0, 12);

function refuseIfSent(notice: NoticeView, what: string): void {
  if (!notice.sent) return;
  throw new UserError('conflict', `${notice.noticeId} was sent on ${notice.sent.at}; it cannot be ${what}`, [], {
    hint: 'draft a follow-up notice (an update or the final report) instead',
  });
}

/**
 * @example
 * checkEdit(notice, newText); // throws when the notice was sent or the text is unchanged
 */
export function checkEdit(notice: NoticeView, markdown: string): void {
  refuseIfSent(notice, 'edited');
  if (markdown === notice.markdown) {
    throw new UserError('conflict', `the text of ${notice.noticeId} is unchanged`, [], { hint: 'change the text, or leave it as it is' });
  }
}

/**
 * @example
 * checkApproval(notice, 'cora', notice.hash); // throws when the rules above refuse it
 */
export function checkApproval(notice: NoticeView, approver: string, hashOfText: string): void {
  refuseIfSent(notice, 'approved again');
  if (hashOfText !== notice.hash) {
    throw new UserError('conflict', `the text of ${notice.noticeId} changed since you read it (you approved ${short(hashOfText)}, the current text is ${short(notice.hash)})`, [], {
      hint: 'reload the notice, read the current text, then approve it',
    });
  }
  if (notice.approval) {
    throw new UserError('conflict', `${notice.noticeId} is already approved by ${notice.approval.approver}`, [], { hint: 'record it as sent once it has gone out' });
  }
  if (notice.blanks.length > 0) {
    throw new UserError(
      'conflict',
      `${notice.noticeId} still has ${notice.blanks.length} blank(s) to complete`,
      notice.blanks.map((blank) => ({ field: 'markdown', line: blank.line, message: `[[TO COMPLETE: ${blank.text}]]` })),
      { hint: 'edit the notice: replace each [[TO COMPLETE: ...]] with the fact, or say that it is not known yet and when it will be given' },
    );
  }
  if (notice.fourEyes && notice.authors.includes(approver)) {
    throw new UserError('forbidden', `four-eyes rule: ${approver} wrote the text of ${notice.noticeId} (a ${notice.audience.replace('_', ' ')} notice) and cannot approve it`, [], {
      hint: `ask another person who may approve notices (an entity lead or a commander) and did not write it; authors: ${notice.authors.join(', ')}`,
    });
  }
}

/**
 * @example
 * checkSend(notice); // throws 409 unless the current text is approved and the notice was not sent
 */
export function checkSend(notice: NoticeView): void {
  refuseIfSent(notice, 'recorded as sent again');
  if (notice.approval && notice.approval.hash === notice.hash) return;
  const hint = notice.voidedApproval
    ? `the text was edited after ${notice.voidedApproval.approver} approved it; ask for an approval of the current text`
    : notice.blanks.length > 0
      ? 'complete its blanks, then ask a person who may approve notices (an entity lead or a commander) to approve it'
      : 'ask a person who may approve notices (an entity lead or a commander) to approve it';
  throw new UserError('conflict', `${notice.noticeId} cannot be recorded as sent: its current text is not approved`, [], {
    hint: `${hint} (firebreak notice approve INCIDENT ${notice.noticeId})`,
  });
}
