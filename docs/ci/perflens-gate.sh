#!/usr/bin/env bash
# The Perflens change gate for any CI system: fails (exit 1) when the change since the merge base
# with BASE introduces or worsens a finding at or above FAIL_ON, and leaves the findings in a
# SARIF file for the CI to show. Old findings in code the change did not touch never fail it.
#
#   docs/ci/perflens-gate.sh [BASE] [PATH]     BASE: a branch or revision (default origin/main),
#                                              PATH: the folder to check (default .)
# Environment: PERFLENS (the launcher, default "perflens"; e.g. "/opt/perflens/bin/perflens"),
#              FAIL_ON (error|warning|info, default warning), SARIF (output file, default perflens.sarif).
# Exit status: 0 nothing new, 1 a new or updated finding at FAIL_ON or above, 2 a usage or git problem.
set -euo pipefail
base="${1:-origin/main}"
path="${2:-.}"
perflens="${PERFLENS:-perflens}"
merge_base="$(git -C "$path" merge-base HEAD "$base")" || { echo "perflens-gate: no merge base with $base" >&2; exit 2; }
# shellcheck disable=SC2086 # PERFLENS may be a command with arguments
$perflens check "$path" --since "$merge_base" --format sarif --output "${SARIF:-perflens.sarif}" \
    --fail-on "${FAIL_ON:-warning}"
