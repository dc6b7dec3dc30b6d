# shellcheck shell=bash
# Shared by the benchmarks (sourced, not run): demo_ws NAME BIN HOME N makes the workspace HOME
# with N demo cases, or says it reuses the one there, timing what it makes.
demo_ws() {
  local name=$1 bin=$2 home=$3 n=$4 t0
  if [ -f "$home/ipcase.db" ]; then
    echo "ipcase $name bench: reusing $home"
    return
  fi
  "$bin" --home "$home" init --office 130100 --office-name 石家庄市市场监督管理局 --officer 王建国 \
    --cert 13010001 --case-prefix 冀石市监处罚 >/dev/null
  t0=$(date +%s.%N)
  "$bin" --home "$home" demo --cases "$n" >/dev/null
  printf 'ipcase %s bench: %d demo cases made in %.1f s (%s)\n' "$name" "$n" \
    "$(echo "$(date +%s.%N) - $t0" | bc)" "$home"
}
