/**
 * Isolating and releasing one machine: find the machine, find a machine action this attempt already made (its
 * key is in the comment), otherwise request one, then poll it until it ends. Polling always has a delay, a
 * deadline and a cap on the number of polls.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ActionOutcome, ConnectorContext, ExecutableAction } from '../../respond/types.js';
import { retryAfter } from '../webhook/webhook.connector.js';
import type { MdeHttp, MdeResponse } from './mde.http.js';
import { apiErrorSchema, FINAL_STATUSES, listSchema, machineActionSchema, machineSchema, type MachineAction, type MdeOptions } from './mde.types.js';

export type MdeActionType = 'Isolate' | 'Unisolate';

const odata = (text: string) => `'${text.replace(/'/g, "''")}'`;
const failed = (code: string, message: string, retryable: boolean, extra: Partial<ActionOutcome> = {}): ActionOutcome => ({ state: 'failed', error: { code, message }, retryable, ...extra });

/** The marker that ties a machine action to one attempt (put in its comment, searched for on resume). */
export const marker = (key: string) => `[firebreak ${key}]`;

function apiError(response: MdeResponse): { code: string; message: string } {
  const parsed = apiErrorSchema.safeParse(response.json);
  return parsed.success ? { code: parsed.data.error.code, message: parsed.data.error.message ?? '' } : { code: `HTTP ${response.status}`, message: typeof response.json === 'string' ? response.json.slice(0, 300) : '' };
}

/** A failure for an unexpected answer: 429 and 5xx may pass, anything else will not. */
function answerFailure(what: string, response: MdeResponse): ActionOutcome {
  const error = apiError(response);
  const retryable = response.status === 429 || response.status >= 500;
  const wait = retryAfter(response.headers.get('retry-after'));
  return failed(response.status === 429 ? 'mde_throttled' : `mde_http_${response.status}`, `Defender for Endpoint answered ${response.status} to ${what}: ${error.code}${error.message ? ` (${error.message})` : ''}`, retryable, wait !== undefined && retryable ? { retryAfterMs: wait } : {});
}

export class MachineActions {
  private readonly machineIds = new Map<string, string>();

  constructor(private readonly http: MdeHttp, private readonly options: MdeOptions) {}

  async run(type: MdeActionType, action: ExecutableAction, ctx: ConnectorContext): Promise<ActionOutcome> {
    const machine = await this.machineId(action, ctx.signal);
    if (typeof machine !== 'string') return machine;
    const mine = await this.find(machine, type, (a) => (a.requestorComment ?? '').includes(marker(action.key)), ctx.signal);
    if ('outcome' in mine) return mine.outcome;
    if (mine.action) return this.follow(mine.action, ctx, { resumed: true });
    const path = `/api/machines/${encodeURIComponent(machine)}/${type === 'Isolate' ? 'isolate' : 'unisolate'}`;
    const response = await this.http.call('POST', path, ctx.signal, this.body(type, action));
    if (response.status === 200 || response.status === 201) {
      const created = machineActionSchema.safeParse(response.json);
      if (!created.success) return failed('mde_bad_response', `Defender for Endpoint accepted the ${type} request but its answer has no machine action id`, true);
      return this.follow(created.data, ctx, {});
    }
    if (response.status === 400 && apiError(response).code === 'ActiveRequestAlreadyExists') return this.adopt(machine, type, ctx);
    if (response.status === 404) return failed('mde_machine_not_found', `Defender for Endpoint has no machine ${machine} (${apiError(response).message})`, false);
    return answerFailure(`${type} ${machine}`, response);
  }

  private body(type: MdeActionType, action: ExecutableAction): Record<string, string> {
    const comment = `Firebreak ${action.direction === 'reverse' ? 'rollback' : 'containment'}: ${type === 'Isolate' ? 'isolate' : 'release'} ${action.target.ref} for ${action.incidentId} plan ${action.planId} ${marker(action.key)}`;
    const isolation = typeof action.args['isolationType'] === 'string' ? action.args['isolationType'] : this.options.isolationType;
    return type === 'Isolate' ? { Comment: comment, IsolationType: isolation } : { Comment: comment };
  }

  /** Another isolate (or release) is already under way for this machine: follow it instead of adding one. */
  private async adopt(machine: string, type: MdeActionType, ctx: ConnectorContext): Promise<ActionOutcome> {
    const active = await this.find(machine, type, (a) => a.status === 'Pending' || a.status === 'InProgress', ctx.signal);
    if ('outcome' in active) return active.outcome;
    if (!active.action) return failed('mde_active_request', `Defender for Endpoint says a ${type} request for machine ${machine} is already in progress, but lists none`, true);
    return this.follow(active.action, ctx, { adopted: true });
  }

  /** The machine id: `args.machineId`, else the machine whose DNS name is the host (the most recently seen). */
  private async machineId(action: ExecutableAction, signal: AbortSignal): Promise<string | ActionOutcome> {
    const given = action.args['machineId'];
    if (typeof given === 'string' && given !== '') return given;
    const host = action.target.ref.toLowerCase();
    const known = this.machineIds.get(host);
    if (known) return known;
    const response = await this.http.call('GET', `/api/machines?$filter=${encodeURIComponent(`startswith(computerDnsName,${odata(host)})`)}`, signal);
    if (response.status !== 200) return answerFailure(`the machine lookup for ${host}`, response);
    const list = listSchema(machineSchema).safeParse(response.json);
    const matches = (list.success ? list.data.value : []).filter((m) => {
      const name = (m.computerDnsName ?? '').toLowerCase();
      return name === host || name.startsWith(`${host}.`);
    });
    const newest = matches.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))[0];
    if (!newest) return failed('mde_machine_not_found', `no machine named ${host} is onboarded to Defender for Endpoint. HINT: give the action args.machineId, or onboard the host`, false);
    this.machineIds.set(host, newest.id);
    return newest.id;
  }

  /** The newest machine action of that type on the machine that passes `test`. */
  private async find(machine: string, type: MdeActionType, test: (a: MachineAction) => boolean, signal: AbortSignal): Promise<{ outcome: ActionOutcome } | { action: MachineAction | undefined }> {
    const filter = `machineId eq ${odata(machine)} and type eq ${odata(type)}`;
    const response = await this.http.call('GET', `/api/machineactions?$filter=${encodeURIComponent(filter)}`, signal);
    if (response.status !== 200) return { outcome: answerFailure(`listing the machine actions of ${machine}`, response) };
    const list = listSchema(machineActionSchema).safeParse(response.json);
    const found = (list.success ? list.data.value : []).filter(test);
    return { action: found.sort((a, b) => (b.creationDateTimeUtc ?? '').localeCompare(a.creationDateTimeUtc ?? ''))[0] };
  }

  /** Polls a machine action until it ends, the wait runs out, or the executor aborts. */
  private async follow(start: MachineAction, ctx: ConnectorContext, how: { resumed?: boolean; adopted?: boolean }): Promise<ActionOutcome> {
    ctx.progress('sent', { machineActionId: start.id, status: start.status });
    const deadline = Date.now() + this.options.waitMs;
    const maxPolls = Math.ceil(this.options.waitMs / this.options.pollMs) + 10;
    let current = start;
    for (let polls = 0; !isFinal(current.status); polls += 1) {
      if (Date.now() >= deadline || polls >= maxPolls) return failed('mde_wait_timeout', `machine action ${current.id} was still ${current.status} after ${Math.round(this.options.waitMs / 60_000)} min`, true, { evidence: evidenceOf(current, how) });
      const next = await this.poll(current.id, ctx.signal);
      if ('outcome' in next) return next.outcome;
      current = next.action ?? current;
    }
    return outcomeOf(current, how);
  }

  private async poll(id: string, signal: AbortSignal): Promise<{ action?: MachineAction } | { outcome: ActionOutcome }> {
    try {
      await sleep(this.options.pollMs, undefined, { signal });
    } catch {
      return { outcome: failed('aborted', 'the executor stopped waiting for Defender for Endpoint', true) };
    }
    const response = await this.http.call('GET', `/api/machineactions/${encodeURIComponent(id)}`, signal);
    if (response.status === 200) {
      const parsed = machineActionSchema.safeParse(response.json);
      return parsed.success ? { action: parsed.data } : {};
    }
    if (response.status === 429 || response.status >= 500) {
      const wait = retryAfter(response.headers.get('retry-after')) ?? 0;
      await sleep(Math.min(wait, 60_000), undefined, { signal }).catch(() => undefined);
      return {};
    }
    return { outcome: answerFailure(`polling machine action ${id}`, response) };
  }
}

function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

function evidenceOf(a: MachineAction, how: { resumed?: boolean; adopted?: boolean }): Record<string, unknown> {
  return {
    vendor: 'mde', machineActionId: a.id, machineId: a.machineId ?? null, computerDnsName: a.computerDnsName ?? null, type: a.type, scope: a.scope ?? null,
    status: a.status, requestor: a.requestor ?? null, lastUpdate: a.lastUpdateDateTimeUtc ?? null,
    ...(how.resumed ? { resumed: true } : {}), ...(how.adopted ? { adopted: 'an action already in progress (not requested by this attempt)' } : {}),
  };
}

function outcomeOf(a: MachineAction, how: { resumed?: boolean; adopted?: boolean }): ActionOutcome {
  const evidence = evidenceOf(a, how);
  if (a.status === 'Succeeded') return { state: 'verified', evidence };
  if (a.status === 'Cancelled' || a.status === 'Canceled') return { ...failed('mde_action_cancelled', `machine action ${a.id} was cancelled in Defender for Endpoint`, false), evidence };
  const code = a.status === 'TimeOut' ? 'mde_action_timeout' : 'mde_action_failed';
  return { ...failed(code, `machine action ${a.id} ended ${a.status} in Defender for Endpoint`, true), evidence };
}
