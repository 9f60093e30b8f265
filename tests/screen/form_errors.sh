#!/bin/sh
# A malformed form file stops hosho before it takes the terminal, naming the
# file, line and column; a wrong date and a too-long input are refused at
# their field without losing what was typed.
set -u
. "$TESTS_SRCDIR/lib/cluster.sh"
. "$TESTS_SRCDIR/lib/screen.sh"

TEST_TMP=$(mktemp -d /tmp/hosho-test.XXXXXX)
chmod 755 "$TEST_TMP"
TEST_DB_DIR=$TEST_TMP/never-created
FORMS=$TEST_TMP/forms
cp -r "$HOSHO_FORMS_DIR" "$FORMS"

# Misspell the type of the first thousand-yen field (capital_yen).
line=$(grep -n 'type: kyen' "$FORMS/company.yaml" | head -1 | cut -d: -f1)
sed -i "${line}s/type: kyen/type: kyne/" "$FORMS/company.yaml"
screen_start --forms-dir "$FORMS"
expect_screen "company.yaml:$line:11:" "the malformed form is named with its line and column"
expect_screen "kyne" "the message quotes the wrong type"
expect_screen "[hosho exited] 1" "hosho exits with a failure"
expect_equal "$(test -e "$TEST_DB_DIR" && echo exists || echo absent)" "absent" \
	"nothing was started for a broken form set"

# Bad YAML: a tab where indentation is expected.
cp "$HOSHO_FORMS_DIR/company.yaml" "$FORMS/company.yaml"
printf 'fields:\n\t- id: x\n' > "$FORMS/zz_broken.yaml"
out=$("$HOSHO" --check-forms --forms-dir "$FORMS" 2>&1)
rc=$?
expect_equal "$rc" "1" "--check-forms fails on bad YAML"
case "$out" in
*zz_broken.yaml:2:1:*) tap_result 0 "bad YAML is reported at line 2, column 1" ;;
*) tap_result 1 "bad YAML is reported at line 2, column 1"; echo "# got: $out" ;;
esac
rm -f "$FORMS/zz_broken.yaml"

# A form edited away from its screen's program: a key bound to an action no
# handler takes, and a field the program reads removed. Each is refused at
# start-up with file, line and column, never found by a clerk.
line=$(grep -n 'action: reload' "$FORMS/company.yaml" | cut -d: -f1)
sed -i "${line}s/action: reload/action: reread/" "$FORMS/company.yaml"
sed -i 's/  - id: branch_code/  - id: branch_no/' "$FORMS/company.yaml"
out=$("$HOSHO" --check-forms --forms-dir "$FORMS" 2>&1)
expect_equal "$?" "1" "--check-forms fails on a form its screen cannot run"
case "$out" in
*"company.yaml:$line:5: アクション 'reread' はこの画面では処理されません"*)
	tap_result 0 "an action without a handler is named at its key's line" ;;
*) tap_result 1 "an action without a handler is named at its key's line"; echo "# got: $out" ;;
esac
case "$out" in
*"company.yaml:1:1: 画面のプログラムが読む 'branch_code' が宣言されていません"*)
	tap_result 0 "a field the program reads and the form dropped is named" ;;
*) tap_result 1 "a field the program reads and the form dropped is named"; echo "# got: $out" ;;
esac
out=$("$HOSHO" --forms-dir "$FORMS" --data-dir "$TEST_DB_DIR" 2>&1)
expect_equal "$?" "1" "hosho refuses to start with such a form"
case "$out" in
*"'reread'"*"'branch_code'"*) tap_result 0 "and says why before taking the terminal" ;;
*) tap_result 1 "and says why before taking the terminal"; echo "# got: $out" ;;
esac
cp "$HOSHO_FORMS_DIR/company.yaml" "$FORMS/company.yaml"
expect_equal "$("$HOSHO" --check-forms --forms-dir "$HOSHO_FORMS_DIR" 2>&1; echo $?)" "0" \
	"the shipped forms pass --check-forms"
rm -rf "$TEST_TMP"
tap_done
