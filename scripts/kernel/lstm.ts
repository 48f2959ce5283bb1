// The LSTM training kernel, in AssemblyScript: the module's entry, compiled to WebAssembly with
// SIMD by scripts/build-kernel.mjs into shared/kernel/lstm-wasm.generated.ts and driven by
// shared/kernel/trainer.ts (and the streaming cell by shared/kernel/cell-kernel.ts). Not part of
// the TypeScript project (it uses AssemblyScript's types).
//
// The network is the engine's (shared/model/network.ts): tfjs-layout LSTM (kernel [F,4U],
// recurrent [U,4U], bias [4U]; gates i, f, c, o; sigmoid gates, tanh candidate; zero state) over
// T steps, then a dense head reading h_T and, with the highway, the flattened window.
//
// Files, by job: layout.ts (shapes, memory layout, pointers), gemm.ts (matrix products),
// forward.ts (forward pass, loss), backward.ts (backpropagation through time), adam.ts (optimizer),
// simd-math.ts (exp, sigmoid, tanh), cell.ts (the streaming cell: its own instance and globals).

export { paramCount, paramsPtr, gradsPtr, predPtr, resetAdam, setup, xPtr, yPtr } from './layout';
export { forward, loss } from './forward';
export { backward } from './backward';
export { adam } from './adam';
export { cellSetup, cellWeightsPtr, cellBiasPtr, cellHeadPtr, cellHeadBiasPtr, cellInputPtr, cellGatesPtr, cellOutPtr, cellReset, cellStep, cellHead } from './cell';
