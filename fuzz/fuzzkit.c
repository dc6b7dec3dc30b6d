/* fuzzkit — input reading, test keys, signing, throwaway workspaces for the fuzz harnesses. */
#include "fuzz/fuzzkit.h"

#include <ftw.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/json.h"
#include "db/rules/roster.h"
#include "db/store.h"
#include "db/workspace.h"

uint8_t fk_byte(struct fk_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

unsigned fk_u16(struct fk_in *in)
{
	unsigned hi = fk_byte(in);
	return hi << 8 | fk_byte(in);
}

const uint8_t *fk_take(struct fk_in *in, size_t want, size_t *got)
{
	const uint8_t *p = in->p;

	*got = want < in->n ? want : in->n;
	in->p += *got;
	in->n -= *got;
	return p;
}

_Noreturn void fk_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: property broken: %s: ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void fk_key_make(struct fk_key *k, unsigned char seed)
{
	unsigned char s[crypto_sign_SEEDBYTES];

	FK_ASSERT(sodium_init() >= 0, "libsodium");
	memset(s, seed, sizeof s);
	crypto_sign_seed_keypair(k->pk, k->sk, s);
	sodium_bin2hex(k->hex, sizeof k->hex, k->pk, sizeof k->pk);
}

void fk_key_of(db *d, struct fk_key *k)
{
	char path[1100];
	FILE *f;

	snprintf(path, sizeof path, "%s/device.key", db_home(d));
	FK_ASSERT((f = fopen(path, "rb")) && fread(k->sk, 1, 64, f) == 64, "%s", path);
	fclose(f);
	crypto_sign_ed25519_sk_to_pk(k->pk, k->sk);
	sodium_bin2hex(k->hex, sizeof k->hex, k->pk, sizeof k->pk);
}

#define CANON (JSON_COMPACT | JSON_SORT_KEYS)

/* `body` without "sig", with "actor" = k, and the hex of k's signature of its canonical text
 * (and that text's SHA-256 when id is wanted). */
static char *signed_body(json_t *body, const struct fk_key *k, char sig[129], char id[65])
{
	unsigned char s[crypto_sign_BYTES], h[crypto_hash_sha256_BYTES];
	char *text;

	json_object_del(body, "sig");
	if (id)
		json_object_del(body, "id");
	if (json_object_set_new(body, "actor", json_string(k->hex)) || !(text = json_dumps(body, CANON)))
		return NULL;
	crypto_sign_detached(s, NULL, (const unsigned char *)text, strlen(text), k->sk);
	sodium_bin2hex(sig, 129, s, sizeof s);
	if (id) {
		crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
		sodium_bin2hex(id, 65, h, sizeof h);
	}
	return text;
}

char *fk_op_line(json_t *body, const struct fk_key *k)
{
	char sig[129], id[65], *text = signed_body(body, k, sig, id);

	if (!text)
		return NULL;
	free(text);
	json_object_set_new(body, "id", json_string(id));
	json_object_set_new(body, "sig", json_string(sig));
	return json_dumps(body, CANON);
}

char *fk_key_text(json_t *body, const struct fk_key *k)
{
	char sig[129], *text = signed_body(body, k, sig, NULL);

	if (!text)
		return NULL;
	free(text);
	json_object_set_new(body, "sig", json_string(sig));
	return json_dumps(body, CANON);
}

static const char *bound(const json_t *v, const struct fk_name *names, size_t n)
{
	for (size_t i = 0; json_is_string(v) && i < n; i++)
		if (strcmp(json_string_value(v), names[i].name) == 0)
			return names[i].value;
	return NULL;
}

void fk_bind(json_t *v, const struct fk_name *names, size_t n)
{
	const char *k, *to;
	json_t *x;
	size_t i;

	json_object_foreach(v, k, x)
		if ((to = bound(x, names, n)))
			json_object_set_new(v, k, json_string(to));
		else
			fk_bind(x, names, n);
	json_array_foreach(v, i, x)
		if ((to = bound(x, names, n)))
			json_array_set_new(v, i, json_string(to));
		else
			fk_bind(x, names, n);
}

void fk_raw_or_signed(const uint8_t *data, size_t size, const struct fk_key *k,
		      char *(*sign)(json_t *body, const struct fk_key *k),
		      void (*parse)(const char *text, size_t len, bool ours))
{
	struct fk_in in = {data, size};
	json_t *body;
	char *text;

	if (!(fk_byte(&in) & 1)) {
		parse((const char *)in.p, in.n, false);
		return;
	}
	if (!(body = json_loadb((const char *)in.p, in.n, 0, NULL)))
		return;
	if (json_is_object(body) && (text = sign(body, k))) {
		parse(text, strlen(text), true);
		free(text);
	}
	json_decref(body);
}

/* ---- throwaway workspaces ---- */

#define WORKSPACES 4
static struct {
	db *d;
	char home[256];
} made[WORKSPACES];

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void workspaces_remove(void)
{
	for (int i = 0; i < WORKSPACES; i++)
		if (made[i].d) {
			db_close(made[i].d);
			nftw(made[i].home, rm_one, 16, FTW_DEPTH | FTW_PHYS);
			made[i].d = NULL;
		}
}

db *fk_workspace(const char *office, bool create_office)
{
	struct db_identity id = {.case_prefix = "冀石市监处罚", .officer = "王建国", .cert = "13010001"};
	const char *tmp = getenv("TMPDIR");
	struct stat st;
	ipc_err e = {0};
	int i = 0;

	while (i < WORKSPACES && made[i].d)
		i++;
	FK_ASSERT(i < WORKSPACES, "raise WORKSPACES");
	/* in memory when the machine has a tmpfs: a run writes files and SQLite pages */
	if (!tmp || !*tmp)
		tmp = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
		      ? "/dev/shm" : "/tmp";
	snprintf(made[i].home, sizeof made[i].home, "%s/ipcase-fuzz-XXXXXX", tmp);
	FK_ASSERT(mkdtemp(made[i].home), "%s", made[i].home);
	snprintf(id.office, sizeof id.office, "%s", office);
	snprintf(id.office_name, sizeof id.office_name, "%s市场监督管理局", office);
	if (db_init(made[i].home, &id, &e) || db_open(made[i].home, &made[i].d, &e)
	    || (create_office && roster_create(made[i].d, NULL, &e)))
		fk_fail(__FILE__, __LINE__, "workspace", "%s", e.msg);
	if (i == 0)
		atexit(workspaces_remove);
	return made[i].d;
}

const char *fk_file(db *d, const uint8_t *data, size_t n)
{
	static char path[1100];
	FILE *f;

	snprintf(path, sizeof path, "%s/fuzz-input", db_home(d));
	unlink(path); /* a new file: ext4 flushes one truncated and rewritten at its close */
	FK_ASSERT((f = fopen(path, "wb")) && fwrite(data, 1, n, f) == n && fclose(f) == 0, "%s", path);
	return path;
}

/* ---- the office of the import harnesses ---- */

/* Our office's key, as this device holds it. */
static void office_key(db *d, struct fk_key *k)
{
	struct db_key dk;
	ipc_err e = {0};

	FK_ASSERT(officekey_read(d, &dk, &e) == 1, "%s", e.msg);
	memcpy(k->sk, dk.sk, 64);
	memcpy(k->hex, dk.actor, 65);
	memcpy(k->pk, dk.sk + 32, 32);
}

static void identity(struct fk_office *o, int signer, const char *office, const char *officer)
{
	struct db_identity *w = &o->who[signer];

	snprintf(w->actor, sizeof w->actor, "%s", o->keys[signer].hex);
	snprintf(w->office, sizeof w->office, "%s", office);
	snprintf(w->office_name, sizeof w->office_name, "%s市场监督管理局", office);
	snprintf(w->officer, sizeof w->officer, "%s", officer);
	snprintf(w->cert, sizeof w->cert, "%s%02d", office, signer);
}

/* The records the setup wrote, by what their ops say. */
static int record_of(const char *line, size_t len, void *arg)
{
	struct fk_office *o = arg;
	json_t *op = json_loadb(line, len, 0, NULL), *set = json_object_get(op, "set");
	const char *type = jtext(op, "type"), *device = jtext(set, "device"), *rec = jtext(op, "record");

	if (strcmp(type, "office") == 0)
		snprintf(o->office_rec, sizeof o->office_rec, "%s", rec);
	else if (strcmp(type, "member") == 0 && strcmp(device, o->keys[FK_SELF].hex) == 0)
		snprintf(o->self_rec, sizeof o->self_rec, "%s", rec);
	else if (strcmp(type, "member") == 0 && strcmp(device, o->keys[FK_COLLEAGUE].hex) == 0)
		snprintf(o->colleague_rec, sizeof o->colleague_rec, "%s", rec);
	json_decref(op);
	return 0;
}

char *fk_office_op(struct fk_office *o, const char *json, size_t len, int signer)
{
	json_t *body = json_loadb(json, len, 0, NULL);
	char *line = NULL;

	if (json_is_object(body)) {
		fk_bind(body, o->names, FK_NAMES);
		line = fk_op_line(body, &o->keys[signer]);
	}
	json_decref(body);
	return line;
}

/* Office 110108's roster, signed by its key: its officer's device, admitted. */
static void office2_roster(struct fk_office *o)
{
	static const char *const ops[] = {
		"{\"deps\":[],\"hlc\":115998720000000000,\"record\":\"019c2c5b-4800-7000-8000-000000000001\","
		"\"set\":{\"admin_device\":\"@stranger\",\"code\":\"110108\",\"name\":\"北京市海淀区市场监督管理局\"},"
		"\"type\":\"office\",\"v\":1}",
		"{\"deps\":[],\"hlc\":115998720000000001,\"record\":\"019c2c5b-4800-7000-8000-000000000002\","
		"\"set\":{\"cert\":\"11010803\",\"device\":\"@stranger\",\"office\":\"110108\",\"officer\":\"李明\","
		"\"roles\":[\"admin\",\"handler\"],\"state\":\"admitted\"},\"type\":\"member\",\"v\":1}",
	};
	ipc_err e = {0};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		char *line = fk_office_op(o, ops[i], strlen(ops[i]), FK_OFFICE2);
		FK_ASSERT(line && db_import(o->d, line, strlen(line), &e) == 1, "%s", e.msg);
		free(line);
	}
}

void fk_office_make(struct fk_office *o)
{
	static const char *const placeholders[FK_NAMES] = {"@office", "@self", "@colleague",
		"@stranger", "@office2", "@unknown", "@office-record", "@self-member", "@colleague-member"};
	ipc_err e = {0};

	o->d = fk_workspace("130100", true);
	office_key(o->d, &o->keys[FK_OFFICE]);
	fk_key_of(o->d, &o->keys[FK_SELF]);
	for (int s = FK_COLLEAGUE; s < FK_NSIGNERS; s++)
		fk_key_make(&o->keys[s], (unsigned char)s);
	identity(o, FK_OFFICE, "130100", "石家庄市场监督管理局");
	identity(o, FK_SELF, "130100", "王建国");
	identity(o, FK_COLLEAGUE, "130100", "李敏");
	identity(o, FK_STRANGER, "110108", "李明");
	identity(o, FK_OFFICE2, "110108", "海淀区市场监督管理局");
	identity(o, FK_UNKNOWN, "120113", "赵强");
	FK_ASSERT(db_actor_add(o->d, &o->who[FK_COLLEAGUE], &e) == 0
		  && db_actor_add(o->d, &o->who[FK_STRANGER], &e) == 0
		  && roster_admit(o->d, o->keys[FK_COLLEAGUE].hex, "handler", &e) == 0
		  && db_ops_each(o->d, record_of, o, &e) == 0, "%s", e.msg);
	for (int i = 0; i < FK_NAMES; i++)
		o->names[i].name = placeholders[i];
	for (int s = 0; s < FK_NSIGNERS; s++)
		o->names[s].value = o->keys[s].hex;
	o->names[6].value = o->office_rec;
	o->names[7].value = o->self_rec;
	o->names[8].value = o->colleague_rec;
	office2_roster(o);
}
