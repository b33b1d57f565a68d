/**
 * Command handlers by type. A handler declares its argument schema and runs a verified command, reporting
 * progress (`applied`) and ending `verified` or `failed` with evidence. New command types are one more
 * `register` call in runtime/runner.ts.
 */
import type { ZodType } from 'zod';
import type { CommandBody } from '../protocol/command.js';

export interface Reason {
  code: string;
  message: string;
}

/**
 * How a command ended on the agent. `applied` as the final outcome means the agent cannot prove the effect
 * itself (a shutdown: no host can report that it is off), so the server concludes (the agent goes silent).
 */
export interface HandlerOutcome {
  state: 'verified' | 'failed' | 'applied';
  reason?: Reason;
  evidence: Record<string, unknown>;
}

export interface CommandContext {
  command: CommandBody;
  /** Reports that the change is in place but not yet verified. */
  applied(evidence: Record<string, unknown>): void;
  log(line: string): void;
}

export interface CommandHandler<A = Record<string, unknown>> {
  type: string;
  args: ZodType<A>;
  run(args: A, ctx: CommandContext): Promise<HandlerOutcome>;
}

export class HandlerRegistry {
  private readonly handlers = new Map<string, CommandHandler<unknown>>();

  register<A>(handler: CommandHandler<A>): this {
    if (this.handlers.has(handler.type)) throw new Error(`a handler for ${handler.type} is already registered`);
    this.handlers.set(handler.type, handler);
    return this;
  }

  get(type: string): CommandHandler<unknown> | undefined {
    return this.handlers.get(type);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
