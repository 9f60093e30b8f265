# Clean-up on exit, the last registered first: at_exit COMMAND. One trap for
# the test and every library it sources, none replacing another's; sourcing
# this again keeps what is registered.
AT_EXIT=${AT_EXIT:-}
at_exit() {
	AT_EXIT="$1; $AT_EXIT"
	trap "$AT_EXIT" EXIT
}
