/* transport — fetch and push of a channel: libgit2's transports (ssh, https, local) with our
 * credentials and checks, our own push to local paths (libgit2 1.5 force-updates a local
 * remote's ref, overwriting a colleague's commit), rejections read from the callback (a
 * rejected push still returns 0), and errors said in words. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/disk.h"
#include "base/i18n.h"
#include "sync/chan.h"

#define MAX_AUTH_TRIES 3

struct callbacks_state {
	struct chan *c;
	const struct db_remote *r;
	int tries;
	char refused[256]; /* the server's reason for refusing a ref update */
};

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	struct callbacks_state *s = payload;
	const char *user = user_from_url ? user_from_url : getenv("USER");
	const char *token = getenv("IPCASE_GIT_TOKEN"), *guser = getenv("IPCASE_GIT_USER");
	const char *pass = getenv("IPCASE_GIT_PASSWORD");
	char pub[1100];
	struct stat st;

	(void)url;
	/* libgit2 asks again after each refusal: give up instead of looping */
	if (++s->tries > MAX_AUTH_TRIES) {
		git_error_set_str(GIT_ERROR_NET, "authentication failed: the server refused our "
				  "credentials");
		return GIT_EAUTH;
	}
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user ? user : "git");
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (!s->r->key_path[0])
			return git_credential_ssh_key_from_agent(out, user ? user : "git");
		snprintf(pub, sizeof pub, "%s.pub", s->r->key_path);
		return git_credential_ssh_key_new(out, user ? user : "git",
						  stat(pub, &st) == 0 ? pub : NULL, s->r->key_path,
						  getenv("IPCASE_SSH_PASSPHRASE"));
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		if (token)
			return git_credential_userpass_plaintext_new(out, guser ? guser : "ipcase", token);
		if (guser && pass)
			return git_credential_userpass_plaintext_new(out, guser, pass);
		git_error_set_str(GIT_ERROR_NET, "authentication required: set IPCASE_GIT_TOKEN, or "
				  "IPCASE_GIT_USER and IPCASE_GIT_PASSWORD");
		return GIT_EAUTH;
	}
	git_error_set_str(GIT_ERROR_NET, "the server asks for a kind of credential ipcase lacks");
	return GIT_EAUTH;
}

/* The certificate or host key libgit2 validated (CA bundle, ~/.ssh/known_hosts): we accept
 * only what it accepts. */
static int certificate(git_cert *cert, int valid, const char *host, void *payload)
{
	(void)cert;
	(void)payload;
	if (valid)
		return 0;
	git_error_set(GIT_ERROR_SSL, "the certificate or host key of %s is not trusted (for ssh, add "
		      "the host to ~/.ssh/known_hosts)", host);
	return GIT_ECERTIFICATE;
}

/* Non-zero (the caller asked to stop) makes libgit2 abandon the transfer. */
static int transfer(const git_indexer_progress *p, void *payload)
{
	struct callbacks_state *s = payload;

	if (s->c->progress && p->total_objects
	    && s->c->progress("receiving", p->received_objects, p->total_objects, s->c->arg))
		return GIT_EUSER;
	return 0;
}

/* A push is heard while libgit2 gathers its objects and while it sends them: a large push
 * spends minutes in both, and only a remote that stops taking bytes is silent. */
static int push_heard(struct callbacks_state *s, size_t done, size_t total)
{
	return s->c->progress && s->c->progress("sending", done, total, s->c->arg) ? GIT_EUSER : 0;
}

static int pack_built(int stage, uint32_t done, uint32_t total, void *payload)
{
	(void)stage;
	return push_heard(payload, done, total);
}

static int push_sent(unsigned done, unsigned total, size_t bytes, void *payload)
{
	(void)bytes;
	return push_heard(payload, done, total);
}

static int update_ref(const char *refname, const char *status, void *payload)
{
	struct callbacks_state *s = payload;

	if (status)
		snprintf(s->refused, sizeof s->refused, "%s: %s", refname, status);
	return 0;
}

static void callbacks_init(git_remote_callbacks *cb, struct callbacks_state *s)
{
	cb->credentials = credentials;
	cb->certificate_check = certificate;
	cb->transfer_progress = transfer;
	cb->push_update_reference = update_ref;
	cb->pack_progress = pack_built;
	cb->push_transfer_progress = push_sent;
	cb->payload = s;
}

static bool url_local(const char *url);

/* Is this ssh key RSA? (The server's refusal does not say why.) */
static bool rsa_key(const char *path)
{
	char pub[1100], head[64] = "";
	FILE *f;

	if (!path[0])
		return false;
	snprintf(pub, sizeof pub, "%s.pub", path);
	if ((f = fopen(pub, "r")) || (f = fopen(path, "r"))) {
		if (!fgets(head, sizeof head, f))
			head[0] = '\0';
		fclose(f);
	}
	return strncmp(head, "ssh-rsa", 7) == 0 || strstr(head, "BEGIN RSA PRIVATE KEY");
}

/* What went wrong reaching the remote, in words first. A path is no network: a missing
 * repository there is a plain failure (exit 1). */
static int reach_error(const struct db_remote *r, int code, ipc_err *e)
{
	const git_error *g = git_error_last();
	const char *m = g && g->message ? g->message : "unknown error", *why;

	if (strstr(m, "no auth sock"))
		why = "authentication failed: no ssh key (give --key FILE to ipcase remote add, or "
		      "start ssh-agent)";
	else if (code == GIT_EAUTH || strstr(m, "authentication") || strstr(m, "Authentication")
		 || strstr(m, "credentials") || strstr(m, "authentication methods"))
		why = rsa_key(r->key_path) ? "authentication failed (an RSA key: this libssh2 "
		      "cannot use it with current OpenSSH servers; use an ed25519 or ECDSA key)"
		      : "authentication failed";
	else if (code == GIT_ECERTIFICATE || strstr(m, "certificate") || strstr(m, "hostkey")
		 || strstr(m, "host key") || strstr(m, "known_hosts"))
		why = "certificate or host key not trusted";
	else if (url_local(r->url) || strstr(m, "resolve path"))
		why = "no repository at that path";
	else if (strstr(m, "resolve") || strstr(m, "Name or service") || strstr(m, "name resolution"))
		why = "DNS: the server's name could not be resolved";
	else if (strstr(m, "refused"))
		why = "connection refused: nothing answers at that address and port";
	else if (strstr(m, "timed out") || strstr(m, "timeout"))
		why = "timeout: the server did not answer";
	else if (strstr(m, "not found") || strstr(m, "does not exist") || strstr(m, "not a git")
		 || strstr(m, "could not find repository") || strstr(m, "appear to be a git")
		 || strstr(m, "status code: 404"))
		why = "no repository at that address";
	else
		why = "failed";
	return err_kind(e, url_local(r->url) ? IPC_E_FAILED : IPC_E_NETWORK, NULL,
			_("remote %s (%s): %s — %s"), r->name, r->url, why, m);
}

/* A path or file:// URL: pushed by us, not by libgit2's local transport. */
static bool url_local(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (strncmp(url, "file://", 7) == 0)
		return true;
	/* another scheme, or scp-like user@host:path (a colon before any slash) */
	return !strstr(url, "://") && !(colon && (!slash || colon < slash));
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20; /* lower case */
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The folder a local URL names, as git reads it: a path as it is; file://[localhost]/PATH
 * with its %XX escapes decoded ("file:///tmp/a%20b" is "/tmp/a b"). An escape that is not two
 * hexadecimal digits, or that makes a NUL, is refused (git keeps the first as it is). */
static int url_path(const char *url, char *out, size_t n, ipc_err *e)
{
	const char *host = url + 7, *s = strchr(host, '/');
	size_t k = 0;

	if (strncmp(url, "file://", 7) != 0)
		return snprintf(out, n, "%s", url) < (int)n ? 0 : err_set(e, _("URL too long"));
	if (!s || (s != host && !(s - host == 9 && strncasecmp(host, "localhost", 9) == 0)))
		return err_kind(e, IPC_E_USAGE, NULL, _("%s: a file:// URL names a folder of this "
				"computer, as file:///FOLDER (three slashes)"), url);
	for (; *s; s++) {
		int c = (unsigned char)*s, hi, lo;
		if (c == '%') {
			if ((hi = hex_digit(s[1])) < 0 || (lo = hex_digit(s[2])) < 0 || !(hi | lo))
				return err_kind(e, IPC_E_USAGE, NULL, _("%s: \"%.3s\" is not an escape of "
						"a character: %% is followed by two hexadecimal digits "
						"(%%20 is a space, %%25 is %%), and not by 00"), url, s);
			c = hi << 4 | lo;
			s += 2;
		}
		if (k + 1 >= n)
			return err_set(e, _("URL too long"));
		out[k++] = (char)c;
	}
	out[k] = '\0';
	return 0;
}

int sync_url_check(const char *url, ipc_err *e)
{
	char path[1100];

	return url_local(url) ? url_path(url, path, sizeof path, e) : 0;
}

int sync_remote_add(db *d, const struct db_remote *r, ipc_err *e)
{
	if (r->key_path[0] && access(r->key_path, R_OK) != 0)
		return err_kind(e, IPC_E_USAGE, "key", _("cannot read the key file %s: %s"),
				r->key_path, strerror(errno));
	if (sync_url_check(r->url, e))
		return err_field(e, IPC_E_USAGE, "url");
	return db_remote_add(d, r, e);
}

/* An in-memory remote for the URL as given (url.*.insteadOf rewriting is for people's git
 * configs, and it leaks in libgit2 1.5). */
static int remote_new(git_remote **out, git_repository *repo, const char *url)
{
	git_remote_create_options o;

	git_remote_create_options_init(&o, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	o.repository = repo;
	o.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF;
	return git_remote_create_with_opts(out, url, &o);
}

/* Copies src to dst through a temporary name, so a crash never leaves half a file. */
static int copy_file(const char *src, const char *dst, ipc_err *e)
{
	char tmp[1500], buf[1 << 16];
	int in = open(src, O_RDONLY), out = -1, rc = -1;
	ssize_t n;

	snprintf(tmp, sizeof tmp, "%s.%d.tmp", dst, (int)getpid());
	if (in < 0 || (out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0444)) < 0) {
		err_kind(e, IPC_E_IO, NULL, _("copying %s: %s"), src, strerror(errno));
		goto out;
	}
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	if (n != 0 || fsync(out) != 0 || rename(tmp, dst) != 0) {
		if (disk_full(errno))
			disk_full_err(e, dst);
		else
			err_kind(e, IPC_E_IO, NULL, _("copying %s: %s"), src, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return rc;
}

/* Copies every file of the remote's objects/<sub> that we lack (packs: the .idx last, so a
 * pack is visible only when whole). */
static int copy_missing(const char *from, const char *to, const char *sub, ipc_err *e)
{
	char src[1500], dst[1500];
	struct dirent *de;
	struct stat st;
	DIR *dp;
	int rc = 0;

	snprintf(src, sizeof src, "%s/%s", from, sub);
	if (!(dp = opendir(src)))
		return 0;
	snprintf(dst, sizeof dst, "%s/%s", to, sub);
	mkdir(dst, 0700);
	for (int idx = 0; idx < 2 && !rc; idx++) {
		rewinddir(dp);
		while (!rc && (de = readdir(dp))) {
			size_t n = strlen(de->d_name);
			bool is_idx = n > 4 && strcmp(de->d_name + n - 4, ".idx") == 0;
			if (de->d_name[0] == '.' || strstr(de->d_name, ".tmp") || is_idx != (idx == 1))
				continue;
			snprintf(src, sizeof src, "%s/%s/%s", from, sub, de->d_name);
			snprintf(dst, sizeof dst, "%s/%s/%s", to, sub, de->d_name);
			if (stat(dst, &st) != 0 && stat(src, &st) == 0 && S_ISREG(st.st_mode))
				rc = copy_file(src, dst, e);
		}
	}
	closedir(dp);
	return rc;
}

/* Copies the packs and loose objects of `from` that `to` lacks (both objects folders). */
static int copy_objects(const char *from, const char *to, ipc_err *e)
{
	char sub[8];

	if (copy_missing(from, to, "pack", e))
		return -1;
	for (int i = 0; i < 256; i++) {
		snprintf(sub, sizeof sub, "%02x", i);
		if (copy_missing(from, to, sub, e))
			return -1;
	}
	return 0;
}

/* A fetch from a path, by us: the first copies the remote's packs and loose objects, as `git
 * clone` of a path does, and later ones pack what the remote's new commits add (libgit2's
 * local transport would run a delta search over the whole channel each time). */
static int local_fetch(struct chan *c, const struct db_remote *r, const char *path, ipc_err *e)
{
	git_repository *rr = NULL;
	git_reference *ref = NULL;
	git_odb *odb = NULL;
	char from[1300], to[1300], name[160];
	git_oid theirs, known, ours;
	int has_known, has_ours, rc = -1;

	if (git_repository_open_bare(&rr, path) != 0)
		return reach_error(r, -1, e);
	if (git_reference_name_to_id(&theirs, rr, CHAN_BRANCH) != 0) { /* an empty remote */
		rc = 0;
		goto out;
	}
	snprintf(name, sizeof name, "refs/remotes/%s/main", r->name);
	if ((has_known = chan_ref(c, name, &known, e)) < 0 || (has_ours = chan_ref(c, CHAN_BRANCH, &ours, e)) < 0)
		goto out;
	if (has_known && git_oid_equal(&known, &theirs)) {
		rc = 0;
		goto out;
	}
	if (chan_progress(c, "fetching", 0, 0, e))
		goto out;
	snprintf(from, sizeof from, "%sobjects", git_repository_path(rr));
	snprintf(to, sizeof to, "%sobjects", git_repository_path(c->repo));
	if (!has_known) {
		if (copy_objects(from, to, e))
			goto out;
	} else {
		snprintf(to, sizeof to, "%sobjects/pack", git_repository_path(c->repo));
		if (chan_pack_write(rr, &theirs, (const git_oid *[]){&known, has_ours ? &ours : NULL},
				    2, to)) {
			chan_giterr(e, "fetching from the remote");
			goto out;
		}
	}
	if (git_repository_odb(&odb, c->repo) || git_odb_refresh(odb) || !git_odb_exists(odb, &theirs)) {
		err_kind(e, IPC_E_CORRUPT, NULL, _("remote %s: its branch names objects its repository lacks"),
			 r->name);
		goto out;
	}
	if (git_reference_create(&ref, c->repo, name, &theirs, 1, "ipcase sync: fetch")) {
		chan_giterr(e, "recording what the remote has");
		goto out;
	}
	rc = 0;
out:
	git_reference_free(ref);
	git_odb_free(odb);
	git_repository_free(rr);
	return rc;
}

int chan_fetch(struct chan *c, const struct db_remote *r, ipc_err *e)
{
	git_fetch_options fo;
	struct callbacks_state s = {.c = c, .r = r};
	git_remote *remote = NULL;
	char spec[160], *specs[] = {spec}, path[1100];
	git_strarray refspecs = {specs, 1};
	int rc;

	if (url_local(r->url))
		return url_path(r->url, path, sizeof path, e) ? -1 : local_fetch(c, r, path, e);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	snprintf(spec, sizeof spec, "+%s:refs/remotes/%s/main", CHAN_BRANCH, r->name);
	callbacks_init(&fo.callbacks, &s);
	if (chan_progress(c, "fetching", 0, 0, e))
		return -1;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (remote_new(&remote, c->repo, r->url) != 0)
		return reach_error(r, -1, e);
	rc = git_remote_fetch(remote, &refspecs, &fo, "ipcase sync: fetch");
	if (rc)
		reach_error(r, rc, e);
	git_remote_free(remote);
	return rc ? -1 : 0;
}

/* A bare repository at the path has its HEAD on our branch, so `git clone` checks it out. */
static void head_on_main(git_repository *rr)
{
	git_reference *head = NULL;

	if (git_reference_lookup(&head, rr, "HEAD") == 0
	    && git_reference_type(head) == GIT_REFERENCE_SYMBOLIC
	    && strcmp(git_reference_symbolic_target(head), CHAN_BRANCH) != 0)
		git_repository_set_head(rr, CHAN_BRANCH);
	git_reference_free(head);
}

/* A shared folder's repository says who may read it (git init --shared): what we write
 * there follows it, not our workspace's owner-only umask. */
static mode_t shared_umask(git_repository *rr)
{
	git_config *cfg = NULL;
	const char *v = NULL;
	git_buf buf = {0};
	mode_t mask = 077;

	if (git_repository_config_snapshot(&cfg, rr) == 0
	    && git_config_get_string_buf(&buf, cfg, "core.sharedrepository") == 0)
		v = buf.ptr;
	if (v && (!strcmp(v, "group") || !strcmp(v, "true") || !strcmp(v, "1")))
		mask = 007;
	else if (v && (!strcmp(v, "all") || !strcmp(v, "world") || !strcmp(v, "everybody")
		       || !strcmp(v, "2")))
		mask = 002;
	git_buf_dispose(&buf);
	git_config_free(cfg);
	return mask;
}

/* What the remote now has, as a fetch would have recorded it. */
static void remember_pushed(struct chan *c, const struct db_remote *r, const git_oid *id)
{
	git_reference *ref = NULL;
	char name[160];

	snprintf(name, sizeof name, "refs/remotes/%s/main", r->name);
	git_reference_create(&ref, c->repo, name, id, 1, "ipcase sync: pushed");
	git_reference_free(ref);
}

static int local_push(struct chan *c, const struct db_remote *r, const char *path,
		      const git_oid *ours, bool *rejected, ipc_err *e)
{
	git_repository *rr = NULL;
	git_reference *ref = NULL;
	git_oid theirs;
	char packdir[1200], from[1200];
	mode_t mask;
	int had, rc = -1;

	if (git_repository_open_bare(&rr, path) != 0)
		return reach_error(r, -1, e);
	had = git_reference_name_to_id(&theirs, rr, CHAN_BRANCH) == 0;
	if (had && git_oid_equal(&theirs, ours)) {
		rc = 0;
		goto out;
	}
	/* the remote moved past what we merged: fetch, merge, try again */
	if (had && git_graph_descendant_of(c->repo, ours, &theirs) != 1) {
		*rejected = true;
		rc = 0;
		goto out;
	}
	mask = umask(shared_umask(rr));
	if (had) {
		snprintf(packdir, sizeof packdir, "%sobjects/pack", git_repository_path(rr)); /* ends in / */
		rc = chan_pack_write(c->repo, ours, (const git_oid *[]){&theirs}, 1, packdir);
	} else { /* an empty remote takes everything we have, as it lies: our packs are copied */
		snprintf(from, sizeof from, "%sobjects", git_repository_path(c->repo));
		snprintf(packdir, sizeof packdir, "%sobjects", git_repository_path(rr));
		rc = copy_objects(from, packdir, e) ? -2 : 0;
	}
	if (rc == -2) {
		umask(mask);
		goto out;
	}
	if (rc) {
		umask(mask);
		chan_giterr(e, "writing to the remote");
		goto out;
	}
	/* move the ref only from the value we built on */
	rc = had ? git_reference_create_matching(&ref, rr, CHAN_BRANCH, ours, 1, &theirs,
						 "ipcase sync: push")
		 : git_reference_create(&ref, rr, CHAN_BRANCH, ours, 0, "ipcase sync: push");
	umask(mask);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		*rejected = true;
		rc = 0;
	} else if (rc == GIT_ELOCKED) {
		rc = err_set(e, _("remote %s: its branch is locked (%s%s.lock); if no one is syncing "
			     "with it now, a crash left that file: remove it"), r->name,
			     git_repository_path(rr), CHAN_BRANCH);
	} else if (rc) {
		rc = chan_giterr(e, "updating the remote's branch");
	} else {
		head_on_main(rr);
		remember_pushed(c, r, ours);
	}
out:
	git_reference_free(ref);
	git_repository_free(rr);
	return rc;
}

static int remote_push(struct chan *c, const struct db_remote *r, bool *rejected, ipc_err *e)
{
	git_push_options po;
	struct callbacks_state s = {.c = c, .r = r};
	git_remote *remote = NULL;
	char spec[] = CHAN_BRANCH ":" CHAN_BRANCH, *specs[] = {spec};
	git_strarray refspecs = {specs, 1};
	int rc;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	callbacks_init(&po.callbacks, &s);
	if (remote_new(&remote, c->repo, r->url) != 0)
		return reach_error(r, -1, e);
	rc = git_remote_push(remote, &refspecs, &po);
	git_remote_free(remote);
	if (rc == GIT_ENONFASTFORWARD) {
		*rejected = true;
		return 0;
	}
	if (rc)
		return reach_error(r, rc, e);
	/* a refused ref update is reported here only: push itself said 0 */
	if (!s.refused[0]) {
		git_oid ours;
		if (chan_ref(c, CHAN_BRANCH, &ours, NULL) == 1)
			remember_pushed(c, r, &ours);
	} else {
		/* another push won the race on the server: fetch, merge, push again */
		if (strstr(s.refused, "fast-forward") || strstr(s.refused, "fetch first")
		    || strstr(s.refused, "stale") || strstr(s.refused, "failed to update ref")
		    || strstr(s.refused, "cannot lock") || strstr(s.refused, "failed to lock"))
			*rejected = true;
		else
			return err_kind(e, IPC_E_NETWORK, NULL, _("remote %s refused the push: %s"),
					r->name, s.refused);
	}
	return 0;
}

int chan_push(struct chan *c, const struct db_remote *r, bool *rejected, ipc_err *e)
{
	char fetched[160], path[1100];
	git_oid ours, theirs;
	int has;

	*rejected = false;
	if ((has = chan_ref(c, CHAN_BRANCH, &ours, e)) <= 0)
		return has;
	/* the remote has what we just fetched from it: nothing to send, no second connection */
	snprintf(fetched, sizeof fetched, "refs/remotes/%s/main", r->name);
	if (chan_ref(c, fetched, &theirs, NULL) == 1 && git_oid_equal(&ours, &theirs))
		return 0;
	if (chan_progress(c, "sending", 0, 0, e))
		return -1;
	if (!url_local(r->url))
		return remote_push(c, r, rejected, e);
	return url_path(r->url, path, sizeof path, e) ? -1 : local_push(c, r, path, &ours, rejected, e);
}
