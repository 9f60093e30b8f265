/* Reading the documents the database gives for printing (jsonb text). */
#ifndef HOSHO_DOC_JSON_H
#define HOSHO_DOC_JSON_H

#include <stdbool.h>

#include <json-c/json.h>

/* A whole number given as a JSON integer or as its digits in a string
 * (numeric columns may come either way). */
bool doc_json_number(struct json_object *v, long long *out);

#endif
