#!/usr/bin/env bash
# Sync through https against a real server, no mocks: lighttpd on 127.0.0.1 running git's smart
# http (git-http-backend as CGI) behind basic auth, TLS with a throwaway CA and a certificate for
# "localhost" (libgit2's mbedTLS never matches an IP address to a certificate).
#
# Trusting the throwaway CA: Debian's libgit2 1.5.1 (mbedTLS) reads only the compiled-in
# /etc/ssl/certs/ca-certificates.crt — SSL_CERT_FILE, SSL_CERT_DIR, GIT_SSL_CAINFO and
# http.sslCAInfo are all ignored. So the test uses, in order: IPCASE_CA_FILE (proposed: the
# product passes it to git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS)), else a private mount
# namespace (unshare -m, root) in which the CA is bind-mounted over the system bundle for the
# one ipcase process, else it skips what needs trust and says so.
# Usage: tests/sync_https.sh path/to/ipcase
set -u
bin=${1:?usage: sync_https.sh IPCASE_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=fixtures/net.sh
. "$here/fixtures/net.sh"
net_setup https
started=$(date +%s)
finish() { echo "sync_https: $pass passed, $fail failed, $skipped skipped ($(($(date +%s) - started)) s)"; [ "$fail" -eq 0 ]; exit; }

backend=/usr/lib/git-core/git-http-backend
if ! command -v lighttpd >/dev/null || [ ! -e /usr/lib/lighttpd/mod_openssl.so ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing lighttpd lighttpd-mod-openssl"
    (apt-get install -y -qq lighttpd lighttpd-mod-openssl || (apt-get update -qq \
      && apt-get install -y -qq lighttpd lighttpd-mod-openssl)) >"$t/apt.log" 2>&1
  fi
fi
for need in lighttpd openssl git python3; do
  command -v "$need" >/dev/null || { skip "https: $need is not installed (as root: apt-get install -y lighttpd lighttpd-mod-openssl openssl git python3)"; finish; }
done
[ -x "$backend" ] || { skip "https: no $backend"; finish; }

unset IPCASE_GIT_USER IPCASE_GIT_PASSWORD IPCASE_GIT_TOKEN IPCASE_CA_FILE IPCASE_HOME
export HOME=$t/home
mkdir -p "$HOME" "$t/run" "$t/www" "$t/srv"

# --- a throwaway CA, a certificate for localhost, and another CA nobody trusts ----------------
mkcert() {  # NAME CA HOST: key and certificate for HOST signed by CA
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$3" \
    -keyout "$t/$1.key" -out "$t/$1.csr" 2>/dev/null &&
  printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" >"$t/$1.ext" &&
  openssl x509 -req -in "$t/$1.csr" -CA "$t/$2.pem" -CAkey "$t/$2.key" -CAcreateserial -days 2 \
    -extfile "$t/$1.ext" -out "$t/$1.pem" 2>/dev/null
}
mkca() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=ipcase test CA $1" -keyout "$t/$1.key" -out "$t/$1.pem" 2>/dev/null
}
if ! { mkca ca && mkcert server ca localhost && mkcert other ca ipcase-other.test; }; then bad "openssl makes a CA and a server certificate"; finish; fi

# --- lighttpd + git-http-backend + basic auth ---------------------------------------------------
git init -q --bare "$t/srv/remote.git"
git --git-dir="$t/srv/remote.git" symbolic-ref HEAD refs/heads/main
repo=$t/srv/remote.git
printf 'alice:s3cret pass\nipcase:tok-123\n' >"$t/users"

start_lighttpd() {  # PORT PORT2 (PORT2 shows a trusted certificate for another name)
  cat >"$t/run/lighttpd.conf" <<EOF
server.document-root = "$t/www"
server.bind = "127.0.0.1"
server.port = $1
server.errorlog = "$t/run/error.log"
server.modules = ("mod_auth", "mod_authn_file", "mod_alias", "mod_setenv", "mod_cgi",
                  "mod_openssl", "mod_accesslog")
accesslog.filename = "$t/run/access.log"
ssl.engine = "enable"
ssl.pemfile = "$t/server.pem"
ssl.privkey = "$t/server.key"
\$SERVER["socket"] == "127.0.0.1:$2" {
  ssl.engine = "enable"
  ssl.pemfile = "$t/other.pem"
  ssl.privkey = "$t/other.key"
}
alias.url = ("/git/" => "$backend/")
\$HTTP["url"] =~ "^/git/" {
  cgi.assign = ("" => "")
  setenv.set-environment = ("GIT_PROJECT_ROOT" => "$t/srv", "GIT_HTTP_EXPORT_ALL" => "1")
  auth.backend = "plain"
  auth.backend.plain.userfile = "$t/users"
  auth.require = ("" => ("method" => "basic", "realm" => "ipcase test", "require" => "valid-user"))
}
EOF
  lighttpd -D -f "$t/run/lighttpd.conf" >"$t/run/stdout.log" 2>&1 &
  pids+=($!)
  wait_listen "$1" 5 && kill -0 "${pids[-1]}" 2>/dev/null
}
for _ in 1 2 3; do
  port=$(free_port) port2=$(free_port)
  [ "$port" != "$port2" ] && start_lighttpd "$port" "$port2" && wait_listen "$port2" 2 && break
  stop_all
  port=
done
if [ -z "$port" ]; then
  bad "lighttpd starts on 127.0.0.1"
  cat "$t/run/stdout.log" "$t/run/error.log" 2>/dev/null | sed 's/^/     | /'
  finish
fi
ok "lighttpd with git-http-backend on https://localhost:$port (pid ${pids[0]})"
url=https://localhost:$port/git/remote.git
requests() { wc -l <"$t/run/access.log" 2>/dev/null || echo 0; }
refused_logins() { grep -c "password doesn't match" "$t/run/error.log" 2>/dev/null; }
remote_head() { git --git-dir="$repo" rev-parse -q --verify refs/heads/main 2>/dev/null; }

new_ws() { "$bin" --home "$t/$1" init --office 130100 --office-name 石家庄市市场监督管理局 \
  --officer "$1" --cert "1301$RANDOM" >/dev/null; }
remote_set() {
  local ws=$1 name=$2
  shift 2
  "$bin" --home "$t/$ws" remote remove "$name" >/dev/null 2>&1
  "$bin" --home "$t/$ws" remote add "$name" "$@" >/dev/null
}
ipc() { local ws=$1; shift; timeout 60 "$bin" --home "$t/$ws" "$@"; }
# command prefixes (arrays, so that env, timeout and unshare can run them)
alice=(env IPCASE_GIT_USER=alice "IPCASE_GIT_PASSWORD=s3cret pass")
token=(env IPCASE_GIT_TOKEN=tok-123)
syncA=(timeout 60 "$bin" --home "$t/A" sync)
syncB=(timeout 60 "$bin" --home "$t/B" sync)

if ! { new_ws A && new_ws B && new_ws P; }; then bad "init of the workspaces"; finish; fi
remote_set A origin "$url"
remote_set B origin "$url"
remote_set P origin "$url"  # P probes what is trusted
id1=$(ipc A case add --title "https 案件 一" --ip-type trademark)

# --- an untrusted server ------------------------------------------------------------------------
before=$(requests)
expect_fail "a certificate from a CA nobody trusts: exit 7, certificate" 'certificate' \
  "${alice[@]}" "${syncA[@]}" origin
check "  and no http request reached the server (credentials never sent)" [ "$(requests)" = "$before" ]
check "  and nothing was pushed" [ -z "$(remote_head)" ]
for var in SSL_CERT_FILE SSL_CERT_DIR GIT_SSL_CAINFO; do
  val=$t/ca.pem
  [ $var = SSL_CERT_DIR ] && { mkdir -p "$t/cadir"; cp "$t/ca.pem" "$t/cadir/"; openssl rehash "$t/cadir" 2>/dev/null; val=$t/cadir; }
  run env "$var=$val" IPCASE_GIT_TOKEN=tok-123 timeout 60 "$bin" --home "$t/P" sync origin
  [ "$rc" -eq 0 ] && echo "     note: $var is honoured by this libgit2 build" \
                  || echo "     note: $var is not honoured by this libgit2 build (exit $rc)"
done

# --- how to trust the throwaway CA --------------------------------------------------------------
trust=
run env IPCASE_CA_FILE="$t/ca.pem" IPCASE_GIT_TOKEN=tok-123 timeout 60 "$bin" --home "$t/P" sync origin
if [ "$rc" -eq 0 ]; then
  trust="env"
  ok "IPCASE_CA_FILE makes the throwaway CA trusted"
  trusted() { env IPCASE_CA_FILE="$t/ca.pem" "$@"; }
else
  skip "IPCASE_CA_FILE is not supported by this build (exit $rc): the product must pass it to git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, NULL)"
  bundle=/etc/ssl/certs/ca-certificates.crt
  if [ "$(id -u)" = 0 ] && [ -f $bundle ] && command -v unshare >/dev/null &&
     unshare -m sh -c "mount --bind '$t/ca.pem' $bundle" 2>/dev/null; then
    trust=ns
    echo "     trusting the CA with a private mount namespace instead (unshare -m; the system bundle is untouched)"
    # trusted CMD…: CMD in a mount namespace where the system CA bundle is our CA
    trusted() {
      # shellcheck disable=SC2016  # $1 is the inner shell's
      unshare -m sh -c 'mount --bind "$1" /etc/ssl/certs/ca-certificates.crt && shift &&
        exec "$@"' sh "$t/ca.pem" "$@"
    }
  fi
fi

if [ -z "$trust" ]; then
  skip "everything past the certificate check: no IPCASE_CA_FILE in the product and no unshare -m as root to trust the throwaway CA otherwise"
else
  # --- basic auth ---------------------------------------------------------------------------
  expect_fail "no credentials: exit 7, authentication required" 'authentication required' \
    trusted "${syncA[@]}" origin
  check_out "  and it says which variables to set" 'IPCASE_GIT_TOKEN'
  before=$(refused_logins) head_before=$(remote_head)
  expect_fail "a wrong password: exit 7, authentication failed" 'authentication failed' \
    trusted env IPCASE_GIT_USER=alice IPCASE_GIT_PASSWORD=wrong "${syncA[@]}" origin
  n=$(( $(refused_logins) - before ))
  check "  and it gave up after $n refused logins (at most 3)" [ "$n" -ge 1 -a "$n" -le 3 ]
  check "  and nothing was pushed" [ "$(remote_head)" = "$head_before" ]

  # --- two workspaces -------------------------------------------------------------------------
  expect_ok "A syncs with IPCASE_GIT_USER and IPCASE_GIT_PASSWORD" trusted "${alice[@]}" "${syncA[@]}" origin
  check "the bare repository got A's commit" [ "$(remote_head)" != "$head_before" ]
  expect_ok "B syncs with IPCASE_GIT_TOKEN" trusted "${token[@]}" "${syncB[@]}" origin
  check "the case created on A arrived on B" has_case "$t/B" "$id1" "https 案件 一"
  id2=$(ipc B case add --title "https 案件 二" --ip-type trademark)
  expect_ok "B sends a case" trusted "${token[@]}" "${syncB[@]}" origin
  expect_ok "A receives it" trusted "${alice[@]}" "${syncA[@]}" origin
  check "B's case arrived on A" has_case "$t/A" "$id2" "https 案件 二"
  check "A and B export byte-identical JSON" same_export "$t/A" "$t/B"
  expect_ok "a no-op sync" trusted "${alice[@]}" "${syncA[@]}" origin
  check_out "  it received and sent nothing" 'received 0 ops .*sent 0,'

  # --- names, paths -------------------------------------------------------------------------
  remote_set A ip "https://127.0.0.1:$port/git/remote.git"
  expect_fail "a trusted certificate reached by IP address: certificate (IPs never match)" \
    'certificate' trusted "${alice[@]}" "${syncA[@]}" ip
  remote_set A other "https://localhost:$port2/git/remote.git"
  expect_fail "a trusted certificate for another name (ipcase-other.test): certificate" \
    'certificate' trusted "${alice[@]}" "${syncA[@]}" other
  remote_set A nr "https://localhost:$port/git/nothing-here.git"
  expect_fail "no repository at that path (404): says so" 'no repository' trusted "${alice[@]}" "${syncA[@]}" nr
fi

# --- unreachable servers (no trust needed) ------------------------------------------------------
dead=$(free_port)
remote_set A dead "https://localhost:$dead/git/remote.git"
expect_fail "a port with nothing listening: refused" 'refused' ipc A sync dead
remote_set A nx "https://no-such-host.invalid/git/remote.git"
expect_fail "a host name that does not resolve: DNS" 'DNS' ipc A sync nx
hole=$(free_port)
blackhole "$hole"
pids+=($!)
wait_listen "$hole" 5
remote_set A hole "https://localhost:$hole/git/remote.git"
run env IPCASE_NET_TIMEOUT=3 timeout 15 "$bin" --home "$t/A" sync hole
if [ "$rc" -eq 7 ] && grep -Eiq 'timeout|timed out' "$t/out"; then
  ok "a server that accepts but never answers: timeout (${secs} s)"
elif [ "$rc" -eq 124 ]; then
  bad "a server that accepts but never answers: sync hung (killed after 15 s; IPCASE_NET_TIMEOUT=3 set)"
else
  bad "a server that accepts but never answers: want exit 7 and /timeout/, got exit $rc"
  show
fi

if [ -n "$(remote_head)" ]; then
  run git --git-dir="$repo" fsck --strict --no-progress
  if [ "$rc" -eq 0 ]; then ok "git fsck --strict of the remote is clean"; else bad "git fsck --strict of the remote"; show; fi
fi

stop_all
if listening "$port"; then bad "lighttpd stopped"; else ok "lighttpd stopped"; fi
finish
