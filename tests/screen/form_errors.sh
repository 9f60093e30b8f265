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
expect_equal "$("$HOSHO" --check-forms --forms-dir "$HOSHO_FORMS_DIR" 2>&1; echo $?)" "0" \
	"the shipped forms pass --check-forms"
rm -rf "$TEST_TMP"
tap_done
