#!/usr/bin/env bash
# House style that the compiler does not check (the rest is in .editorconfig and the analyzers, checked by the build): no C# line in
# src/, tests/ or samples/ is longer than 150 characters (.editorconfig's max_line_length). The lines that were longer when the check
# came in (issue 26) are grandfathered in eng/long-lines-baseline.txt, one "path<TAB>MD5 of the line" each: a new long line, or a
# grandfathered one that is edited and still too long, fails. eng/check-shipping.sh calls it; run it yourself from the repository root.
#   bash eng/check-style.sh                    check
#   bash eng/check-style.sh --update-baseline  rewrite the baseline from the current tree (after wrapping lines: it only shrinks)
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

limit=150
baseline=eng/long-lines-baseline.txt

# path<TAB>md5<TAB>line number<TAB>length for every C# line over the limit (characters, not bytes), bin/ and obj/ left out.
long_lines() {
  # The repository's files (tracked, or new and not ignored), so that ignored local scratch files do not count.
  git ls-files -z --cached --others --exclude-standard -- 'src/*.cs' 'tests/*.cs' 'samples/*.cs' | grep -zv -e '/bin/' -e '/obj/' | sort -z |
    xargs -0 perl -CSD -MDigest::MD5=md5_hex -ne '
      chomp; s/\r$//;
      if (length($_) > '"$limit"') { my $l = $_; utf8::encode($l); print "$ARGV\t", md5_hex($l), "\t$.\t", length($_), "\n"; }
      close ARGV if eof;'
}

current="$(mktemp)"
trap 'rm -f "$current"' EXIT
long_lines > "$current"

if [ "${1:-}" = "--update-baseline" ]; then
  {
    echo "# C# lines over $limit characters when eng/check-style.sh came in (issue 26): path<TAB>MD5 of the line. Only ever shrinks:"
    echo "# wrap a line, then run bash eng/check-style.sh --update-baseline."
    cut -f1,2 "$current" | LC_ALL=C sort
  } > "$baseline"
  echo "check-style: baseline rewritten, $(grep -vc '^#' "$baseline") grandfathered lines"
  exit 0
fi

# Lines not in the baseline (as a multiset: two identical long lines in a file need two entries).
new="$(comm -23 <(cut -f1,2 "$current" | LC_ALL=C sort) <(grep -v '^#' "$baseline" | LC_ALL=C sort))"
if [ -n "$new" ]; then
  echo "check-style: C# lines over $limit characters (wrap them; .editorconfig max_line_length):" >&2
  while IFS=$'\t' read -r path hash; do
    awk -F'\t' -v p="$path" -v h="$hash" '$1 == p && $2 == h { printf "  %s:%s: %s characters\n", $1, $3, $4 }' "$current" >&2
  done <<< "$new"
  exit 1
fi
gone=$(comm -13 <(cut -f1,2 "$current" | LC_ALL=C sort) <(grep -v '^#' "$baseline" | LC_ALL=C sort) | wc -l)
note=""
[ "$gone" -gt 0 ] && note="; $gone baseline entries are gone: run bash eng/check-style.sh --update-baseline"
echo "check-style: no new C# line over $limit characters ($(wc -l < "$current") grandfathered lines left$note)"
