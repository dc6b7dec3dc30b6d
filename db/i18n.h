/* i18n — every user-visible string goes through gettext: _("English text") is looked up in
 * the catalogue of the messages locale (po/zh_CN.po, text domain "ipcase"); N_() marks a
 * string in a static table for xgettext, translated where it is shown. */
#ifndef IPCASE_I18N_H
#define IPCASE_I18N_H

#include <libintl.h>

#define IPCASE_TEXTDOMAIN "ipcase"
#define _(s) gettext(s)
#define N_(s) (s)

#endif
