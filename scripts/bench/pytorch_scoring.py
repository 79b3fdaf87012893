"""PyTorch eager float32 baseline for `atlas bench`: the same batch scoring on the same CPU.

Used only to compare speeds (nothing in the project depends on Python). It implements GPT-Neo's forward
pass in plain torch (Debian's python3-torch has no Hugging Face transformers), checks it against the
checkpoint's reference logits, then times the scoring that `atlas` does: log-probabilities of the next
tokens, their ranks and the top 5, for a batch of token ids.

usage: /usr/bin/python3 scripts/bench/pytorch_scoring.py MODEL_FOLDER [--batch 8] [--seq 256] [--repeats 5] [--threads N]
prints one JSON line.
"""
import argparse, json, math, os, time
import torch
import torch.nn.functional as F


def load(folder):
    config = json.load(open(os.path.join(folder, "config.json")))
    sd = torch.load(os.path.join(folder, "pytorch_model.bin"), map_location="cpu")
    return config, {k: v.float() if v.is_floating_point() else v for k, v in sd.items()}


def forward(config, w, ids):
    b, t = ids.shape
    d, nh = config["hidden_size"], config["num_heads"]
    hd = d // nh
    eps = config["layer_norm_epsilon"]
    pos = torch.arange(t)
    h = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][pos]
    i = pos[:, None]
    j = pos[None, :]
    causal = j <= i
    local = causal & (i - j < config["window_size"])
    for layer, kind in enumerate(config["attention_layers"]):
        p = f"transformer.h.{layer}."
        x = F.layer_norm(h, (d,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        q = F.linear(x, w[p + "attn.attention.q_proj.weight"]).view(b, t, nh, hd).transpose(1, 2)
        k = F.linear(x, w[p + "attn.attention.k_proj.weight"]).view(b, t, nh, hd).transpose(1, 2)
        v = F.linear(x, w[p + "attn.attention.v_proj.weight"]).view(b, t, nh, hd).transpose(1, 2)
        s = q @ k.transpose(-1, -2)  # GPT-Neo: no 1/sqrt(d) scaling
        s = torch.where(local if kind == "local" else causal, s, torch.tensor(torch.finfo(torch.float32).min))
        a = torch.softmax(s, dim=-1) @ v
        a = a.transpose(1, 2).reshape(b, t, d)
        h = h + F.linear(a, w[p + "attn.attention.out_proj.weight"], w[p + "attn.attention.out_proj.bias"])
        x = F.layer_norm(h, (d,), w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        m = F.linear(x, w[p + "mlp.c_fc.weight"], w[p + "mlp.c_fc.bias"])
        m = 0.5 * m * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (m + 0.044715 * torch.pow(m, 3.0))))
        h = h + F.linear(m, w[p + "mlp.c_proj.weight"], w[p + "mlp.c_proj.bias"])
    h = F.layer_norm(h, (d,), w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return h @ w["transformer.wte.weight"].T


def score(config, w, ids, targets):
    logits = forward(config, w, ids)
    logprobs = torch.log_softmax(logits, dim=-1)
    target_logits = logits.gather(-1, targets[..., None])
    return (
        logprobs.gather(-1, targets[..., None]),
        (logits > target_logits).sum(-1) + 1,
        logits.topk(5, dim=-1),
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: torch's default)")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config, w = load(args.folder)
    ref = json.load(open(os.path.join(args.folder, "reference", "reference.json")))
    case = ref["cases"][0]
    with torch.no_grad():
        got = forward(config, w, torch.tensor([case["ids"]]))[0]
        expected = torch.frombuffer(bytearray(open(os.path.join(args.folder, "reference", case["logits_file"]), "rb").read()), dtype=torch.float32)
        expected = expected.view(len(case["logits_rows"]), -1)
        max_diff = (got[case["logits_rows"]] - expected).abs().max().item()
        ids = torch.randint(0, config["vocab_size"], (args.batch, args.seq))
        targets = torch.roll(ids, -1, dims=1)
        score(config, w, ids, targets)  # warm-up
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            score(config, w, ids, targets)
            times.append(time.perf_counter() - start)
    best = min(times)
    print(json.dumps({
        "backend": f"torch {torch.__version__} eager float32, {torch.get_num_threads()} threads",
        "batch": args.batch, "seq": args.seq, "seconds": best,
        "tokens_per_second": args.batch * args.seq / best,
        "reference_max_abs_diff": max_diff,
    }))


if __name__ == "__main__":
    main()
