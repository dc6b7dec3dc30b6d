/* i18n — every user-visible string goes through gettext: _("English text") is looked up in
 * the catalogue of the messages locale (po/zh_CN.po, text domain "ipcase"); N_() marks a
 * string in a static table for xgettext, translated where it is shown. */
#ifndef IPCASE_I18N_H
#define IPCASE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <string.h>

#define IPCASE_TEXTDOMAIN "ipcase"
#define _(s) gettext(s)
#define N_(s) (s)

/* Is the catalogue in use Chinese? Labels that come from the schema's zh/en pairs (which are
 * also accepted as input, so they live in the schema, not in po/) follow the messages. The
 * catalogue's own answer is right however the language was chosen, including LANGUAGE under
 * the C.UTF-8 fallback. */
static inline bool i18n_zh(void)
{
	/* TRANSLATORS: the language code of this catalogue ("zh" in zh_CN.po) */
	return strncmp(_("en"), "zh", 2) == 0;
}

#endif
