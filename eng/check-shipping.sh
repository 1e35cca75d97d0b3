#!/usr/bin/env bash
# What a user gets from the packages: pack every package, install the deepsvdd tool from them into a temporary tool path and run it,
# and execute the Polyglot notebook against them; then check the documentation site (eng/check-docs.sh). First the house style
# (eng/check-style.sh). .ci/run calls this after the test suite; run it yourself from the repository root.
# Writes artifacts/packages (git-ignored); needs CIFAR-10 in DEEPSVDD_CIFAR10_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# House style the compiler does not check (lines over 150 characters); fails fast, before packing.
bash eng/check-style.sh

packages="$PWD/artifacts/packages"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props | head -1)"

# Our own packages of this version may sit in the NuGet cache from an earlier pack: drop them so this run's are the ones used.
nuget_cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$packages" "$nuget_cache"/mlnet.deepsvdd "$nuget_cache"/mlnet.deepsvdd.*

start=$SECONDS
dotnet pack MLNet.DeepSvdd.sln -c Release -o "$packages" -v quiet -nologo
echo "== packed in $((SECONDS - start)) s:"
ls -l "$packages" | awk 'NR > 1 { printf "   %8.1f MB  %s\n", $5 / 1048576, $9 }'

start=$SECONDS
dotnet tool install MLNet.DeepSvdd.Cli --version "$version" --tool-path "$work/tool" --add-source "$packages" > /dev/null
echo "== tool installed in $((SECONDS - start)) s ($(du -sm "$work/tool" | cut -f1) MB on disk)"
reported="$("$work/tool/deepsvdd" --version)"
[ "$reported" = "$version" ] || { echo "deepsvdd --version printed '$reported', expected '$version'" >&2; exit 1; }
start=$SECONDS
"$work/tool/deepsvdd" train --normal-class 1 --network lenet --epochs 1 --train-limit 100 --test-limit 40 --model "$work/m.zip" > "$work/train.log"
"$work/tool/deepsvdd" score --model "$work/m.zip" --normal-class 1 --test-limit 40 --out "$work/scores.csv" > "$work/score.log"
rows=$(($(wc -l < "$work/scores.csv") - 1))
[ "$rows" -eq 40 ] || { echo "deepsvdd score wrote $rows rows, expected 40" >&2; cat "$work/score.log" >&2; exit 1; }
echo "== installed tool: --version $reported, train + score of 40 images in $((SECONDS - start)) s"

start=$SECONDS
dotnet tool restore > /dev/null
# The notebook takes its packages from nuget.org; RestoreAdditionalProjectSources (read by the restore the kernel runs) adds this run's.
# dotnet-repl exits non-zero when a cell fails; the executed notebook, outputs and errors included, is kept in artifacts/.
if ! (cd samples/notebooks && RestoreAdditionalProjectSources="$packages" \
      dotnet tool run dotnet-repl -- --run anomaly-detection.ipynb --exit-after-run --output-path "$PWD/../../artifacts/anomaly-detection.out.ipynb"); then
  echo "The notebook failed: its outputs and errors are in artifacts/anomaly-detection.out.ipynb" >&2
  exit 1
fi
echo "== notebook samples/notebooks/anomaly-detection.ipynb ran in $((SECONDS - start)) s (outputs: artifacts/anomaly-detection.out.ipynb)"

# The documentation: links, the README's example, the compiled snippets and the DocFX site with warnings as errors.
bash eng/check-docs.sh
