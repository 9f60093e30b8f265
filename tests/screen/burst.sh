#!/bin/sh
# Typed text reaches a field as the terminal delivers it: a character whose
# bytes are split across two reads (a network may split an IME commit)
# still arrives whole, and what follows it is not lost. The login screen
# needs no database.
set -u
. "$TESTS_SRCDIR/lib/screen.sh"
screen_stop
tm -f /dev/null new-session -d -x 80 -y 24 \
	"env -u LANGUAGE LANG=C.UTF-8 LC_ALL= TERM=screen $HOSHO --db host=/nonexistent; sleep 60"
wait_for "F10 ログイン" >/dev/null

# "a", then the first two bytes of あ; its last byte and "b" come later.
key -H 61 e3 81
sleep 0.3
key -H 82 62
expect_row 6 "利用者名 aあb" "a character split across reads arrives whole"
type_text "いろはにほへと"
expect_row 6 "利用者名 aあbいろはにほへと" "an IME commit arrives whole"
tap_done
