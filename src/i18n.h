/* gettext in one place: every user-visible string goes through _() or N_(). */
#ifndef HOSHO_I18N_H
#define HOSHO_I18N_H

#include <libintl.h>

#define _(s) dgettext("hosho", s)
#define N_(s) (s)

#endif
