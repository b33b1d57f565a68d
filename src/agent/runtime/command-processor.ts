/**
 * Runs commands one at a time: verify (signature, addressee, expiry, replay), persist the replay guard before
 * anything runs, check the arguments, run the handler, and report every step. Every refusal is reported with
 * its reason; nothing is dropped silently.
 */
import type { KeyObject } from 'node:crypto';
import type { CommandHandler, HandlerOutcome } from '../handlers/registry.js';
import type { HandlerRegistry } from '../handlers/registry.js';
import type { CommandBody } from '../protocol/command.js';
import type { ResultMessage } from '../protocol/messages.js';
import { verifyCommand, type Rejection } from '../protocol/verify-command.js';
import type { StateHolder } from './state-file.js';

export interface ProcessorDeps {
  state: StateHolder;
  publicKey: KeyObject;
  registry: HandlerRegistry;
  now: () => Date;
  send(message: ResultMessage): void;
  log(line: string): void;
}

export class CommandProcessor {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ProcessorDeps) {}

  /** Queues a command as received from the server; resolves when it has been handled. */
  submit(raw: unknown): Promise<void> {
    const next = this.queue.then(() => this.process(raw));
    this.queue = next.catch((error: unknown) => this.deps.log(`command handling failed: ${String(error)}`));
    return next;
  }

  private result(commandId: string | null, state: ResultMessage['state'], extra: Pick<ResultMessage, 'reason' | 'evidence'> = {}): void {
    this.deps.send({ kind: 'result', commandId, state, at: this.deps.now().toISOString(), ...extra });
  }

  private reject(rejection: Rejection): void {
    this.deps.log(`rejected command ${rejection.commandId ?? '(unreadable)'}: ${rejection.code}: ${rejection.message}`);
    this.result(rejection.commandId, 'rejected', { reason: { code: rejection.code, message: rejection.message } });
  }

  private async process(raw: unknown): Promise<void> {
    const { state, publicKey, now } = this.deps;
    const verdict = verifyCommand(raw, { publicKey, agentId: state.current.agentId, now: now(), replay: state.current.replay });
    if (!verdict.ok) return this.reject(verdict.rejection);
    await state.update((s) => ({ ...s, replay: verdict.replay }));
    const body = verdict.body;
    const handler = this.deps.registry.get(body.type);
    if (!handler) return this.reject({ code: 'unknown_type', message: `this agent has no handler for ${body.type} (it knows ${this.deps.registry.types().join(', ')})`, commandId: body.id });
    const args = handler.args.safeParse(body.args);
    if (!args.success) {
      const issue = args.error.issues[0];
      return this.reject({ code: 'invalid_args', message: `args.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, commandId: body.id });
    }
    this.deps.log(`accepted command ${body.id} (${body.type}, seq ${body.seq})`);
    const outcome = await this.run(handler, args.data, body);
    this.result(body.id, outcome.state, { evidence: outcome.evidence, ...(outcome.reason ? { reason: outcome.reason } : {}) });
  }

  private async run(handler: CommandHandler<unknown>, args: unknown, body: CommandBody): Promise<HandlerOutcome> {
    try {
      return await handler.run(args, {
        command: body,
        applied: (evidence) => this.result(body.id, 'applied', { evidence }),
        log: (line) => this.deps.log(line),
      });
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'handler_error';
      return { state: 'failed', reason: { code, message: error instanceof Error ? error.message : String(error) }, evidence: {} };
    }
  }
}
