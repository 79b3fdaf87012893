import { describe, expect, it } from "vitest";
import { citationLine, figurePermalink, resolveSiteUrl, shortCodeVersion, siteBibtex } from "../../../src/lib/figures/citation.ts";

const source = { codeVersion: "0123456789abcdef0123456789abcdef01234567", date: "2026-11-21" };

describe("citations", () => {
  it("shortens commits to 7 characters and keeps the dirty mark", () => {
    expect(shortCodeVersion(source.codeVersion)).toBe("0123456");
    expect(shortCodeVersion(`${source.codeVersion}-dirty`)).toBe("0123456-dirty");
    expect(shortCodeVersion("unknown")).toBe("unknown");
  });

  it("resolves the site URL: env, then Astro's site with the base path, then the preview server", () => {
    expect(resolveSiteUrl({ envUrl: "https://atlas.example.org/x", configSite: "https://other.example", base: "/x/" })).toBe("https://atlas.example.org/x/");
    expect(resolveSiteUrl({ configSite: "https://atlas.example.org", base: "/atlas/" })).toBe("https://atlas.example.org/atlas/");
    expect(resolveSiteUrl({ configSite: "https://atlas.example.org/atlas/", base: "/atlas/" })).toBe("https://atlas.example.org/atlas/");
    expect(resolveSiteUrl({ envUrl: " ", base: "/" })).toBe("http://localhost:4321/");
  });

  it("writes a BibTeX entry for the site, dated by the results", () => {
    expect(siteBibtex("https://atlas.example.org/", source)).toBe(
      [
        "@misc{tinystories-atlas-2026,",
        "  title        = {{TinyStories Capability Atlas}},",
        "  howpublished = {\\url{https://atlas.example.org/}},",
        "  year         = {2026},",
        "  note         = {Code version 0123456, results of 2026-11-21},",
        "}",
      ].join("\n"),
    );
  });

  it("writes a figure's citation line with its permalink", () => {
    const url = figurePermalink("https://atlas.example.org/", "fig-induction-main-metric");
    expect(citationLine("Figure", "fig-induction-main-metric", source, url)).toBe(
      "Figure fig-induction-main-metric, TinyStories Capability Atlas (code 0123456, 2026-11-21), https://atlas.example.org/figures/fig-induction-main-metric/",
    );
  });
});
