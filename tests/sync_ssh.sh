#!/usr/bin/env bash
# Sync through ssh against a real sshd (Debian's openssh-server) on 127.0.0.1, no mocks: a
# throwaway host key and user keys, its own sshd_config, a bare repository, HOME in a temp dir
# whose ~/.ssh/known_hosts is the only trust there is. Two (and more) workspaces sync through
# ssh:// and scp-style URLs; every way of failing says why in words and exits 1.
# Usage: tests/sync_ssh.sh path/to/ipcase
set -u
bin=${1:?usage: sync_ssh.sh IPCASE_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=fixtures/net.sh
. "$here/fixtures/net.sh"
net_setup ssh
started=$(date +%s)

# --- sshd, keys, HOME -------------------------------------------------------------------------
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing openssh-server openssh-client"
    (apt-get install -y -qq openssh-server openssh-client || (apt-get update -qq \
      && apt-get install -y -qq openssh-server openssh-client)) >"$t/apt.log" 2>&1
  fi
fi
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null || ! command -v git >/dev/null; then
  skip "no /usr/sbin/sshd, ssh-keygen or git (as root: apt-get install -y openssh-server openssh-client git)"
  echo "sync_ssh: 0 passed, 0 failed, $skipped skipped"
  exit 0
fi

user=$(id -un)
unset SSH_AUTH_SOCK SSH_AGENT_PID IPCASE_SSH_PASSPHRASE IPCASE_HOME
export HOME=$t/home
mkdir -p "$HOME/.ssh" "$t/run"
chmod 700 "$HOME/.ssh"
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd  # sshd's privilege separation directory

keygen() { ssh-keygen -q -t "$1" -N "${3:-}" -C "ipcase-test-$2" -f "$t/$2" "${@:4}"; }
keygen ed25519 host_key
keygen ed25519 user_key
keygen ed25519 wrong_key
keygen ed25519 other_host_key
keygen ecdsa ecdsa_key
keygen ed25519 pass_key sekret
keygen rsa rsa_key '' -b 2048
cat "$t/user_key.pub" "$t/ecdsa_key.pub" "$t/pass_key.pub" "$t/rsa_key.pub" >"$t/authorized_keys"
hostkey=$(cut -d' ' -f1,2 "$t/host_key.pub")

# start_sshd NAME PORT: sshd -D in the background with its own config; pid appended to pids
start_sshd() {
  local name=$1 port=$2 i
  cat >"$t/run/$name.conf" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $t/host_key
AuthorizedKeysFile $t/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $t/run/$name.pid
EOF
  /usr/sbin/sshd -D -f "$t/run/$name.conf" -E "$t/run/$name.log" &
  pids+=($!)
  for ((i = 0; i < 50; i++)); do
    grep -q "Server listening on 127.0.0.1 port $port" "$t/run/$name.log" 2>/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

for _ in 1 2 3; do
  port=$(free_port)
  start_sshd main "$port" && break
  port=
done
if [ -z "$port" ]; then
  bad "sshd starts on 127.0.0.1"
  sed 's/^/     | /' "$t/run/main.log"
  echo "sync_ssh: $pass passed, $fail failed, $skipped skipped"
  exit 1
fi
ok "sshd listening on 127.0.0.1:$port (pid ${pids[0]})"
sshd_pid=${pids[0]}
echo "[127.0.0.1]:$port $hostkey" >"$HOME/.ssh/known_hosts"

git init -q --bare "$t/srv/remote.git"
git --git-dir="$t/srv/remote.git" symbolic-ref HEAD refs/heads/main
repo=$t/srv/remote.git
url=ssh://$user@127.0.0.1:$port$repo

ipc() { local ws=$1; shift; timeout 60 "$bin" --home "$t/$ws" "$@"; }
new_ws() { "$bin" --home "$t/$1" init --office 130100 --office-name 石家庄市市场监督管理局 \
  --officer "$1" --cert "1301$RANDOM" >/dev/null; }
remote_head() { git --git-dir="$repo" rev-parse -q --verify refs/heads/main 2>/dev/null; }
# remote_set WS NAME URL [--key K]: (re)point a remote
remote_set() {
  local ws=$1 name=$2
  shift 2
  "$bin" --home "$t/$ws" remote remove "$name" >/dev/null 2>&1
  "$bin" --home "$t/$ws" remote add "$name" "$@" >/dev/null
}

# --- two workspaces through ssh:// with a key file ---------------------------------------------
if ! { new_ws A && new_ws B && new_ws C; }; then bad "init of the workspaces"; exit 1; fi
check "remote add with --key" remote_set A origin "$url" --key "$t/user_key"
remote_set B origin "$url" --key "$t/user_key"
id1=$(ipc A case add --title "ssh 案件 一" --ip-type trademark)

expect_ok "A syncs through $url" ipc A sync origin
check_out "  its summary says 1 op sent" '^origin: received 0 ops .*sent 1,'
check "the bare repository got A's commit" [ -n "$(remote_head)" ]
check "git log of the remote shows who synced" \
  grep -q "^A " <<<"$(git --git-dir="$repo" log -1 --format='%an %s' main 2>/dev/null)"

expect_ok "B syncs through ssh" ipc B sync origin
check_out "  its summary says 1 op received" '^origin: received 1 op '
check "the case created on A arrived on B" has_case "$t/B" "$id1" "ssh 案件 一"

id2=$(ipc B case add --title "ssh 案件 二" --ip-type trademark)
ipc B case set "$id1" region=130102 >/dev/null 2>&1
expect_ok "B sends its case and edit" ipc B sync origin
expect_ok "A receives them" ipc A sync origin
check "B's case arrived on A" has_case "$t/A" "$id2" "ssh 案件 二"
check "A and B export byte-identical JSON" same_export "$t/A" "$t/B"

expect_ok "a no-op sync" ipc A sync origin
check_out "  it received and sent nothing" 'received 0 ops .*sent 0,'
conns() { grep -c "Accepted publickey" "$t/run/main.log"; }

# --- scp-style URLs ---------------------------------------------------------------------------
# user@host:path has no place for a port; libgit2 1.5 takes git's bracketed form for one.
remote_set C origin "[$user@127.0.0.1:$port]:$repo" --key "$t/user_key"
expect_ok "scp-style with a port, [$user@127.0.0.1:$port]:$repo" ipc C sync origin
check "C has everything A has" same_export "$t/A" "$t/C"

# ~/.ssh/config is OpenSSH's, not libgit2's: a Host alias is looked up in DNS as a name.
printf 'Host ipcase-alias\n  HostName 127.0.0.1\n  Port %s\n  User %s\n  IdentityFile %s\n' \
  "$port" "$user" "$t/user_key" >"$HOME/.ssh/config"
remote_set C alias "$user@ipcase-alias:$repo" --key "$t/user_key"
expect_fail "an ~/.ssh/config Host alias is not honoured by libgit2 (a DNS failure)" 'DNS' \
  ipc C sync alias
rm -f "$HOME/.ssh/config"

# plain scp-style needs port 22; bind it only when it is free (nobody's sshd runs there)
if port_free 22 && start_sshd port22 22; then
  mkdir -p "$t/home22/.ssh"
  echo "127.0.0.1 $hostkey" >"$t/home22/.ssh/known_hosts"
  new_ws D
  remote_set D origin "$user@127.0.0.1:$repo" --key "$t/user_key"
  expect_ok "scp-style $user@127.0.0.1:$repo (a second sshd on port 22)" \
    env HOME="$t/home22" timeout 60 "$bin" --home "$t/D" sync origin
  check "D has everything A has" same_export "$t/A" "$t/D"
  kill "${pids[-1]}" 2>/dev/null
else
  skip "plain scp-style user@127.0.0.1:path: port 22 of 127.0.0.1 is taken or cannot be bound, and scp-style cannot name another port"
fi

# --- keys -------------------------------------------------------------------------------------
remote_set C k "$url" --key "$t/ecdsa_key"
expect_ok "an ECDSA key works" ipc C sync k
remote_set C k "$url" --key "$t/pass_key"
expect_ok "a passphrase-protected key with IPCASE_SSH_PASSPHRASE" \
  env IPCASE_SSH_PASSPHRASE=sekret timeout 60 "$bin" --home "$t/C" sync k
expect_fail "the same key without IPCASE_SSH_PASSPHRASE: authentication" 'authentication' ipc C sync k
cp "$t/user_key" "$t/nopub_key"
remote_set C k "$url" --key "$t/nopub_key"
expect_ok "a key file without its .pub beside it" ipc C sync k

before=$(conns)
remote_set C k "$url" --key "$t/wrong_key"
expect_fail "a key the server does not know: exit 7, authentication" 'authentication' ipc C sync k
check "  and it gives up in under 10 s" [ "${secs%.*}" -lt 10 ]
check "  and it never logged in" [ "$(conns)" = "$before" ]
remote_set C k "$url" --key "$t/rsa_key"
expect_fail "an RSA key (libssh2 1.10 lacks rsa-sha2): authentication, advising ed25519" \
  'authentication.*ed25519|ed25519.*authentication' ipc C sync k
"$bin" --home "$t/C" remote add k2 "$url" --key "$t/no_such_key" >"$t/out" 2>&1
check "remote add refuses a key file that does not exist" [ $? -ne 0 ]

# ssh-agent: no --key
if command -v ssh-agent >/dev/null && command -v ssh-add >/dev/null; then
  remote_set C agent "$url"
  expect_fail "no --key and no ssh-agent: exit 7, authentication" 'authentication' ipc C sync agent
  eval "$(ssh-agent -s -a "$t/run/agent.sock")" >/dev/null
  pids+=("$SSH_AGENT_PID")
  ssh-add -q "$t/user_key" 2>/dev/null
  expect_ok "no --key: the key from ssh-agent" ipc C sync agent
  ssh-add -q -D 2>/dev/null
  expect_fail "ssh-agent without the right key: authentication" 'authentication' ipc C sync agent
  kill "$SSH_AGENT_PID" 2>/dev/null
  unset SSH_AUTH_SOCK SSH_AGENT_PID
else
  skip "ssh-agent: not installed"
fi

# --- host keys: ~/.ssh/known_hosts of $HOME is what libgit2 1.5 trusts ------------------------
id3=$(ipc A case add --title "未同步" --ip-type trademark)
head_before=$(remote_head)
with_known_hosts() {  # CONTENT|-: a HOME whose known_hosts holds CONTENT (- : no file at all)
  rm -rf "$t/h2"
  mkdir -p "$t/h2/.ssh"
  [ "$1" = - ] || printf '%s' "$1" >"$t/h2/.ssh/known_hosts"
  run env HOME="$t/h2" timeout 60 "$bin" --home "$t/A" sync origin
}
host_refused() {  # WHAT
  if [ "$rc" -eq 7 ] && grep -Eiq 'host key|certificate' "$t/out" && [ "$(remote_head)" = "$head_before" ]; then
    ok "$1: exit 7, host key/certificate, nothing pushed (${secs} s)"
  else
    bad "$1: want exit 7, /host key|certificate/ and the remote unchanged; got exit $rc"
    show
  fi
}
with_known_hosts ""
host_refused "an empty known_hosts"
with_known_hosts -
host_refused "no known_hosts file"
with_known_hosts "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$t/other_host_key.pub")"$'\n'
host_refused "known_hosts holds another key for [127.0.0.1]:$port (a changed host key)"
with_known_hosts "[127.0.0.1]:$((port + 1)) $hostkey"$'\n'
host_refused "known_hosts knows the key only at another port"
with_known_hosts "localhost $hostkey"$'\n'
host_refused "known_hosts knows the key only as localhost"
cp "$HOME/.ssh/known_hosts" "$t/kh"
ssh-keygen -q -H -f "$t/kh" >/dev/null 2>&1
with_known_hosts "$(cat "$t/kh")"$'\n'
if [ "$rc" -eq 0 ]; then ok "a hashed known_hosts entry (ssh-keygen -H) is trusted"; else bad "a hashed known_hosts entry: exit $rc"; show; fi
check "  and the pending case went out" [ "$(remote_head)" != "$head_before" ]

# --- unreachable servers, wrong paths ---------------------------------------------------------
dead=$(free_port)
remote_set C dead "ssh://$user@127.0.0.1:$dead$repo" --key "$t/user_key"
expect_fail "a port with nothing listening: refused" 'refused' ipc C sync dead
remote_set C nx "ssh://$user@no-such-host.invalid/x.git" --key "$t/user_key"
expect_fail "a host name that does not resolve: DNS" 'DNS' ipc C sync nx
remote_set C nr "ssh://$user@127.0.0.1:$port$t/srv/nothing-here.git" --key "$t/user_key"
expect_fail "no repository at that path: says so" 'no repository' ipc C sync nr

hole=$(free_port)
blackhole "$hole"
pids+=($!)
wait_listen "$hole" 5
remote_set C hole "ssh://$user@127.0.0.1:$hole$repo" --key "$t/user_key"
# the product has no timeout of its own yet; IPCASE_NET_TIMEOUT is the proposed knob (seconds)
run env IPCASE_NET_TIMEOUT=3 timeout 15 "$bin" --home "$t/C" sync hole
if [ "$rc" -eq 7 ] && grep -Eiq 'timeout|timed out' "$t/out"; then
  ok "a server that accepts but never answers: timeout (${secs} s)"
elif [ "$rc" -eq 124 ]; then
  bad "a server that accepts but never answers: sync hung (killed after 15 s; IPCASE_NET_TIMEOUT=3 set)"
else
  bad "a server that accepts but never answers: want exit 7 and /timeout/, got exit $rc"
  show
fi

# --- the server refuses the push ----------------------------------------------------------------
printf '#!/bin/sh\necho "policy: read-only today" >&2\nexit 1\n' >"$repo/hooks/pre-receive"
chmod +x "$repo/hooks/pre-receive"
ipc B case add --title "被拒绝" --ip-type trademark >/dev/null
head_before=$(remote_head)
expect_fail "a push the server refuses (pre-receive hook): exit 7, refused" 'refused|declined' \
  ipc B sync origin
check "  and the remote branch did not move" [ "$(remote_head)" = "$head_before" ]
rm -f "$repo/hooks/pre-receive"
expect_ok "once the server accepts again, the next sync sends it" ipc B sync origin
check "  and the remote branch moved" [ "$(remote_head)" != "$head_before" ]

# --- concurrent syncs through the same sshd -----------------------------------------------------
# A slow server (a pre-receive hook that sleeps 1 s) makes both pushes of a round overlap inside
# git-receive-pack: the later one finds the branch moved ("failed to update ref"), and the
# sync must fetch, merge and push again, as for any rejected push.
printf '#!/bin/sh\nsleep 1\n' >"$repo/hooks/pre-receive"
chmod +x "$repo/hooks/pre-receive"
before=$(conns)
allok=true
for round in 1 2 3; do
  ipc A case add --title "并发 A$round" --ip-type trademark >/dev/null
  ipc B case add --title "并发 B$round" --ip-type trademark >/dev/null
  ipc A sync origin >"$t/ra" 2>&1 & pa=$!
  ipc B sync origin >"$t/rb" 2>&1 & pb=$!
  wait "$pa" || { allok=false; sed 's/^/     | A: /' "$t/ra" | head -5; }
  wait "$pb" || { allok=false; sed 's/^/     | B: /' "$t/rb" | head -5; }
done
rm -f "$repo/hooks/pre-receive"
check "3 rounds of A and B syncing at the same moment (slow server): every sync succeeds" $allok
echo "     ($(($(conns) - before)) ssh logins for 6 syncs; more than 12 means pushes were retried)"
ipc A sync origin >/dev/null 2>&1; ipc B sync origin >/dev/null 2>&1; ipc C sync origin >/dev/null 2>&1
ipc A sync origin >/dev/null 2>&1
check "then A, B and C export byte-identical JSON" same_export "$t/A" "$t/B" "$t/C"
check "the case A held back from untrusted hosts reached C" has_case "$t/C" "$id3" "未同步"

# --- the remote stays ordinary git --------------------------------------------------------------
run git --git-dir="$repo" fsck --strict --no-progress
if [ "$rc" -eq 0 ]; then ok "git fsck --strict of the remote is clean"; else bad "git fsck --strict of the remote"; show; fi
check "OpenSSH's git clone of the ssh URL works" env GIT_SSH_COMMAND="ssh -i $t/user_key \
-o IdentitiesOnly=yes -o UserKnownHostsFile=$HOME/.ssh/known_hosts -o BatchMode=yes" \
  git clone -q "$url" "$t/clone"

# --- sshd stops -------------------------------------------------------------------------------
stop_all
if listening "$port"; then bad "sshd stopped"; else ok "sshd (pid $sshd_pid) stopped"; fi

echo "sync_ssh: $pass passed, $fail failed, $skipped skipped ($(($(date +%s) - started)) s)"
[ "$fail" -eq 0 ]
