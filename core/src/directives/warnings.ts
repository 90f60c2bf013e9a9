/** Ordered, de-duplicated `code: message` warnings for the reviewer of a draft. */
export class Warnings {
  private readonly seen = new Set<string>();
  readonly list: string[] = [];

  add(code: string, message: string): void {
    const w = `${code}: ${message}`;
    if (this.seen.has(w)) return;
    this.seen.add(w);
    this.list.push(w);
  }
}
