#!/bin/sh
# Every string the program shows has its Japanese (the UI language): the
# sources' messages each have a live, translated entry in locale/ja.po as
# committed, which the build compiles as it is. (A merge of two catalogues
# once kept an obsolete entry over a live one and the PDF printed "Bank".)
set -u
top=$(cd "$TESTS_SRCDIR/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
cd "$top" || exit 1
xgettext --from-code=UTF-8 -k_ -kN_ -o "$tmp/hosho.pot" --package-name=hosho \
	$(find src -name '*.c' | sort) 2>"$tmp/err" || { cat "$tmp/err"; echo "not ok 1 - xgettext"; exit 1; }
if msgcmp locale/ja.po "$tmp/hosho.pot" >"$tmp/cmp" 2>&1; then
	echo "ok 1 - every message of the sources has its entry in locale/ja.po"
else
	echo "not ok 1 - messages without an entry in locale/ja.po (make update-po):"
	sed 's/^/#   /' "$tmp/cmp"
fi
missing=$( (msgattrib --untranslated --no-obsolete locale/ja.po
	msgattrib --only-fuzzy --no-obsolete locale/ja.po) | sed -n 's/^msgid "\(..*\)"$/\1/p')
if [ -z "$missing" ]; then
	echo "ok 2 - no entry of locale/ja.po is untranslated or fuzzy"
else
	echo "not ok 2 - entries of locale/ja.po untranslated or fuzzy:"
	echo "$missing" | sed 's/^/#   /'
fi
