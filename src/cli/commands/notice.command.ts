/** `firebreak notice templates|list|show|draft|edit|approve|send`: notices of an incident, from draft to sent. */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  noticeListSchema,
  noticeSentAnswerSchema,
  noticeTemplatesAnswerSchema,
  noticeViewSchema,
  type NoticeViewAnswer,
} from '../../contracts/notices.js';
import { formatIssue, UserError } from '../../shared/errors.js';
import type { CliContext } from '../context.js';
import { fields, json, table } from '../output.js';

const enc = encodeURIComponent;
const base = (incident: string) => `/api/incidents/${enc(incident)}/notices`;
const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The notice's facts, its blanks (with line numbers) and what to do next. */
function describe(n: NoticeViewAnswer): string {
  const lines = [
    fields({
      notice: n.noticeId, title: n.title, entity: n.entity, recipient: n.recipient, status: n.status,
      fulfils: n.obligationId ?? '-', authors: n.authors.join(', '), 'four eyes': n.fourEyes ? 'yes (approver must not be an author)' : 'no',
      approved: n.approval ? `by ${n.approval.approver} at ${n.approval.at}` : n.voidedApproval ? `no (an edit voided ${n.voidedApproval.approver}'s approval)` : 'no',
      sent: n.sent ? `${n.sent.at} to ${n.sent.recipient} via ${n.sent.channel}${n.sent.reference ? ` (ref ${n.sent.reference})` : ''}` : 'no',
      sha256: n.hash,
    }),
  ];
  if (n.blanks.length > 0) lines.push('', `blanks to complete (${n.blanks.length}):`, ...n.blanks.map((b) => `  line ${b.line}: ${b.text}`));
  return lines.join('\n');
}

export function registerNotice(program: Command, ctx: CliContext): void {
  const notice = program.command('notice').alias('notices').description('notices of an incident: draft from a template, edit, approve, record as sent');

  notice.command('templates').description('the notice templates loaded, and problems in the others').action(async () => {
    const answer = await (await ctx.client()).get('/api/notices/templates', noticeTemplatesAnswerSchema);
    if (ctx.json()) return ctx.out.out(json(answer));
    ctx.out.out(table(answer.templates, ['id', 'audience', 'title', 'rules']));
    for (const issue of answer.issues) ctx.out.err(formatIssue(issue));
  });

  notice.command('list <incident>').description("the incident's notices").action(async (incident: string) => {
    const answer = await (await ctx.client()).get(base(incident), noticeListSchema);
    if (ctx.json()) return ctx.out.out(json(answer.notices));
    const rows = answer.notices.map((n) => ({ ...n, blanks: n.blanks.length, approvedBy: n.approval?.approver ?? null, sentAt: n.sent?.at ?? null, reference: n.sent?.reference ?? null }));
    ctx.out.out(table(rows, ['noticeId', 'entity', 'title', 'status', 'blanks', 'approvedBy', 'sentAt', 'reference']));
  });

  notice
    .command('show <incident> <notice>')
    .description('a notice: facts, blanks, and its text (--out FILE writes the Markdown to a file)')
    .option('--out <file>', 'write the Markdown text to a file (to edit it, then `notice edit`)')
    .action(async (incident: string, id: string, opts: { out?: string }) => {
      const n = await (await ctx.client()).get(`${base(incident)}/${enc(id)}`, noticeViewSchema);
      if (ctx.json()) return ctx.out.out(json(n));
      ctx.out.out(describe(n));
      if (opts.out) {
        await writeFile(opts.out, n.markdown);
        ctx.out.err(`wrote ${opts.out}`);
      } else ctx.out.out(`\n${n.markdown.trimEnd()}`);
    });

  notice
    .command('draft <incident>')
    .description('draft a notice from a template, filled from the incident; missing facts are left as [[TO COMPLETE: ...]] blanks')
    .requiredOption('--template <id>', 'template id (see `firebreak notice templates`)')
    .requiredOption('--entity <id>', 'the entity that gives the notice')
    .option('--obligation <rule>', 'the obligation rule it fulfils (default: the first of the template still open)')
    .option('--recipient <text>', 'who receives it (default: the template\'s recipient)')
    .option('--contact <text>', 'the contact point: name, role, e-mail, telephone')
    .option('--exfiltration <state>', 'confirmed, suspected, excluded or unknown', 'unknown')
    .option('--out <file>', 'also write the Markdown text to a file')
    .action(async (incident: string, opts: { template: string; entity: string; obligation?: string; recipient?: string; contact?: string; exfiltration: string; out?: string }) => {
      const body = drop({ template: opts.template, entity: opts.entity, obligationId: opts.obligation, recipient: opts.recipient, contact: opts.contact, exfiltration: opts.exfiltration });
      const n = await (await ctx.client()).post(base(incident), body, noticeViewSchema);
      if (opts.out) await writeFile(opts.out, n.markdown);
      if (ctx.json()) return ctx.out.out(json(n));
      ctx.out.out(`drafted ${n.noticeId}: ${n.title} (${n.entity}, to ${n.recipient})`);
      ctx.out.out(describe(n));
      if (opts.out) ctx.out.err(`wrote ${opts.out}; edit it, then: firebreak notice edit ${incident} ${n.noticeId} --file ${opts.out}`);
    });

  notice
    .command('edit <incident> <notice>')
    .description('replace the text of a notice with a file (an approval of the previous text is void)')
    .requiredOption('--file <file>', 'the Markdown text')
    .option('--reason <text>', 'why it changed')
    .action(async (incident: string, id: string, opts: { file: string; reason?: string }) => {
      const markdown = await readFile(opts.file, 'utf8');
      const n = await (await ctx.client()).request('PATCH', `${base(incident)}/${enc(id)}`, drop({ markdown, reason: opts.reason }), noticeViewSchema);
      ctx.out.out(ctx.json() ? json(n) : `edited ${n.noticeId}\n${describe(n)}`);
    });

  notice
    .command('approve <incident> <notice>')
    .description('approve the current text of a notice (you must not have written a regulator, police or data-subject notice)')
    .option('--hash <sha256>', 'the sha256 of the text you read (from `notice show`); default: the current text, shown before approving')
    .action(async (incident: string, id: string, opts: { hash?: string }) => {
      const client = await ctx.client();
      const current = await client.get(`${base(incident)}/${enc(id)}`, noticeViewSchema);
      if (opts.hash !== undefined && !/^[0-9a-f]{64}$/.test(opts.hash)) {
        throw new UserError('invalid_input', `--hash "${opts.hash}" is not a sha256`, [], { hint: 'copy the sha256 line of `firebreak notice show`' });
      }
      const hashOfText = opts.hash ?? current.hash;
      const n = await client.post(`${base(incident)}/${enc(id)}/approve`, { hashOfText }, noticeViewSchema);
      ctx.out.out(ctx.json() ? json(n) : `approved ${n.noticeId} (text ${hashOfText}) as ${n.approval?.approver ?? '?'}`);
    });

  notice
    .command('send <incident> <notice>')
    .description('record that an approved notice was sent (and the filing of the obligation it fulfils)')
    .requiredOption('--channel <text>', 'how it went: "ICO web form", "e-mail to the DPA", "TDnet"')
    .option('--reference <text>', "the recipient's reference number")
    .option('--recipient <text>', "who received it (default: the notice's recipient)")
    .option('--at <iso time>', 'when it was sent (default now)')
    .action(async (incident: string, id: string, opts: { channel: string; reference?: string; recipient?: string; at?: string }) => {
      const body = drop({ channel: opts.channel, reference: opts.reference, recipient: opts.recipient, at: opts.at });
      const answer = await (await ctx.client()).post(`${base(incident)}/${enc(id)}/send`, body, noticeSentAnswerSchema);
      if (ctx.json()) return ctx.out.out(json(answer));
      const n = answer.notice;
      ctx.out.out(`recorded ${n.noticeId} sent to ${n.sent?.recipient ?? n.recipient} via ${n.sent?.channel ?? opts.channel}${n.sent?.reference ? ` (ref ${n.sent.reference})` : ''}`);
      if (answer.filed) ctx.out.out(`filed ${answer.filed.ruleId} for ${answer.filed.entity}`);
    });
}
