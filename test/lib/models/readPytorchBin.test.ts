import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPytorchBin } from "../../../src/lib/models/readPytorchBin.ts";
import { readSafetensors } from "../../../src/lib/models/readSafetensors.ts";
import type { HostTensor, StateDict } from "../../../src/lib/models/tensor.ts";
import { sharedDir } from "../../sharedPath.ts";
import { OP, PickleWriter, float32Bytes, writeZip } from "./torchZipFixture.ts";

const modelsDir = path.join(sharedDir, "models");
const models = readdirSync(modelsDir).filter((m) => !m.startsWith(".")).sort();

interface Config {
  hidden_size: number;
  num_layers: number;
  max_position_embeddings: number;
  vocab_size: number;
  window_size: number;
  attention_layers: ("global" | "local")[];
  intermediate_size?: number | null;
}

/** Element values read independently (Python's zipfile + struct over the raw storages). */
const knownElements: Record<string, [string, number[], number][]> = {
  "tiny-random-gpt-neo": [
    ["transformer.wte.weight", [0, 0], 0.05593808740377426],
    ["transformer.wte.weight", [50256, 31], -0.27338695526123047],
    ["transformer.wpe.weight", [1, 2], 0.5489882826805115],
    ["transformer.h.1.mlp.c_fc.weight", [3, 5], -0.1281173825263977],
    ["transformer.ln_f.bias", [31], 0.09784596413373947],
  ],
  "tinystories-1L-256-replica": [
    ["transformer.wte.weight", [0, 0], 0.06956327706575394],
    ["transformer.wte.weight", [50256, 255], 0.07618092745542526],
    ["transformer.wpe.weight", [1, 2], 0.008417961187660694],
    ["transformer.h.0.mlp.c_fc.weight", [3, 5], -0.0052092960104346275],
    ["transformer.ln_f.bias", [255], 0.04191828519105911],
  ],
  "tinystories-8L-128-replica": [
    ["transformer.wte.weight", [0, 0], 0.031069191172719002],
    ["transformer.wte.weight", [50256, 127], -0.05101273953914642],
    ["transformer.wpe.weight", [1, 2], -0.008121139369904995],
    ["transformer.h.7.mlp.c_fc.weight", [3, 5], 0.0382177010178566],
    ["transformer.ln_f.bias", [127], -0.07518762350082397],
  ],
  "tinystories-8L-64-replica": [
    ["transformer.wte.weight", [0, 0], -0.012869180180132389],
    ["transformer.wte.weight", [50256, 63], -0.09522565454244614],
    ["transformer.wpe.weight", [1, 2], 0.01611725054681301],
    ["transformer.h.7.mlp.c_fc.weight", [3, 5], -0.0865679457783699],
    ["transformer.ln_f.bias", [63], -0.21948768198490143],
  ],
};

/** The mask buffers are uint8 in some shared checkpoints and bool in others (as the tiny fixture README says: uint8). */
const maskDtype: Record<string, "uint8" | "bool"> = {
  "tiny-random-gpt-neo": "uint8",
  "tinystories-1L-256-replica": "bool",
  "tinystories-8L-128-replica": "uint8",
  "tinystories-8L-64-replica": "bool",
};

/** Every name and shape a GPT-Neo state dict holds for this config, in checkpoint order. */
function expectedShapes(c: Config): [string, number[]][] {
  const h = c.hidden_size;
  const inner = c.intermediate_size ?? 4 * h;
  const out: [string, number[]][] = [
    ["transformer.wte.weight", [c.vocab_size, h]],
    ["transformer.wpe.weight", [c.max_position_embeddings, h]],
  ];
  for (let l = 0; l < c.num_layers; l++) {
    const p = `transformer.h.${l}.`;
    out.push(
      [`${p}ln_1.weight`, [h]],
      [`${p}ln_1.bias`, [h]],
      [`${p}attn.attention.bias`, [1, 1, c.max_position_embeddings, c.max_position_embeddings]],
      [`${p}attn.attention.masked_bias`, []],
      [`${p}attn.attention.k_proj.weight`, [h, h]],
      [`${p}attn.attention.v_proj.weight`, [h, h]],
      [`${p}attn.attention.q_proj.weight`, [h, h]],
      [`${p}attn.attention.out_proj.weight`, [h, h]],
      [`${p}attn.attention.out_proj.bias`, [h]],
      [`${p}ln_2.weight`, [h]],
      [`${p}ln_2.bias`, [h]],
      [`${p}mlp.c_fc.weight`, [inner, h]],
      [`${p}mlp.c_fc.bias`, [inner]],
      [`${p}mlp.c_proj.weight`, [h, inner]],
      [`${p}mlp.c_proj.bias`, [h]],
    );
  }
  out.push(["transformer.ln_f.weight", [h]], ["transformer.ln_f.bias", [h]]);
  return out;
}

function element(t: HostTensor, index: number[]): number | bigint {
  const flat = index.reduce((acc, i, d) => acc * t.shape[d] + i, 0);
  return t.data[flat];
}

function readBin(model: string): StateDict {
  const file = path.join(modelsDir, model, "pytorch_model.bin");
  return readPytorchBin(readFileSync(file), file, model);
}

function rawBytes(t: HostTensor): Uint8Array {
  return new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

describe.each(models)("readPytorchBin on %s", (model) => {
  const config = JSON.parse(readFileSync(path.join(modelsDir, model, "config.json"), "utf8")) as Config;
  const stateDict = readBin(model);

  it("holds exactly the GPT-Neo names, in order, with float32 weights of the config's shapes", () => {
    const expected = expectedShapes(config);
    expect([...stateDict.keys()]).toEqual(expected.map(([name]) => name));
    for (const [name, shape] of expected) {
      const t = stateDict.get(name)!;
      expect(t.shape, name).toEqual(shape);
      expect(t.data.length, name).toBe(shape.reduce((a, b) => a * b, 1));
      if (!name.endsWith("attn.attention.bias")) expect(t.dtype, name).toBe("float32");
    }
    expect(stateDict.has("lm_head.weight")).toBe(false);
  });

  it("has causal (global) and windowed (local) mask buffers as bool/uint8 of 0s and 1s", () => {
    const n = config.max_position_embeddings;
    config.attention_layers.forEach((kind, l) => {
      const bias = stateDict.get(`transformer.h.${l}.attn.attention.bias`)!;
      expect(bias.dtype).toBe(maskDtype[model]);
      const data = bias.data as Uint8Array;
      let mismatches = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const attends = j <= i && (kind === "global" || j > i - config.window_size);
          if (data[i * n + j] !== (attends ? 1 : 0)) mismatches++;
        }
      }
      expect(mismatches, `layer ${l} (${kind})`).toBe(0);
      const masked = stateDict.get(`transformer.h.${l}.attn.attention.masked_bias`)!;
      expect(masked.data[0]).toBe(-1e9);
    });
  });

  it("reads known elements exactly", () => {
    for (const [name, index, value] of knownElements[model] ?? []) {
      expect(element(stateDict.get(name)!, index), `${name}[${index}]`).toBe(value);
    }
  });
});

describe("the two checkpoint formats of tiny-random-gpt-neo", () => {
  it("hold the same tensors, bit for bit (the safetensors file lacks nothing: mask buffers included)", () => {
    const folder = path.join(modelsDir, "tiny-random-gpt-neo");
    const fromBin = readBin("tiny-random-gpt-neo");
    const file = path.join(folder, "model.safetensors");
    const fromSafetensors = readSafetensors(readFileSync(file), file);
    expect([...fromSafetensors.keys()]).toEqual([...fromBin.keys()]);
    expect(fromBin.size).toBe(34);
    for (const [name, a] of fromBin) {
      const b = fromSafetensors.get(name)!;
      expect([b.dtype, b.shape], name).toEqual([a.dtype, a.shape]);
      expect(Buffer.compare(rawBytes(a), rawBytes(b)), name).toBe(0);
    }
  });
});

describe("readPytorchBin on constructed archives", () => {
  const file = "/fixture/pytorch_model.bin";

  /** An OrderedDict of the given tensors plus BUILD of a `_metadata` attribute, in folder `archive/`. */
  function archive(storage: number[], tensors: [string, number, number[], number[]][]): Uint8Array {
    const p = new PickleWriter().global("collections", "OrderedDict").op(OP.EMPTY_TUPLE).op(OP.REDUCE).op(OP.MARK);
    for (const [name, offset, size, stride] of tensors) p.str(name).tensor("FloatStorage", "0", storage.length, offset, size, stride);
    p.op(OP.SETITEMS);
    p.op(OP.EMPTY_DICT).str("_metadata").op(OP.EMPTY_DICT).op(OP.SETITEM).op(OP.BUILD);
    return writeZip([
      { name: "archive/data.pkl", data: p.finish() },
      { name: "archive/data/0", data: float32Bytes(storage) },
      { name: "archive/version", data: new TextEncoder().encode("3\n") },
    ]);
  }

  it("finds data.pkl in any folder, applies storage offsets, materialises strided views, ignores _metadata", () => {
    const stateDict = readPytorchBin(
      archive([0, 1, 2, 3, 4, 5], [
        ["transposed", 0, [2, 3], [1, 2]],
        ["slice", 1, [2], [1]],
        ["scalar", 5, [], []],
      ]),
      file,
    );
    expect([...stateDict.keys()]).toEqual(["transposed", "slice", "scalar"]);
    expect([...stateDict.get("transposed")!.data]).toEqual([0, 2, 4, 1, 3, 5]);
    expect([...stateDict.get("slice")!.data]).toEqual([1, 2]);
    expect(stateDict.get("scalar")).toEqual({ dtype: "float32", shape: [], data: new Float32Array([5]) });
  });

  it("rejects a view that reads past its storage", () => {
    expect(() => readPytorchBin(archive([0, 1, 2], [["w", 2, [2], [1]]]), file)).toThrow(
      /^file \/fixture\/pytorch_model\.bin: tensor on storage data\/0 reads 4 elements from a storage of 3$/,
    );
  });

  it("rejects the legacy (pre-1.6) format and compressed zip entries clearly", () => {
    expect(() => readPytorchBin(new Uint8Array([0x80, 2, 0x8a]), file)).toThrow(/legacy torch\.save format/);
    const deflated = writeZip([{ name: "archive/data.pkl", data: new Uint8Array(100), method: 8 }]);
    expect(() => readPytorchBin(deflated, file)).toThrow(
      "file /fixture/pytorch_model.bin: zip entry archive/data.pkl is compressed (method 8); only stored entries (method 0, as torch.save writes) are supported",
    );
  });
});
