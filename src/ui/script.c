/* Scripted keys for golden tests: see script.h for the format. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "ui/script.h"
#include "util.h"

struct script {
	char *path;
	char *text;    /* the whole file */
	char *pos;     /* the next unread byte */
	int line;      /* of pos, for messages */
	wchar_t *burst; /* the text segment being typed */
	size_t burst_len, burst_pos;
};

static const struct named_key {
	const char *name;
	bool is_func;
	int code; /* KEY_* if is_func, else the character */
} named_keys[] = {
	/* As a terminal in raw, nonl mode sends them. */
	{"Enter", false, '\r'},  {"Tab", false, '\t'},	     {"Esc", false, 27},
	{"BS", false, 0x7f},	 {"lt", false, '<'},	     {"BTab", true, KEY_BTAB},
	{"Del", true, KEY_DC},	 {"Up", true, KEY_UP},	     {"Down", true, KEY_DOWN},
	{"Left", true, KEY_LEFT}, {"Right", true, KEY_RIGHT}, {"Home", true, KEY_HOME},
	{"End", true, KEY_END},	 {"PgUp", true, KEY_PPAGE},  {"PgDn", true, KEY_NPAGE},
};

struct script *script_open(const char *path)
{
	FILE *f = fopen(path, "r");
	struct script *s;
	size_t len = 0, cap = 4096, got;

	if (!f) {
		fprintf(stderr, "hosho: %s: %m\n", path);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->text = xmalloc(cap);
	while ((got = fread(s->text + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (len + 1 == cap)
			s->text = xrealloc(s->text, cap *= 2);
	}
	fclose(f);
	s->text[len] = '\0';
	s->pos = s->text;
	s->line = 1;
	return s;
}

void script_free(struct script *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->text);
	free(s->burst);
	free(s);
}

static bool script_error(const struct script *s, const char *what)
{
	fprintf(stderr, "hosho: %s:%d: %s\n", s->path, s->line, what);
	return false;
}

static void next_line(struct script *s)
{
	char *nl = strchr(s->pos, '\n');

	s->pos = nl ? nl + 1 : s->pos + strlen(s->pos);
	s->line++;
}

/* A ":command" line; the position is left after it. */
static bool run_command(struct script *s, const char *dump_dir)
{
	size_t len = strcspn(s->pos, "\n");
	char *line = xasprintf("%.*s", (int)len, s->pos);
	bool ok = false;

	if (strncmp(line, ":dump ", 6) == 0 && line[6] && !strchr(line + 6, '/')) {
		char *file = xasprintf("%s/%s.txt", dump_dir ? dump_dir : ".", line + 6);
		ok = screen_dump(file) || script_error(s, "cannot write the dump");
		free(file);
	} else {
		script_error(s, "unknown command");
	}
	free(line);
	next_line(s);
	return ok;
}

/* "<Name>" at s->pos, into step; the position is left after it. */
static bool named_key(struct script *s, struct script_step *step)
{
	size_t len = strcspn(s->pos + 1, ">\n");
	char *name = xasprintf("%.*s", (int)len, s->pos + 1);
	char c;
	bool ok = true;

	memset(step, 0, sizeof *step);
	step->event = SCRIPT_KEY;
	if (s->pos[1 + len] != '>') {
		ok = script_error(s, "'<' without '>' (type a '<' as <lt>)");
	} else if (sscanf(name, "Resize %dx%d%c", &step->cols, &step->rows, &c) == 2) {
		step->event = SCRIPT_RESIZE;
	} else if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12) {
		step->is_func = true;
		step->code = KEY_F(atoi(name + 1));
	} else if (strncmp(name, "C-", 2) == 0 && name[2] >= 'a' && name[2] <= 'z' && !name[3]) {
		step->ch = (wint_t)(name[2] & 0x1f);
	} else {
		size_t i = 0;
		while (i < ARRAY_SIZE(named_keys) && strcmp(named_keys[i].name, name) != 0)
			i++;
		if (i == ARRAY_SIZE(named_keys)) {
			ok = script_error(s, "unknown key name");
		} else if (named_keys[i].is_func) {
			step->is_func = true;
			step->code = named_keys[i].code;
		} else {
			step->ch = (wint_t)named_keys[i].code;
		}
	}
	free(name);
	s->pos += 1 + len + (s->pos[1 + len] == '>');
	return ok;
}

/* Text up to the next '<' or the end of the line becomes the burst. */
static bool start_burst(struct script *s)
{
	size_t len = strcspn(s->pos, "<\n");
	char *utf8 = xasprintf("%.*s", (int)len, s->pos);

	free(s->burst);
	s->burst = text_utf8_to_wcs(utf8);
	free(utf8);
	s->pos += len;
	s->burst_pos = 0;
	s->burst_len = s->burst ? wcslen(s->burst) : 0;
	return s->burst || script_error(s, "text that is not UTF-8");
}

bool script_next(struct script *s, const char *dump_dir, struct script_step *step)
{
	bool line_start;

	for (;;) {
		if (s->burst_pos < s->burst_len) {
			memset(step, 0, sizeof *step);
			step->event = SCRIPT_KEY;
			step->ch = (wint_t)s->burst[s->burst_pos++];
			return true;
		}
		if (*s->pos == '\0') {
			step->event = SCRIPT_END;
			return true;
		}
		line_start = s->pos == s->text || s->pos[-1] == '\n';
		if (*s->pos == '\n' || (line_start && *s->pos == '#'))
			next_line(s);
		else if (line_start && *s->pos == ':') {
			if (!run_command(s, dump_dir))
				return false;
		} else if (*s->pos == '<')
			return named_key(s, step);
		else if (!start_burst(s))
			return false;
	}
}

size_t script_take_burst(struct script *s, wchar_t *buf, size_t cap)
{
	size_t n = 0;

	while (n < cap && s->burst_pos < s->burst_len)
		buf[n++] = s->burst[s->burst_pos++];
	return n;
}
