// What the per-token widgets (<atlas-story-explorer>, <atlas-token-compare>) share: their required parts
// found by selector, a start that runs once when first connected, and one way to show a load failure.
export abstract class TokenDataElement extends HTMLElement {
  private started = false;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    void this.start();
  }

  /** Loads the data and renders; runs once per element. */
  protected abstract start(): Promise<void>;

  protected find<T extends Element>(selector: string): T {
    const found = this.querySelector<T>(selector);
    if (!found) throw new Error(`<${this.localName}> lacks ${selector}`);
    return found;
  }

  protected fail(e: unknown): void {
    this.dataset.state = "error";
    this.find<HTMLElement>("[data-status]").textContent = `Could not load the per-token data: ${e instanceof Error ? e.message : String(e)}`;
  }
}
