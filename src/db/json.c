/* A JSON object of text values: what the database's *_save functions take,
 * so a form's fields go over as one parameter, never spliced into SQL. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"

static void put(struct json_buf *j, const char *s, size_t n)
{
	if (j->len + n + 1 > j->cap) {
		size_t cap = j->cap ? j->cap : 256;
		while (j->len + n + 1 > cap)
			cap *= 2;
		j->s = realloc(j->s, cap);
		if (!j->s)
			abort();
		j->cap = cap;
	}
	memcpy(j->s + j->len, s, n);
	j->len += n;
	j->s[j->len] = '\0';
}

static void put_string(struct json_buf *j, const char *s)
{
	put(j, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(j, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(j, esc, 6);
		} else {
			put(j, s, 1);
		}
	}
	put(j, "\"", 1);
}

void json_begin(struct json_buf *j)
{
	j->s = NULL;
	j->len = j->cap = 0;
	put(j, "{", 1);
}

void json_add(struct json_buf *j, const char *key, const char *value)
{
	if (!value)
		return;
	if (j->len > 1)
		put(j, ",", 1);
	put_string(j, key);
	put(j, ":", 1);
	put_string(j, value);
}

void json_add_rows(struct json_buf *j, const char *key, const char *const *names, size_t ncols,
		   char *const *const *rows, size_t nrows)
{
	if (j->len > 1)
		put(j, ",", 1);
	put_string(j, key);
	put(j, ":[", 2);
	for (size_t r = 0; r < nrows; r++) {
		put(j, r ? ",{" : "{", r ? 2 : 1);
		for (size_t c = 0, n = 0; c < ncols; c++) {
			if (!rows[r][c])
				continue;
			if (n++)
				put(j, ",", 1);
			put_string(j, names[c]);
			put(j, ":", 1);
			put_string(j, rows[r][c]);
		}
		put(j, "}", 1);
	}
	put(j, "]", 1);
}

char *json_end(struct json_buf *j)
{
	put(j, "}", 1);
	return j->s;
}
