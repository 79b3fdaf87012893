// A small builder for ONNX graphs: nodes, initializers, typed inputs/outputs, encoded with onnx-proto.
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;
type AttributeValue = number | number[] | string | { float: number } | { floats: number[] };
const DataType = onnx.TensorProto.DataType;
const AttrType = onnx.AttributeProto.AttributeType;

export type ElemType = "float32" | "int64" | "bool";
const elemTypes: Record<ElemType, number> = { float32: DataType.FLOAT, int64: DataType.INT64, bool: DataType.BOOL };

/** A dimension: a fixed size or a symbolic name such as "batch". */
export type Dim = number | string;

export class OnnxGraph {
  private nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private constants = new Map<string, string>();
  private counter = 0;

  /** Adds a node and returns the names of its outputs (fresh names derived from `name`). */
  op(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, name = opType.toLowerCase(), nOut = 1): string[] {
    const id = `${name}_${this.counter++}`;
    const outputs = Array.from({ length: nOut }, (_, i) => (nOut === 1 ? id : `${id}_${i}`));
    this.nodes.push(
      onnx.NodeProto.create({ opType, input: inputs, output: outputs, name: id, attribute: encodeAttributes(attrs) }),
    );
    return outputs;
  }

  /** A node with exactly one output, returned as a string. */
  op1(opType: string, inputs: string[], attrs: Record<string, AttributeValue> = {}, name?: string): string {
    return this.op(opType, inputs, attrs, name)[0];
  }

  /** Makes `from` available under the graph-level name `to` (for named outputs). */
  rename(from: string, to: string): string {
    this.nodes.push(onnx.NodeProto.create({ opType: "Identity", input: [from], output: [to], name: `identity_${to}` }));
    return to;
  }

  initializer(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: DataType.FLOAT,
        rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      }),
    );
    return name;
  }

  /** A constant int64 or float tensor, shared between uses of the same value. */
  constInt64(values: number[], scalar = false): string {
    return this.constant("int64", values, scalar);
  }

  constFloat(values: number[], scalar = false): string {
    return this.constant("float32", values, scalar);
  }

  private constant(type: "int64" | "float32", values: number[], scalar: boolean): string {
    const key = `${type}:${scalar}:${values.join(",")}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = `const_${this.constants.size}`;
    const dims = scalar ? [] : [values.length];
    const rawData =
      type === "int64"
        ? new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer)
        : new Uint8Array(Float32Array.from(values).buffer);
    this.initializers.push(onnx.TensorProto.create({ name, dims, dataType: elemTypes[type], rawData }));
    this.constants.set(key, name);
    return name;
  }

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** The serialized ModelProto (opset 17: LayerNormalization; ReduceSum takes axes as an input). */
  encode(meta: { producer: string; version: string; doc: string; properties: Record<string, string> }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [{ domain: "", version: 17 }],
      producerName: meta.producer,
      producerVersion: meta.version,
      docString: meta.doc,
      metadataProps: Object.entries(meta.properties).map(([key, value]) => ({ key, value })),
      graph: onnx.GraphProto.create({
        name: "main",
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElemType, dims: Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: elemTypes[type],
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function encodeAttributes(attrs: Record<string, AttributeValue>) {
  return Object.entries(attrs).map(([name, v]) => {
    if (typeof v === "string") return { name, type: AttrType.STRING, s: new TextEncoder().encode(v) };
    if (typeof v === "number") return { name, type: AttrType.INT, i: v };
    if (Array.isArray(v)) return { name, type: AttrType.INTS, ints: v };
    if ("float" in v) return { name, type: AttrType.FLOAT, f: v.float };
    return { name, type: AttrType.FLOATS, floats: v.floats };
  });
}
