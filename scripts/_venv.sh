# Sourced by scripts/run and scripts/test: make .venv with wipofeeds installed.
# $1: the pip extras to install ("" or "[test]"). Debian's own Python needs python3-venv
# (ensurepip) before it can make a virtual environment; install it with apt when missing.
wipofeeds_venv() {
    local extras="${1:-}"
    if [ ! -x .venv/bin/python ]; then
        if ! python3 -c "import ensurepip" >/dev/null 2>&1; then
            local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
            $sudo apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        fi
        python3 -m venv .venv
    fi
    .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}"
}
