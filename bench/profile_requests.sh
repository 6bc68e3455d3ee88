#!/bin/bash
# Profile one worker serving the Urdu article under wrk with py-spy (raw stacks to /tmp/raw-PORT.txt).
# Usage: bench/profile_requests.sh SOURCE_DIR OUTPUT PORT   (SOURCE_DIR: a checkout, e.g. a git worktree of an older commit)
# $1: source dir, $2: output file, $3 port
cd "$1"
PYTHONPATH="$1" taskset -c 0 "$(dirname "$0")"/../.venv/bin/python -c "
import os, uvicorn
from api.http.app import create_app
from api.settings import Settings
uvicorn.run(create_app(Settings(reload=False)), host='127.0.0.1', port=$3, log_level='warning', access_log=False)
" &
PID=$!
sleep 3
(taskset -c 1 wrk -t1 -c32 -d12s -H 'Accept-Language: ur-PK,ur;q=0.9' http://127.0.0.1:$3/v1/articles/how-microneedling-works > /tmp/wrk-$3.txt) &
sleep 2
"$(dirname "$0")"/../.venv/bin/py-spy record --pid $PID --duration 8 --format raw --output /tmp/raw-$3.txt --nonblocking > /dev/null 2>&1
sleep 3
kill $PID
grep Requests/sec /tmp/wrk-$3.txt
