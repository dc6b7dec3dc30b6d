#!/usr/bin/env bash
# Makes the seed corpora of the fuzzers (fuzz/corpus/<target>/) with the program itself: an
# office (130100) with its key, a colleague admitted and one revoked, a second office (110108)
# whose key it verified, a case with a reporter handed off to it, a request, an investigator
# pool with an assignment, next year's calendar; all synced through bare repositories. The
# files are what those repositories hold (op lines, key files, a package and its seal), in
# each harness's input format (see the header of fuzz/fuzz_<target>.c). Run it again when a
# format changes:  bash fuzz/seeds.sh ./ipcase
set -eu
bin=$(realpath "${1:?usage: seeds.sh IPCASE_BINARY}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d /tmp/ipcase-seeds-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export GIT_CONFIG_NOSYSTEM=1 HOME=$tmp
w() { local h=$1; shift; "$bin" --home "$tmp/$h" "$@"; }
json() { /usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1"; }
sync_all() { for h in "$@"; do w "$h" sync >/dev/null; done; }

git init -q --bare -b main "$tmp/collab.git"
git init -q --bare -b main "$tmp/office-s.git"
git init -q --bare -b main "$tmp/office-h.git"
w s  init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 --cert 13010001 \
     --case-prefix 冀石市监处罚 --create-office >/dev/null
w s2 init --office 130100 --office-name 石家庄市市场监督管理局 --officer 李敏 --cert 13010002 >/dev/null
w s3 init --office 130100 --office-name 石家庄市市场监督管理局 --officer 张伟 --cert 13010003 >/dev/null
w h  init --office 110108 --office-name 北京市海淀区市场监督管理局 --officer 李明 --cert 11010801 \
     --create-office >/dev/null
for h in s s2 s3 h; do
  w "$h" remote add office "$tmp/office-${h:0:1}.git"
  w "$h" remote add collab "$tmp/collab.git" --channel collab
done
sync_all s s2 s3 h s
fp_s=$(w s office show --json | json 'j["fingerprint"]')
fp_h=$(w h office show --json | json 'j["fingerprint"]')
w s2 office join "$fp_s" --note 新调入 >/dev/null
w s3 office join "$fp_s" >/dev/null
sync_all s2 s3 s
w s office admit "$(w s2 office show --json | json 'j["device_fingerprint"]')" --roles handler,reviewer >/dev/null
w s office admit "$(w s3 office show --json | json 'j["device_fingerprint"]')" >/dev/null
sync_all s s3
w s office revoke "$(w s3 office show --json | json 'j["device_fingerprint"]')" --reason 设备遗失 >/dev/null
w s office verify 110108 "$fp_h" >/dev/null

c=$(w s case add --title "销售假冒注册商标运动鞋案" --ip-type 商标 --region 130100 --place 南三条市场 \
    --notes "举报人称仓库在海淀")
w s party add "$c" --role 当事人 --name 石家庄某商贸有限公司 --uscc 914403001922038216 >/dev/null
w s party add "$c" --role 举报人 --name 张秘密 --id-number 11010519491231002X --phone 13900001111 >/dev/null
printf 'receipt of the purchase\n' >"$tmp/receipt.jpg"
w s evidence add "$c" --kind 书证 --desc 购货票据 --file "$tmp/receipt.jpg" >/dev/null
w s collab new --kind 协助调查 --to 110108 --case "$c" --subject "请协助调查海淀区供货商" --body "请核查供货仓库" >/dev/null
w s handoff "$c" --to 110108 --body "涉嫌在贵辖区销售，请依法处理" >/dev/null
cat >"$tmp/pool.csv" <<'EOF'
姓名,工作单位,技术领域,区划,来源库,职称与资格,联系方式,利益关联单位
调查官001,某研究院第1研究所,集成电路;electronics,130100,provincial,高级工程师,13900000001,关联公司001:914403001922038216
调查官002,"某大学, 机械学院",机械,110108,national,教授,13900000002,
EOF
w s investigator import "$tmp/pool.csv" >/dev/null
inv=$(w s investigator list --query 调查官002 --json | json 'j[0]["id"]')
c2=$(w s case add --title "电路布图侵权案" --ip-type 集成电路布图设计 --region 130100)
w s assign "$c2" "$inv" --tasks 调查,分析 --due 2099-12-31 >/dev/null
w s investigator export --bom --output "$tmp/export.csv"
cat >"$tmp/2027.txt" <<'EOF'
# 国务院办公厅关于2027年部分节假日安排的通知 (an example)
year 2027
2027-01-01 off  元旦
2027-02-06 work 春节  # 周六
2027-02-10 off  春节
2027-02-11 off  春节
EOF
w s calendar import "$tmp/2027.txt" >/dev/null
sync_all s h s2 s

# ---- the repositories' files, in each harness's format ----
/usr/bin/python3 - "$tmp" "$(w s office show --json)" <<'EOF'
import json, os, shutil, struct, subprocess, sys

tmp, office = sys.argv[1], json.loads(sys.argv[2])
out = "fuzz/corpus"

def files(repo):
    """{path: bytes} of the main branch of a bare repository"""
    names = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "main"],
                           capture_output=True, text=True, check=True).stdout.split()
    return {p: subprocess.run(["git", "-C", repo, "cat-file", "blob", "main:" + p],
                              capture_output=True, check=True).stdout for p in names}

collab, office_s = files(f"{tmp}/collab.git"), files(f"{tmp}/office-s.git")
every = {**office_s, **collab}
ops = [json.loads(l) for p, b in every.items() if p.startswith("ops/") for l in b.decode().splitlines()]
keys = {json.loads(b)["officer"]: json.loads(b) for p, b in every.items() if p.startswith("keys/")}

# the placeholders of fuzzkit's office: enum fk_signer, then the roster's records
office_key = {o["set"]["code"]: o["actor"] for o in ops if o["type"] == "office"}
signers = {office_key["130100"]: 0, keys["王建国"]["actor"]: 1, keys["李敏"]["actor"]: 2,
           keys["李明"]["actor"]: 3, office_key["110108"]: 4, keys["张伟"]["actor"]: 5}
names = ["@office", "@self", "@colleague", "@stranger", "@office2", "@unknown"]
records = {}
for o in ops:
    if o["type"] == "office" and o["actor"] == office_key["130100"]:
        records[o["record"]] = "@office-record"
    if o["type"] == "member" and o["set"].get("device") == keys["王建国"]["actor"]:
        records[o["record"]] = "@self-member"
    if o["type"] == "member" and o["set"].get("device") == keys["李敏"]["actor"]:
        records[o["record"]] = "@colleague-member"

def bound(v):
    if isinstance(v, dict):
        return {k: bound(x) for k, x in v.items()}
    if isinstance(v, list):
        return [bound(x) for x in v]
    if isinstance(v, str) and v in signers:
        return names[signers[v]]
    return records.get(v, v) if isinstance(v, str) else v

def body(o):
    """an op as fuzzkit signs it again: no id, sig or actor; placeholders for our keys"""
    return json.dumps(bound({k: v for k, v in o.items() if k not in ("id", "sig", "actor")}),
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)

def corpus(target, items):
    d = f"{out}/{target}"
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in items:
        with open(f"{d}/{name}", "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

# fuzz_op: a line of each type, as it is (even) and signed again (odd)
first = {}
for p, b in sorted(every.items()):
    if p.startswith("ops/"):
        first.setdefault(p.split("/")[1], b.splitlines()[0])
corpus("op", [(f"{t}-{m}", bytes([m]) + l) for t, l in first.items() for m in (0, 1)])
# fuzz_key: key files, as they are and signed again
corpus("key", [(f"{k['cert']}-{m}", bytes([m]) + json.dumps(k, ensure_ascii=False,
        separators=(",", ":"), sort_keys=True).encode()) for k in keys.values() for m in (0, 1)])
# fuzz_roster: the roster's ops and a few others, each by its own signer
kinds = ("office", "member", "revoked_ops", "join", "case", "party", "collab_request", "investigator")
count, items = {}, []
for o in ops:
    if o["type"] in kinds and o["actor"] in signers and count.get(o["type"], 0) < 3:
        count[o["type"]] = count.get(o["type"], 0) + 1
        items.append((f"{o['type']}-{count[o['type']]}", bytes([signers[o["actor"]]]) + body(o).encode()))
corpus("roster", items)
# fuzz_package: the handoff's package, its request and seals made here
req = next(o["set"] for o in ops if o["type"] == "collab_request" and o["set"].get("kind") == "case_transfer")
req_json = json.dumps(req, ensure_ascii=False, separators=(",", ":"))
sealed_plain = json.dumps({"v": 1, "notes": "举报人称仓库在海淀", "parties": [{"i": 1, "name": "张秘密",
                           "id_number": "11010519491231002X", "phone": "13900001111"}]}, ensure_ascii=False)
corpus("package", [("package", b"\x00" + req["package"].encode()), ("request", b"\x01" + req_json.encode()),
                   ("seal", b"\x02\x00\x00" + sealed_plain.encode()),
                   ("seal-nonce", b"\x02\x01\x20" + b"A" * 32 + sealed_plain.encode()),
                   ("seal-key", b"\x02\x03\x04" + b"AAAA" + sealed_plain.encode())])
# fuzz_csv: the pool imported, the pool exported
corpus("csv", [("pool.csv", open(f"{tmp}/pool.csv", "rb").read()),
               ("export.csv", open(f"{tmp}/export.csv", "rb").read())])
# fuzz_calendar: next year's notice, and the first year shipped
shipped = open("data/calendar.txt", encoding="utf-8").read()
corpus("calendar", [("2027.txt", open(f"{tmp}/2027.txt", "rb").read()),
                    ("2025.txt", shipped[shipped.index("year 2025"):shipped.index("year 2026")])])

# fuzz_tree: programs (fuzz/fuzz_tree.c) that rebuild a channel's tree: every key file by KEY,
# every ops file by OPS signed again (or BLOB as it is, when no signer of ours wrote it), each
# placed at its path (PLACE); files and ipcase.json as BLOB
def u16(n):
    return struct.pack(">H", n)

def program(channel, tree, extra=b""):
    p = bytes([channel])
    for path, b in sorted(tree.items()):
        if path.startswith("keys/") and json.loads(b)["actor"] in signers:
            p += bytes([2, signers[json.loads(b)["actor"]]])
        elif path.startswith("ops/") and path.split("/")[-1][:-6] in signers:
            lines = "\n".join(body(json.loads(l)) for l in b.decode().splitlines()).encode()
            p += bytes([1, signers[path.split("/")[-1][:-6]]]) + u16(len(lines)) + lines
        else:
            p += bytes([0]) + u16(len(b)) + b
        p += bytes([3, 0])
    return p + extra

small = {p: b for p, b in office_s.items() if p.startswith(("keys/", "ipcase.json")) or "/case/" in p}
corpus("tree", [("office", program(0, office_s)), ("collab", program(1, collab)),
                # the same tree imported since the half of it before (FROM)
                ("since", program(0, dict(list(small.items())[:2])) + bytes([5, 9]) + program(0, small)[1:]),
                # a valid tree, then nested 40 deep and fanned out 3 by 3 wide
                ("nested", program(0, small) + bytes([5, 7]) + u16(40) + bytes([3])),
                ("fan", program(0, small) + bytes([5, 8, 2, 2]))])
EOF
du -sh fuzz/corpus/*
