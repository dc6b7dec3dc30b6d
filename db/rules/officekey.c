/* officekey — the office key file, fingerprints, and the office keys pinned here. */
#include "db/rules/officekey.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "db/db_internal.h"

void officekey_fingerprint(const char *key_hex, char out[40])
{
	unsigned char pk[32], h[crypto_hash_sha512_BYTES];
	size_t n = 0;

	memset(pk, 0, sizeof pk);
	if (key_hex)
		sodium_hex2bin(pk, sizeof pk, key_hex, strlen(key_hex), NULL, NULL, NULL);
	crypto_hash_sha512(h, pk, sizeof pk);
	/* 8 groups of 40 bits, each read as 4 decimal digits (as Signal's safety numbers) */
	for (int g = 0; g < 8; g++) {
		uint64_t v = 0;
		for (int i = 0; i < 5; i++)
			v = v << 8 | h[g * 5 + i];
		n += (size_t)snprintf(out + n, 40 - n, "%s%04u", g ? " " : "", (unsigned)(v % 10000));
	}
}

/* The 32 digits of a fingerprint as typed ("1234 5678…", "1234-5678…"); false when not. */
bool officekey_digits(const char *text, char out[33])
{
	size_t n = 0;

	for (const char *c = text; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (n == 32)
				return false;
			out[n++] = *c;
		} else if (*c != ' ' && *c != '-' && *c != ':') {
			return false;
		}
	}
	out[n] = '\0';
	return n == 32;
}

bool officekey_matches(const char *key_hex, const char *digits)
{
	char fp[40], mine[33];

	officekey_fingerprint(key_hex, fp);
	return officekey_digits(fp, mine) && strcmp(mine, digits) == 0;
}

int officekey_path(db *d, char *out, size_t n, ipc_err *e)
{
	int len = snprintf(out, n, "%s/office.key", db_home(d));
	return len < 0 || (size_t)len >= n ? err_set(e, _("workspace path too long")) : 0;
}

/* The office key, when this device holds it: 1 read, 0 none, -1 damaged. */
int officekey_read(db *d, struct db_key *k, ipc_err *e)
{
	char path[1100];
	struct stat st;
	unsigned char pk[32];
	ssize_t n;
	int fd;

	if (officekey_path(d, path, sizeof path, e))
		return -1;
	if ((fd = open(path, O_RDONLY)) < 0)
		return errno == ENOENT ? 0 : err_kind(e, IPC_E_IO, NULL, _("cannot open %s: %s"), path,
						       strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & 077)) {
		close(fd);
		return err_kind(e, IPC_E_IO, NULL, _("the office key %s is readable by others: chmod "
						     "600 it"), path);
	}
	n = read(fd, k->sk, sizeof k->sk);
	close(fd);
	if (n != (ssize_t)sizeof k->sk)
		return err_kind(e, IPC_E_CORRUPT, NULL, _("the office key %s is damaged"), path);
	crypto_sign_ed25519_sk_to_pk(pk, k->sk);
	sodium_bin2hex(k->actor, sizeof k->actor, pk, sizeof pk);
	return 1;
}

int officekey_make(db *d, struct db_key *k, ipc_err *e)
{
	char path[1100];
	unsigned char pk[32];
	int fd;

	if (officekey_path(d, path, sizeof path, e))
		return -1;
	crypto_sign_keypair(pk, k->sk);
	sodium_bin2hex(k->actor, sizeof k->actor, pk, sizeof pk);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return err_kind(e, IPC_E_IO, NULL, _("cannot create %s: %s"), path, strerror(errno));
	if (write(fd, k->sk, sizeof k->sk) != (ssize_t)sizeof k->sk || fsync(fd) != 0) {
		close(fd);
		unlink(path);
		return err_kind(e, IPC_E_IO, NULL, _("cannot write %s: %s"), path, strerror(errno));
	}
	close(fd);
	return 0;
}

/* ---- pins ---- */

bool officekey_pin_get(db *d, const char *code, struct officekey_pin *p)
{
	sqlite3_stmt *st = db_stmt(d, "SELECT fingerprint, coalesce(key, '') FROM office_pins"
				   " WHERE code = ?", NULL);
	bool found;

	memset(p, 0, sizeof *p);
	if (!st)
		return false;
	db_bind_text(st, 1, code);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		snprintf(p->fingerprint, sizeof p->fingerprint, "%s", sqlite3_column_text(st, 0));
		snprintf(p->key, sizeof p->key, "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return found;
}

int officekey_pin_set(db *d, const char *code, const char *digits, const char *key, const char *how,
		   ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "INSERT OR REPLACE INTO office_pins(code, fingerprint, key,"
				   " how, at) VALUES(?, ?, nullif(?, ''), ?, ?)", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, digits);
	db_bind_text(st, 3, key ? key : "");
	db_bind_text(st, 4, how);
	sqlite3_bind_int64(st, 5, db_wall_ms() / 1000);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "pinning an office key");
}

bool officekey_verified(db *d, const char *code)
{
	struct officekey_pin p;
	return officekey_pin_get(d, code, &p) && p.key[0];
}


int officekey_pin_fill(db *d, const char *code, const char *key, ipc_err *e)
{
	sqlite3_stmt *st = db_stmt(d, "UPDATE office_pins SET key = ? WHERE code = ?", e);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, code);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_sqlerr(d, e, "pinning an office key");
}

int officekey_open(db *d, ipc_err *e)
{
	return db_exec(d, "CREATE TABLE IF NOT EXISTS office_pins(code TEXT PRIMARY KEY,"
		       " fingerprint TEXT NOT NULL, key TEXT, how TEXT NOT NULL, at INTEGER NOT NULL);", e);
}

/* "1234 5678 …" from the 32 digits of a pin. */
void officekey_grouped(const char *digits, char out[40])
{
	out[0] = '\0';
	for (int g = 0; g < 8; g++)
		snprintf(out + strlen(out), 40 - strlen(out), "%s%.4s", g ? " " : "", digits + 4 * g);
}
