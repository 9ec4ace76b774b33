#!/usr/bin/env bash
# Promotes api/openapi.yaml to the released baseline api/released/openapi-<info.version>.yaml, which the
# breaking-change gate (the api module's BreakingChangeGateTest) then holds every later change to.
# A released version is immutable: a different file under the same version is refused, not overwritten.
set -euo pipefail
cd "$(dirname "$0")/.."

spec=api/openapi.yaml
# info.version only: other keys named "version" may appear deeper in the document.
version=$(awk '/^info:/ { in_info = 1; next }
               /^[^ #]/ { in_info = 0 }
               in_info && /^  version:/ { sub(/^  version:[ ]*/, ""); gsub(/["'\'' ]/, ""); print; exit }' "$spec")
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  echo "No semantic info.version in $spec (found '$version')" >&2
  exit 1
fi

released=api/released/openapi-$version.yaml
if [[ -e "$released" ]]; then
  if cmp -s "$spec" "$released"; then
    echo "$released is already this contract"
    exit 0
  fi
  echo "$released exists and differs from $spec: raise info.version to release this contract" >&2
  exit 1
fi
mkdir -p api/released
cp "$spec" "$released"
echo "Released $spec as $released"
