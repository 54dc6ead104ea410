/**
 * The V8 heap options the CLI's process starts with, declared here once. The bin's shebang
 * (src/cli/index.ts, kept by the build in out/cli/index.js), `npm run cli` (package.json) and
 * the benchmark's runs of the CLI use this list; test/cli/heap-options.test.ts checks the
 * shebang and the npm script against it, and test/cli/bin.test.ts that the bin, started as users
 * start it, runs with them. V8 reads them only when the process starts: set later (through
 * v8.setFlagsFromString) they change nothing. Worker threads share them (V8's flags are per
 * process). None caps the heap: a longer list never runs out of memory because of them.
 * The list lives in common (plain constants) so that the benchmark, which measures the CLI but may
 * not import its layer, starts it with the same list.
 *
 * A long pool run allocates a body chunk, a request and its promises for every image, and keeps
 * little of it: its live heap is about 15 MiB, plus its list of URLs and about 0.15 KiB an image
 * (its name, file path and record's columns; the manifest's entries wait on disk). Without these
 * options what grew with the list was garbage V8 had not collected yet, and the memory it holds
 * (the body chunks' ArrayBuffers are outside the heap and freed only when their objects are
 * collected).
 * Measured on the built bin, 10 000 images of 16 KiB at 64 lanes (peak RSS, 1 000 → 10 000
 * images): no options 140 → 280 MiB; these two 106 → 128-131 MiB, no more CPU on that run, about
 * 5-10 % more on a 200-image one (since then the manifest, --json and the task records stopped
 * keeping or copying per image what a run does not need: 103 → 111 MiB, bench/README.md).
 *
 * What they cost at start: with any of them given, Node starts slower, the process and each
 * worker thread alike (V8's caches of compiled code are checked against its flags). Measured on
 * 2 cores: `--help` 45 → 51 ms (best of 15); 20 bare worker threads 0.98 → 1.18 s of CPU, about
 * 10 ms more a thread. Worth it for a CLI that may run long lists; a download run starts one
 * thread a core.
 */
export const HEAP_OPTIONS = [
  // The young generation. By default each of its two halves doubles as more bytes survive its
  // collections, up to 64 MiB each (Node's build has no pointer compression), and any long run
  // gets there: 2 × 64 MiB of garbage, and the body chunks it holds. 4 MiB a half keeps the
  // young collections short and frequent, so a chunk is freed soon after its image is written;
  // alone it brings the 10 000-image peak to about 180 MiB.
  '--max-semi-space-size=4',
  // The old generation's next limit after a full collection: 1.5 × what stayed live. By default
  // V8 lets it grow up to 4 × while collections look cheap, and a long run's promoted garbage
  // fills that before a full collection runs. With a live heap of about 20 MiB, full collections
  // come every few MiB promoted, each a few ms. A factor, not a cap: a run that keeps more alive
  // gets a limit that grows with it, and never runs out of memory because of this.
  '--heap-growing-percent=50'
] as const

/** The bin's first line: `env -S` passes the options to node (coreutils 8.30+, macOS, npm's cmd-shim). */
export const BIN_SHEBANG = `#!/usr/bin/env -S node ${HEAP_OPTIONS.join(' ')}`
