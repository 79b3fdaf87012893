// pytorch_model.bin (torch.save, PyTorch >= 1.6): a zip of `<folder>/data.pkl`, a pickled OrderedDict of
// tensors, plus one raw storage per tensor in `<folder>/data/<key>`. The folder name varies by writer.
import { AtlasError } from "../errors.ts";
import { readZip } from "./readZip.ts";
import { type HostTensor, type StateDict, bytesPerElement } from "./tensor.ts";
import { TorchStorage, TorchStorageType, rebuildTensor, torchStorageTypes } from "./torchTensor.ts";
import { PickleError, unpickle } from "./unpickle.ts";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PICKLE_PROTO = 0x80;

export function readPytorchBin(bytes: Uint8Array, file: string, model?: string): StateDict {
  const fail = (problem: string) => new AtlasError(problem, { model, file });
  if (bytes[0] === PICKLE_PROTO) {
    throw fail("legacy torch.save format (PyTorch < 1.6, not a zip) is not supported: re-save it with a current PyTorch");
  }
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) throw fail("not a PyTorch checkpoint: it does not start like a zip file");
  const entries = readZip(bytes, file, model);

  const pickles = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length !== 1) {
    throw fail(`not a PyTorch checkpoint: expected one <folder>/data.pkl in the zip, found ${pickles.length}`);
  }
  const pickleName = pickles[0];
  const folder = pickleName.slice(0, -"/data.pkl".length);
  const byteorder = entries.get(`${folder}/byteorder`);
  if (byteorder && new TextDecoder().decode(byteorder).trim() !== "little") {
    throw fail("big-endian checkpoints are not supported");
  }

  const tensors = new WeakSet<HostTensor>();
  const globals = new Map<string, unknown>([
    ...torchStorageTypes,
    ["collections.OrderedDict", () => new Map()],
    [
      "torch._utils._rebuild_tensor_v2",
      (...args: unknown[]) => {
        const tensor = rebuildTensor(args, fail);
        tensors.add(tensor);
        return tensor;
      },
    ],
    // A saved nn.Parameter: (tensor, requires_grad, backward_hooks); the tensor is all we need.
    ["torch._utils._rebuild_parameter", (tensor: unknown) => tensor],
  ]);

  let root: unknown;
  try {
    root = unpickle(entries.get(pickleName)!, {
      globals,
      persistentLoad: (pid) => loadStorage(pid, entries, folder, fail),
      // The OrderedDict's attributes (its `_metadata` of module versions) are not state dict entries.
      build: (target) => {
        if (!(target instanceof Map)) throw new PickleError("pickle sets state (BUILD) on something other than a dict");
      },
    });
  } catch (e) {
    if (e instanceof PickleError) throw fail(`${pickleName}: ${e.message}`);
    throw e;
  }

  if (!(root instanceof Map)) throw fail(`${pickleName} does not hold a state dict (a dict of tensors)`);
  const out: StateDict = new Map();
  for (const [name, value] of root) {
    if (typeof name !== "string") throw fail(`${pickleName}: state dict has a key that is not a string`);
    if (!tensors.has(value as HostTensor)) throw fail(`${pickleName}: state dict entry ${name} is not a tensor`);
    out.set(name, value as HostTensor);
  }
  return out;
}

/** Resolves torch's persistent id `('storage', StorageType, key, location, numel)` to the storage's bytes. */
function loadStorage(
  pid: unknown,
  entries: Map<string, Uint8Array>,
  folder: string,
  fail: (problem: string) => Error,
): TorchStorage {
  if (!Array.isArray(pid) || pid[0] !== "storage" || pid.length !== 5) {
    throw fail("a persistent id in the pickle is not ('storage', type, key, location, numel)");
  }
  const [, type, key, , count] = pid as unknown[];
  if (!(type instanceof TorchStorageType) || typeof key !== "string" || typeof count !== "number") {
    throw fail(`storage ${String(key)} has a malformed persistent id`);
  }
  const name = `${folder}/data/${key}`;
  const bytes = entries.get(name);
  if (!bytes) throw fail(`storage ${name} is missing from the zip`);
  const expected = count * bytesPerElement[type.dtype];
  if (bytes.byteLength !== expected) {
    throw fail(`storage ${name} has ${bytes.byteLength} bytes, its pickle says ${count} elements of ${type.name}`);
  }
  return new TorchStorage(key, type.dtype, bytes);
}
