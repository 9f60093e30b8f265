# Screen-test steps a clerk takes often, and the save faults of
# save_faults.sql. Source after tests/lib/screen.sh.

# Signs in as clerk1 and opens 企業登録.
clerk_opens_registration() {
	wait_for "ログイン" >/dev/null
	type_text clerk1; key Enter
	type_text clerk1-demo; key Enter
	wait_for "メインメニュー" >/dev/null
	type_text 2; key Enter
	wait_for "企業登録・修正" >/dev/null
}

# On 企業登録, from its first field: a corporation with its name and
# reading; with a third argument also every other required field, leaving
# the cursor at 法人番号.
clerk_types_company() { # NAME READING [all]
	key F4; settle; key Enter; settle
	key Enter
	type_text "$1"; key Enter
	type_text "$2"; key Enter
	if [ -n "${3:-}" ]; then
		key Enter Enter
		type_text 0200021; key Enter
		type_text 03201; key Enter
		key Enter
		type_text "中央通１丁目"; key Enter
		type_text E09; key Enter
	fi
	settle
}

# Installs tests/lib/save_faults.sql in the test's database.
save_faults_install() {
	psql -X -q -v ON_ERROR_STOP=1 "$PSQL_ADMIN" \
		-v conn="host=$TEST_DB_DIR dbname=$TEST_DB user=clerk1 password=clerk1-demo" \
		-f "$TESTS_SRCDIR/lib/save_faults.sql" >/dev/null || { echo "Bail out! save_faults.sql"; exit 1; }
}
# The one fault company_save has from now on (none without an argument).
fault() { sql_admin "DELETE FROM hosho.test_fault; ${1:+INSERT INTO hosho.test_fault VALUES ('$1')}"; }
# How many hosho backends sleep in a faulty save.
asleep() {
	sql_admin "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'hosho' AND wait_event = 'PgSleep'"
}
companies_named() { sql_admin "SELECT count(*) FROM hosho.company WHERE name = '$1'"; }
