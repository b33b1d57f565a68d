/**
 * nftables through the injected executor: load a ruleset file atomically, list our table as JSON, and delete
 * exactly our table. Only the presence of the table is decided from `nft -j list tables`, never from message
 * text.
 */
import { OperationalError } from '../../shared/errors.js';
import type { SystemExecutor } from '../runtime/executor.js';

export class NftClient {
  /** @param nft the command that runs nft, e.g. `['nft']` or `['ip', 'netns', 'exec', 'fbt-a', 'nft']`. */
  constructor(
    private readonly executor: SystemExecutor,
    private readonly nft: readonly string[] = ['nft'],
  ) {}

  /** Loads a ruleset file in one transaction (`nft -f -`). */
  async apply(text: string): Promise<void> {
    const result = await this.executor.run([...this.nft, '-f', '-'], { input: text });
    if (result.code !== 0) throw new OperationalError('nft_apply_failed', `nft -f failed (exit ${result.code}): ${result.stderr.trim().slice(0, 500)}`, false);
  }

  /** Whether `inet <table>` exists. */
  async hasTable(table: string): Promise<boolean> {
    const result = await this.executor.run([...this.nft, '-j', 'list', 'tables']);
    if (result.code !== 0) throw new OperationalError('nft_list_failed', `nft list tables failed (exit ${result.code}): ${result.stderr.trim().slice(0, 500)}`, true);
    const parsed = JSON.parse(result.stdout || '{"nftables":[]}') as { nftables?: { table?: { family?: string; name?: string } }[] };
    return (parsed.nftables ?? []).some((item) => item.table?.family === 'inet' && item.table.name === table);
  }

  /** The table as nft JSON, or undefined when it does not exist. */
  async listTable(table: string): Promise<unknown> {
    if (!(await this.hasTable(table))) return undefined;
    const result = await this.executor.run([...this.nft, '-j', 'list', 'table', 'inet', table]);
    if (result.code !== 0) throw new OperationalError('nft_list_failed', `nft list table failed (exit ${result.code}): ${result.stderr.trim().slice(0, 500)}`, true);
    return JSON.parse(result.stdout) as unknown;
  }

  /** Deletes `inet <table>` and nothing else; returns false when it was not there. */
  async deleteTable(table: string): Promise<boolean> {
    if (!(await this.hasTable(table))) return false;
    const result = await this.executor.run([...this.nft, 'delete', 'table', 'inet', table]);
    if (result.code !== 0) throw new OperationalError('nft_delete_failed', `nft delete table failed (exit ${result.code}): ${result.stderr.trim().slice(0, 500)}`, true);
    return true;
  }
}
