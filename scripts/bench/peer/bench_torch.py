# Copied from the workplace peer benchmark (../shared/bench/bench_torch.py, written for this project by
# the engine sessions; see scripts/bench/peer/README.md). Run by scripts/bench/engine.ts when
# /usr/bin/python3 has torch; the repo does not read ../shared at run time.
# Peer benchmark: torch.nn.LSTM + Linear, same configs as bench_tfjs.mjs.
# Usage: python3 bench_torch.py <A|B> <threads> [measuredEpochs] [fraction]
# Run with /usr/bin/python3 (Debian python3-torch 1.13.1). Optional: LD_LIBRARY_PATH=<openblas dir> to swap
# Debian's reference libblas.so.3 for OpenBLAS without touching system alternatives.
import sys, os, time, json, math, statistics
import torch, torch.nn as nn

cfg_name = sys.argv[1] if len(sys.argv) > 1 else 'A'
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
measured = int(sys.argv[3]) if len(sys.argv) > 3 else 3
fraction = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
CFG = {'A': dict(T=48, F=1, H=64, batch=64, N=2048, horizon=12),
       'B': dict(T=96, F=4, H=128, batch=128, N=4096, horizon=12)}[cfg_name]
torch.set_num_threads(threads)
torch.manual_seed(0)
T, F, H, B, N, HOR = (CFG[k] for k in ('T', 'F', 'H', 'batch', 'N', 'horizon'))
Ntr = int(round(N * fraction))

L = Ntr + T + HOR
t = torch.arange(L, dtype=torch.float32)
series = torch.stack([torch.sin(t * 0.07 * (f + 1)) + 0.5 * torch.sin(t * 0.013 + f) + 0.1 * (torch.rand(L) - 0.5) for f in range(F)], 1)
X = torch.stack([series[n:n + T] for n in range(Ntr)])            # [N,T,F]
Y = torch.stack([series[n + T:n + T + HOR, 0] for n in range(Ntr)])  # [N,HOR]

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(F, H, batch_first=True)
        self.head = nn.Linear(H, HOR)
    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])

model = Net()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
lossf = nn.MSELoss()

def epoch():
    model.train()
    perm = torch.randperm(Ntr)
    tot = 0.0
    for i in range(0, Ntr, B):
        idx = perm[i:i + B]
        opt.zero_grad(set_to_none=True)
        loss = lossf(model(X[idx]), Y[idx])
        loss.backward()
        opt.step()
        tot += loss.item() * len(idx)
    return tot / Ntr

out = dict(backend='torch', torch=torch.__version__, cfg=cfg_name, **CFG, Ntrain=Ntr, fraction=fraction, threads=threads,
           blas=os.environ.get('BLAS_LABEL', 'debian-reference-libblas'), loadavgStart=os.getloadavg())
wall, cpu, losses = [], [], []
for e in range(measured + 1):
    c0, t0 = time.process_time(), time.perf_counter()
    l = epoch()
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    losses.append(round(l, 5))
    print(f'[torch {cfg_name} thr={threads}] epoch {e} {dt:.3f}s cpu {dc:.3f}s loss={l:.4f}', file=sys.stderr, flush=True)
    if e > 0: wall.append(dt / fraction); cpu.append(dc / fraction)
    else: out['warmupEpoch_s'] = dt / fraction
out.update(epochTimes_s=[round(w, 3) for w in wall], sPerEpoch=statistics.median(wall), sPerEpoch_min=min(wall),
           cpuSPerEpoch=statistics.median(cpu), losses=losses)

model.eval()
one = X[:1].clone()
lat, latc = [], []
with torch.inference_mode():
    for _ in range(10): model(one)
    for _ in range(100):
        c0, t0 = time.process_time(), time.perf_counter()
        y = model(one); _ = y[0, 0].item()
        lat.append((time.perf_counter() - t0) * 1e3); latc.append((time.process_time() - c0) * 1e3)
    BI = min(512, Ntr)
    xb = X[:BI].clone()
    model(xb)
    bt, btc = [], []
    for _ in range(5):
        c0, t0 = time.process_time(), time.perf_counter()
        model(xb)
        bt.append(time.perf_counter() - t0); btc.append(time.process_time() - c0)
out.update(latency1_ms_median=statistics.median(lat), latency1_ms_min=min(lat), latency1_cpu_ms_median=statistics.median(latc),
           batchInfer_n=BI, batchInfer_ms_median=statistics.median(bt) * 1e3,
           throughput_windows_per_s=BI / statistics.median(bt), throughput_cpu_windows_per_s=BI / statistics.median(btc),
           loadavgEnd=os.getloadavg())
print('RESULT ' + json.dumps(out))
