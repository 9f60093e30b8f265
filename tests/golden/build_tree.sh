#!/bin/sh
# Run from the build tree without installing, hosho finds its forms, SQL
# and message catalogues there; a copy elsewhere (as installed) looks in
# the install prefix. No HOSHO_*_DIR variables here.
set -u
. "$TESTS_SRCDIR/lib/screen.sh"
top_srcdir=$(dirname "$TESTS_SRCDIR")
tmp=$(mktemp -d)
at_exit 'rm -rf "$tmp"'
bare() { env -u HOSHO_FORMS_DIR -u HOSHO_SQL_DIR -u HOSHO_LOCALE_DIR -u LANGUAGE LC_ALL= LANG=C.UTF-8 "$@"; }

bare "$HOSHO" --check-forms >"$tmp/out" 2>&1
expect_equal "$? $(cat "$tmp/out")" "0 " "the build tree's forms are found and pass the check"
expect_equal "$(bare "$HOSHO" --help | grep -c -e "--forms-dir=.*$top_srcdir/forms)" -e "--sql-dir=.*$top_srcdir/sql)")" "2" \
	"--help names the source tree's forms and SQL"
expect_equal "$(bare "$HOSHO" --no-such-option 2>&1 | tail -1)" "'hosho --help' で使い方を表示できます。" \
	"messages are Japanese from the build tree's catalogue"

cp "$HOSHO" "$tmp/hosho"
expect_equal "$(bare "$tmp/hosho" --help | grep -c -e "$top_srcdir/forms)" -e "$top_srcdir/sql)")" "0" \
	"a copy outside the build tree uses the install prefix"
tap_done
