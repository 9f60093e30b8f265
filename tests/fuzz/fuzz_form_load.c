/* form_load never crashes, leaks or reads out of bounds on any file: it
 * gives a form, or an error that prints. The input goes through a file
 * because form_load reads one. */
#include <unistd.h>

#include "forms/form.h"
#include "fuzz.h"

static char path[] = "/tmp/hosho-fuzz-form.XXXXXX";
static FILE *sink;

static void remove_file(void)
{
	unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(path);

	FUZZ_CHECK(fd >= 0);
	close(fd);
	atexit(remove_file);
	sink = fopen("/dev/null", "w");
	FUZZ_CHECK(sink != NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	struct form_error err;
	struct form *form;

	FUZZ_CHECK(f != NULL && fwrite(data, 1, size, f) == size && fclose(f) == 0);
	form = form_load(path, &err);
	if (form) {
		form_free(form);
	} else {
		FUZZ_CHECK(err.message[0] != '\0');
		form_error_print(&err, sink);
	}
	return 0;
}
