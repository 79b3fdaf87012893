// A fake hub serving one dataset file through the resolve endpoint, with Range support: what
// @huggingface/hub's downloadFile (a 1-byte probe) and its Blob's slice (a ranged GET) call.
export const fakeHubUrl = "https://hub.test";

export interface DatasetCall {
  url: string;
  range: string | null;
}

export function fakeDatasetHub(dataset: string, file: string, content: Uint8Array) {
  const calls: DatasetCall[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const range = new Headers(init?.headers).get("Range");
    calls.push({ url: url.href, range });
    if (decodeURIComponent(url.pathname) !== `/datasets/${dataset}/resolve/main/${file}`) {
      return new Response(JSON.stringify({ error: "Entry not found" }), { status: 404, headers: { "X-Error-Code": "EntryNotFound" } });
    }
    const total = content.byteLength;
    const headers = { ETag: '"fake-etag"', "Accept-Ranges": "bytes", "Content-Type": "text/plain" };
    const r = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (!r) return new Response(content.slice(), { status: 200, headers });
    const start = Number(r[1]);
    const end = r[2] === "" ? total - 1 : Math.min(Number(r[2]), total - 1);
    return new Response(content.slice(start, end + 1), {
      status: 206,
      headers: { ...headers, "Content-Range": `bytes ${start}-${end}/${total}` },
    });
  };
  /** Ranged content reads, without downloadFile's 1-byte probe. */
  const contentCalls = () => calls.filter((c) => c.range !== "bytes=0-0");
  return { fetch, calls, contentCalls };
}

/** TinyStories-train.txt's layout: "story\n<|endoftext|>\n" repeated; ~330-byte stories with multi-byte characters. */
export function fakeTrainText(stories: number): { text: string; stories: string[] } {
  const list = Array.from({ length: stories }, (_, i) => `Story ${i}: Lily saw a café 🦖 and said "hi".\n\n${"They played in the park all day. ".repeat(8)}The end ${"x".repeat(i % 7)}.`);
  return { text: list.map((s) => `${s}\n<|endoftext|>\n`).join(""), stories: list };
}
