#!/usr/bin/env bash
# Installs Apache Airflow 3.3.2 into a virtual environment for the live tests (tests/airflow_live.rs), once:
# when the environment already runs 3.3.2 it does nothing.
#
#   AIRFLOW_VENV    where the environment lives (default: ~/.cache/astro-sdk/airflow-3.3.2)
#   AIRFLOW_PYTHON  the interpreter that creates it (default: python3.11)
#
# Versions are pinned by constraints-3.3.2.txt beside this script (the `pip freeze` of an install), so every
# machine gets the same packages. With no constraints file the newest compatible versions are installed and the
# file is written from the result; commit it.
set -euo pipefail

version=3.3.2
here="$(cd "$(dirname "$0")" && pwd)"
venv="${AIRFLOW_VENV:-$HOME/.cache/astro-sdk/airflow-$version}"
python="${AIRFLOW_PYTHON:-python3.11}"
constraints="$here/constraints-$version.txt"

# `airflow version` writes an airflow.cfg into AIRFLOW_HOME: give it a throwaway one.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

installed_version() {
    [ -x "$venv/bin/airflow" ] || return 0
    AIRFLOW_HOME="$scratch" "$venv/bin/airflow" version 2>/dev/null | tail -n 1 || true
}

if [ "$(installed_version)" = "$version" ]; then
    echo "Apache Airflow $version is already installed in $venv"
    exit 0
fi

started=$(date +%s)
echo "Installing Apache Airflow $version into $venv (with $("$python" --version))"
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ -f "$constraints" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -c "$constraints" "apache-airflow==$version"
else
    echo "no $constraints: resolving the newest compatible versions and writing it"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "apache-airflow==$version"
    {
        echo "# pip freeze of apache-airflow==$version on Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())'), written by install.sh"
        "$venv/bin/python" -m pip freeze --disable-pip-version-check
    } >"$constraints"
fi

found="$(installed_version)"
if [ "$found" != "$version" ]; then
    echo "error: $venv/bin/airflow version printed '$found', not $version" >&2
    exit 1
fi
echo "Apache Airflow $version installed in $(( $(date +%s) - started )) s; $(du -sh "$venv" | cut -f1) in $venv"
