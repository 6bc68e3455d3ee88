#!/usr/bin/env bash
# Profile one worker serving the Urdu article under wrk, with py-spy, and summarize the stacks.
# Usage: bench/profile_requests.sh SOURCE_DIR OUTPUT [PORT]
#   SOURCE_DIR  a checkout of this repository (e.g. `git worktree add /tmp/old <commit>` for "before")
#   OUTPUT      where the summary goes (e.g. bench/profiles/requests-after.txt)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bin="$repo/.venv/bin"
source_dir="$(cd "$1" && pwd)"
output="$2"
port="${3:-8062}"

cd "$source_dir"
PYTHONPATH="$source_dir" taskset -c 0 "$bin/python" -c "
import uvicorn
from api.http.app import create_app
from api.settings import Settings
uvicorn.run(create_app(Settings(reload=False)), host='127.0.0.1', port=$port, log_level='warning', access_log=False)
" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 3
taskset -c 1 wrk -t1 -c32 -d12s -H 'Accept-Language: ur-PK,ur;q=0.9' \
  "http://127.0.0.1:$port/v1/articles/how-microneedling-works" > "/tmp/wrk-$port.txt" &
sleep 2
"$bin/py-spy" record --pid "$server" --duration 8 --format raw --output "/tmp/raw-$port.txt" --nonblocking >/dev/null 2>&1
wait %2 || true
rate=$(grep Requests/sec "/tmp/wrk-$port.txt" | awk '{print $2}')
"$bin/python" "$repo/bench/profiles/summarize.py" "/tmp/raw-$port.txt" \
  "$(git -C "$source_dir" log -1 --format='%h %s'): $rate req/s under the profiler" > "$repo/$output"
echo "$output: $rate req/s"
