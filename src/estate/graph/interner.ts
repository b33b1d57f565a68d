/** Maps string ids to dense integer ids (0, 1, 2, ...) in first-seen order. */
export class Interner {
  readonly ids: string[] = [];
  private readonly byId = new Map<string, number>();

  /**
   * The integer id of `id`, adding it when new.
   *
   * @example
   * const i = new Interner(); i.intern('emea'); // 0
   */
  intern(id: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return known;
    this.byId.set(id, this.ids.length);
    this.ids.push(id);
    return this.ids.length - 1;
  }

  /** The integer id of `id`, or -1 when unknown. */
  get(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  get size(): number {
    return this.ids.length;
  }
}
