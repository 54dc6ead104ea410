#!/usr/bin/env bash
# npm run test:busy [-- RUNS]: the unit, integration and end-to-end tests, RUNS times
# (default 3), while two CPU hogs keep both cores busy, as a laptop doing other work
# or a shared CI runner does. No test may depend on how fast the machine is: every
# run must pass. Stops at the first failure; the hogs end with the script.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: npm run test:busy [-- RUNS]   (RUNS a whole number, default 3)" >&2
  exit 2
fi

hogs=()
stop_hogs() {
  if ((${#hogs[@]})); then
    kill "${hogs[@]}" 2>/dev/null || true
    wait "${hogs[@]}" 2>/dev/null || true
  fi
  hogs=()
}
trap stop_hogs EXIT
trap 'stop_hogs; exit 130' INT
trap 'stop_hogs; exit 143' TERM

# The end-to-end tests load the built app; build it once, before the machine gets busy.
echo '=== npm run build'
npm run --silent build

if command -v stress-ng >/dev/null; then
  stress-ng --cpu 2 --quiet &
  hogs+=($!)
  hog_kind='stress-ng --cpu 2'
else
  for _ in 1 2; do
    node -e 'for (;;) {}' &
    hogs+=($!)
  done
  hog_kind="two node -e 'for (;;) {}'"
fi
echo "=== CPU hogs: $hog_kind (pid ${hogs[*]}), on $(nproc) cores"

results=()
step() {
  local label=$1
  shift
  local started=$SECONDS
  echo
  echo "=== $label"
  if "$@"; then
    results+=("$label: passed in $((SECONDS - started)) s")
  else
    results+=("$label: FAILED after $((SECONDS - started)) s")
    return 1
  fi
}

summary() {
  echo
  echo "=== test:busy under $hog_kind"
  printf '%s\n' "${results[@]}"
}

for ((run = 1; run <= runs; run++)); do
  if ! step "run $run/$runs npm test" npm test ||
    ! step "run $run/$runs npm run test:e2e" npm run test:e2e; then
    summary
    echo "stopped at the first failure"
    exit 1
  fi
done
summary
echo "all $runs runs passed with both cores busy"
