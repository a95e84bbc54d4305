#!/usr/bin/env bash
# git-tree-hash.sh DIR: prints the git tree hash of DIR's content (as `git write-tree` would for a commit
# of exactly those files), in a throw-away repository. Verifies a source archive independent of its gzip bytes.
set -euo pipefail
dir="$(cd "$1" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
git init -q "$tmp"
cd "$dir"
GIT_DIR="$tmp/.git" GIT_WORK_TREE=. git -c core.autocrlf=false -c core.fileMode=true add -A -f
GIT_DIR="$tmp/.git" git write-tree
