/* Reading the documents the database gives for printing (doc_json.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "print/doc_json.h"

bool doc_json_number(struct json_object *v, long long *out)
{
	const char *s;
	char *end;

	if (json_object_is_type(v, json_type_int)) {
		errno = 0;
		*out = json_object_get_int64(v);
		return errno == 0;
	}
	if (!json_object_is_type(v, json_type_string))
		return false;
	s = json_object_get_string(v);
	errno = 0;
	*out = strtoll(s, &end, 10);
	return *s && !*end && errno == 0;
}
