// The explorer's deep links: parsing what other pages write, writing it back, and following it only as far
// as the data allow.
import { describe, expect, it } from "vitest";
import { explorerHref, explorerSearch, parseExplorerLink, resolveExplorerState, storyOfToken } from "../../src/scripts/explorerLink.ts";

const bounds = { storyOffsets: [0, 10, 25, 40], scorerIds: ["m1", "m2", "trigram"], defaultModel: "m2" };

describe("parseExplorerLink", () => {
  it("reads story, model, vs, view and #t-N", () => {
    expect(parseExplorerLink("?story=12&model=tinystories-8L-64-replica&vs=trigram&view=diff", "#t-345")).toEqual({
      story: 12,
      model: "tinystories-8L-64-replica",
      vs: "trigram",
      view: "diff",
      token: 345,
    });
  });

  it("drops what it cannot parse", () => {
    expect(parseExplorerLink("?story=-1&view=sideways&model=", "#token-3")).toEqual({});
    expect(parseExplorerLink("?story=1e3", "#t-x")).toEqual({});
    expect(parseExplorerLink("", "")).toEqual({});
  });

  it("round-trips through explorerSearch", () => {
    const link = { story: 2, model: "m1", vs: "trigram", view: "diff" as const, token: 30 };
    const search = explorerSearch(link);
    expect(search).toBe("?story=2&model=m1&vs=trigram&view=diff#t-30");
    const [query, hash] = search.split("#");
    expect(parseExplorerLink(query, `#${hash}`)).toEqual(link);
    expect(explorerHref("/atlas/explore/", { story: 0 })).toBe("/atlas/explore/?story=0");
  });

  it("leaves view out without a second scorer, and escapes ids", () => {
    expect(explorerSearch({ model: "a b&c", view: "diff" })).toBe("?model=a+b%26c");
    expect(parseExplorerLink("?model=a+b%26c", "").model).toBe("a b&c");
  });
});

describe("storyOfToken", () => {
  it("finds the story whose range holds the position", () => {
    expect([0, 9, 10, 24, 25, 39].map((t) => storyOfToken(bounds.storyOffsets, t))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe("resolveExplorerState", () => {
  it("takes the story from a lone token and falls back to the default model", () => {
    expect(resolveExplorerState({ token: 27 }, bounds)).toEqual({ story: 2, model: "m2", vs: null, view: "side", token: 27, notes: [] });
  });

  it("explains a token outside its story, an unknown story or scorer, and drops vs equal to the model", () => {
    const outside = resolveExplorerState({ story: 0, token: 27 }, bounds);
    expect(outside).toMatchObject({ story: 0, token: null });
    expect(outside.notes).toEqual(["Token 27 is not in story 0."]);
    expect(resolveExplorerState({ story: 9 }, bounds)).toMatchObject({ story: 0, notes: [expect.stringMatching(/no story 9/)] });
    expect(resolveExplorerState({ token: 400 }, bounds)).toMatchObject({ story: 0, token: null, notes: [expect.stringMatching(/no token 400/)] });
    const unknown = resolveExplorerState({ model: "gpt-5", vs: "m2" }, bounds);
    expect(unknown).toMatchObject({ model: "m2", vs: null });
    expect(unknown.notes).toEqual([expect.stringMatching(/No per-token data for gpt-5/)]);
    expect(resolveExplorerState({ model: "m1", vs: "trigram", view: "diff" }, bounds)).toMatchObject({ model: "m1", vs: "trigram", view: "diff" });
  });
});
