/* package — the case package of a handoff: the case's shareable fields and its parties'
 * non-confidential fields in clear, the rest to be sealed; and the check every replica runs on
 * a package before it is accepted into the collaboration channel. */
#include "db/rules/package.h"
#include "base/json.h"

#include <string.h>

#include "base/grow.h"
#include "base/i18n.h"
#include "db/rules/case_terms.h"

#define PARTIES_MAX 100

/* The case fields a package carries in clear; the receiver's new case takes the first five. */
const char *const package_case_shared[] = {"title", "ip_type", "region", "place_kind", "place",
	"case_no", "clue_on", "filed_on"};
/* Party fields never carried: the link to the origin case and the deletion mark. */
static const char *const party_local[] = {"case_id", "deleted"};

#define N(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(PACKAGE_CASE_TAKEN <= N(package_case_shared), "the taken fields come first");

static bool in(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

/* Each party, split: its shareable fields into `clear`, the confidential ones (with the
 * party's index) into `sealed`. -1 when memory runs out (a part would be missing). */
static int parties_split(const json_t *parties, json_t *clear, json_t *sealed)
{
	const struct rtype *t = schema_type("party");
	const json_t *p;
	size_t i, n = 0;

	json_array_foreach(parties, i, p) {
		json_t *c = json_object(), *s = json_pack("{s:I}", "i", (json_int_t)n);
		int bad = !c || !s;
		if (json_is_true(json_object_get(p, "deleted"))) {
			json_decref(c);
			json_decref(s);
			continue;
		}
		for (size_t f = 0; f < t->nfields; f++) {
			const struct field *fd = &t->fields[f];
			json_t *v = json_object_get(p, fd->name);
			if (!v || json_is_null(v) || in(fd->name, party_local, N(party_local)))
				continue;
			bad |= json_object_set(schema_confidential(t, fd, p) ? s : c, fd->name, v);
		}
		bad |= json_array_append_new(clear, c);
		if (json_object_size(s) > 1)
			bad |= json_array_append(sealed, s);
		json_decref(s);
		if (bad)
			return -1;
		n++;
	}
	return 0;
}

int package_make(const json_t *c, const json_t *parties, char **clear_text,
			char **sealed_text, ipc_err *e)
{
	json_t *clear = json_pack("{s:i,s:{},s:[]}", "v", PACKAGE_VERSION, "case", "parties");
	json_t *sealed = json_pack("{s:i,s:[]}", "v", PACKAGE_VERSION, "parties");
	int bad = !clear || !sealed;

	*clear_text = *sealed_text = NULL;
	for (size_t i = 0; !bad && i < N(package_case_shared); i++)
		if (jstr(c, package_case_shared[i]))
			bad |= json_object_set(json_object_get(clear, "case"), package_case_shared[i],
					       json_object_get(c, package_case_shared[i]));
	if (!bad && jstr(c, "notes")) /* free text may name anyone: sealed */
		bad |= json_object_set(sealed, "notes", json_object_get(c, "notes"));
	if (!bad)
		bad |= parties_split(parties, json_object_get(clear, "parties"),
				     json_object_get(sealed, "parties"));
	if (!bad) { /* the caller frees both texts, either may be made */
		*clear_text = json_dumps(clear, JSON_COMPACT | JSON_SORT_KEYS);
		*sealed_text = json_dumps(sealed, JSON_COMPACT | JSON_SORT_KEYS);
	}
	json_decref(clear);
	json_decref(sealed);
	if (!*clear_text || !*sealed_text)
		return err_nomem(e);
	return 0;
}

static int party_check(const json_t *p, size_t i, ipc_err *e)
{
	const struct rtype *t = schema_type("party");
	const char *k;
	json_t *v;

	if (!json_is_object(p) || !schema_enum_find(case_party_roles, jstr(p, "role") ?: ""))
		return err_set(e, _("package: party %zu has no role"), i + 1);
	json_object_foreach((json_t *)p, k, v) {
		const struct field *f = schema_field(t, k);
		if (!f || in(k, party_local, N(party_local)))
			return err_set(e, _("package: a party has no field \"%.40s\""), k);
		if (schema_value_check(f, v, e))
			return err_wrap(e, _("package: party %zu"), i + 1);
		if (schema_confidential(t, f, p))
			return err_set(e, _("package: the %s of party %zu is confidential and travels in "
				       "clear"), k, i + 1);
	}
	return 0;
}

int package_check(const char *package, ipc_err *e)
{
	const struct rtype *t = schema_type("case");
	json_t *j = json_loads(package, JSON_REJECT_DUPLICATES, NULL), *c, *ps, *v;
	const char *k;
	size_t i;
	int rc = -1;

	c = json_object_get(j, "case");
	ps = json_object_get(j, "parties");
	if (json_integer_value(json_object_get(j, "v")) != PACKAGE_VERSION || !json_is_object(c)
	    || !json_is_array(ps) || json_array_size(ps) > PARTIES_MAX || !jstr(c, "title")
	    || !jstr(c, "ip_type")) {
		err_set(e, _("package: not a case package of version %d"), PACKAGE_VERSION);
		goto out;
	}
	json_object_foreach(c, k, v)
		if (!in(k, package_case_shared, N(package_case_shared))) {
			err_set(e, _("package: the case field \"%.40s\" is not shared"), k);
			goto out;
		} else if (schema_value_check(schema_field(t, k), v, e)) {
			err_wrap(e, _("package"));
			goto out;
		}
	json_array_foreach(ps, i, v)
		if (party_check(v, i, e))
			goto out;
	rc = 0;
out:
	json_decref(j);
	return rc;
}
