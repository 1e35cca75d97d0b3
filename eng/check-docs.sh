#!/usr/bin/env bash
# The documentation site: every relative link of README.md and docs/*.md resolves, the README's C# example is the compiled snippet,
# the snippets compile (docs/snippets, DocFX includes their #regions), and docfx builds the site with warnings as errors (broken
# links, missing snippet regions, unresolved references). .ci/run calls it; run it yourself from the repository root.
# Writes docs/_site and docs/api (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
start=$SECONDS

# Relative links in README.md, docs/*.md and the samples' Markdown (not http(s), mailto, xref or pure #anchors) must name a file or folder.
broken=0
for page in README.md docs/*.md samples/*/*.md src/*/README.md; do
  [ -f "$page" ] || continue
  dir="$(dirname "$page")"
  while IFS= read -r target; do
    path="${target%%#*}"
    case "$target" in http://*|https://*|mailto:*|xref:*|'#'*) continue ;; esac
    [ -e "$dir/$path" ] || { echo "$page: broken link ($target)" >&2; broken=1; }
  done < <(grep -o '\]([^)]*)' "$page" | sed 's/^](\(.*\))$/\1/; s/ .*//')
done
[ "$broken" -eq 0 ] || exit 1

# C# in the pages comes from the compiled snippets (DocFX includes), never from a fenced block that nothing compiles.
if grep -n '^\s*```\(csharp\|cs\|c#\)\s*$' docs/*.md >&2; then
  echo "docs: a C# code block above is not compiled: move it into a #region of docs/snippets and include it with [!code-csharp[](snippets/File.cs#Region)]" >&2
  exit 1
fi

# Every snippet include names a file and a #region in it: docfx renders a missing region as an empty block, without a warning.
while IFS=: read -r page include; do
  ref="$(echo "$include" | sed 's/.*\](\(.*\))\]$/\1/')"
  file="$(dirname "$page")/${ref%%#*}" region="${ref#*#}"
  if [ ! -f "$file" ] || ! grep -Eq "^\s*#region $region\s*$" "$file"; then
    echo "$page: the snippet $ref does not exist (file or #region $region)" >&2; broken=1
  fi
done < <(grep -o '\[!code-[a-z]*\[[^]]*\]([^)]*)\]' docs/*.md /dev/null | sed 's/^\([^:]*\):/\1:/')
[ "$broken" -eq 0 ] || exit 1

# The README's C# block is the Pipeline region of docs/snippets/GettingStarted.cs (its usings, a blank line, then the region dedented).
readme_block="$(awk '/^```csharp$/ { on = 1; next } on && /^```$/ { exit } on' README.md)"
snippet_block="$(awk '/^#region PipelineUsings$/ { on = 1; next } on && /^#endregion$/ { exit } on' docs/snippets/GettingStarted.cs
                 echo
                 awk '/#region Pipeline$/ { on = 1; next } on && /#endregion/ { exit } on' docs/snippets/GettingStarted.cs | sed 's/^        //')"
if [ "$readme_block" != "$snippet_block" ]; then
  echo "README.md's C# block differs from the Pipeline region of docs/snippets/GettingStarted.cs (copy the region into the README):" >&2
  diff <(echo "$readme_block") <(echo "$snippet_block") >&2 || true
  exit 1
fi

dotnet tool restore > /dev/null
dotnet build docs/snippets/DocsSnippets.csproj -c Release -v quiet -nologo
rm -rf docs/_site docs/api
dotnet docfx docs/docfx.json --warningsAsErrors > docs/_site.log 2>&1 || { cat docs/_site.log >&2; exit 1; }
grep -E '^\s+[0-9]+ (warning|error)\(s\)' docs/_site.log | head -2
echo "== docs: links, README snippet, snippets build and docfx site (docs/_site) in $((SECONDS - start)) s"
