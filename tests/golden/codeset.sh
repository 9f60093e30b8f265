#!/bin/sh
# EUC-JP and Shift_JIS terminals get their own bytes, not UTF-8: hosho keeps
# the locale and ncursesw converts what it draws. A locale hosho cannot use
# is refused at start. The scripted terminal (src/ui/script.h) writes the
# terminal's bytes to a file; no database is needed for the login screen.
set -u
. "$TESTS_SRCDIR/lib/screen.sh"
tmp=$(mktemp -d)
at_exit 'rm -rf "$tmp"'
echo ':dump login' >"$tmp/login.keys"

tap_skip() { TAP_N=$((TAP_N + 1)); echo "ok $TAP_N # SKIP $1"; }

run_login() { # LANG OUTPUT
	env -u LANGUAGE -u LC_CTYPE LC_ALL= LANG="$1" HOSHO_SCRIPT="$tmp/login.keys" \
		HOSHO_DUMP_DIR="$tmp" HOSHO_SCRIPT_OUTPUT="$2" \
		"$HOSHO" --db "host=$tmp/none" 2>"$tmp/stderr"
}

for locale in ja_JP.eucJP:EUC-JP ja_JP.SJIS:SHIFT_JIS; do
	name=${locale%:*} codeset=${locale#*:}
	if [ "$(LC_ALL=$name locale charmap 2>/dev/null)" != "$codeset" ]; then
		tap_skip "$name is not generated (localedef -i ja_JP -f $codeset $name)"
		continue
	fi
	run_login "$name" "$tmp/$codeset.out"
	expect_equal "$? $(cat "$tmp/stderr")" "0 " "$name: hosho runs"
	iconv -f "$codeset" -t UTF-8 "$tmp/$codeset.out" >"$tmp/converted"
	expect_equal "$? $(grep -q 'ログイン' "$tmp/converted" && echo shown)" "0 shown" \
		"$name: the terminal gets ログイン in $codeset"
	expect_equal "$(LC_ALL=C grep -q 'ログイン' "$tmp/$codeset.out" && echo UTF-8)" "" \
		"$name: the terminal gets no UTF-8"
	expect_equal "$(grep -c '^ 0|.*ログイン' "$tmp/login.txt")" "1" \
		"$name: the screen shows the login title"
done

# A locale that is not installed: refused, nothing written to the terminal.
run_login xx_XX.ISO-8859-15 "$tmp/refused.out"
expect_equal "$? $(grep -c 'xx_XX.ISO-8859-15 is not installed' "$tmp/stderr")" "1 1" \
	"a locale that is not installed is refused, and named"
expect_equal "$(cat "$tmp/refused.out" 2>/dev/null)" "" "nothing is drawn in a refused locale"
tap_done
