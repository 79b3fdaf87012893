// <atlas-chart data-spec="...vl.json">: shows its static SVG until the reader asks for the interactive
// chart; only then are vega-embed (a separate chunk, ~1 MB, served from this site) and the spec fetched.
// The button stays hidden without JavaScript, where the static SVG is all there is. Clicks on the interactive
// chart's marks bubble up as an "atlas-chart-select" event carrying the mark's data row.

class AtlasChart extends HTMLElement {
  connectedCallback(): void {
    const button = this.querySelector<HTMLButtonElement>("button.make-interactive");
    if (!button || button.dataset.bound) return;
    button.dataset.bound = "1";
    button.hidden = false;
    button.addEventListener("click", () => void this.activate(button));
  }

  private async activate(button: HTMLButtonElement): Promise<void> {
    const specUrl = this.dataset.spec;
    const placeholder = this.querySelector<HTMLElement>(".chart-static");
    if (!specUrl || !placeholder) return;
    button.disabled = true;
    button.textContent = "Loading the interactive chart…";
    try {
      const [{ default: embed }, spec] = await Promise.all([
        import("vega-embed"),
        fetch(specUrl).then((r) => {
          if (!r.ok) throw new Error(`${specUrl}: HTTP ${r.status}`);
          return r.json();
        }),
      ]);
      const target = document.createElement("div");
      target.className = "chart-interactive";
      placeholder.after(target);
      // Export stays (SVG/PNG of the current view); the editor would send the spec to an external site.
      const result = await embed(target, spec, { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } });
      // A click on a mark is announced with its data row: the mechanism panel opens a head's attention.
      result.view.addEventListener("click", (_event, item) => {
        const datum = (item as { datum?: unknown } | null | undefined)?.datum ?? null;
        this.dispatchEvent(new CustomEvent("atlas-chart-select", { bubbles: true, detail: datum }));
      });
      placeholder.remove();
      button.remove();
      this.dataset.interactive = "true";
    } catch (error) {
      button.disabled = false;
      button.textContent = "Could not load the interactive chart: retry";
      console.error(error);
    }
  }
}

if (!customElements.get("atlas-chart")) customElements.define("atlas-chart", AtlasChart);
