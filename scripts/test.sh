#!/usr/bin/env bash
# The README's test command: install what the tests need, then run them all.
# As root on Debian it also installs the system packages (a browser and CJK fonts for the
# compilation tests); elsewhere those tests are skipped with a reason.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# System packages: only what is missing, only as root with apt.
APT_PACKAGES=(git chromium fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils)
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# A stock Debian/Ubuntu Python refuses `pip install` outside a virtual environment (PEP 668,
# "externally-managed-environment"): then the tests get their own venv in .venv.
outside_venv_and_managed() {
  "$PY" - <<'PYEOF'
import os, sys, sysconfig
in_venv = sys.prefix != sys.base_prefix
managed = os.path.exists(os.path.join(sysconfig.get_paths()["stdlib"], "EXTERNALLY-MANAGED"))
sys.exit(0 if (managed and not in_venv) else 1)
PYEOF
}
if outside_venv_and_managed; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  PY=.venv/bin/python
  export PATH="$PWD/.venv/bin:$PATH"  # the tests start `minqing` and git hooks as programs
fi

"$PY" -m pip install -q --disable-pip-version-check -e '.[test,pdf]'
exec "$PY" -m pytest "$@"
