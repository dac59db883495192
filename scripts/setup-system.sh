#!/usr/bin/env bash
# Installs the system programs cardscan needs (Tesseract, fonts for the sample
# generator, Python's venv) where it can: Debian/Ubuntu as root. Elsewhere it
# prints the exact command and exits 3, the exit code for a missing dependency.
set -euo pipefail

APT_PACKAGES="tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd python3-venv python3-pip fonts-dejavu-core fonts-liberation fonts-noto-core"

missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract)
if command -v tesseract >/dev/null 2>&1; then
    tesseract --list-langs 2>/dev/null | grep -qx eng || missing+=(tesseract-eng)
    tesseract --list-langs 2>/dev/null | grep -qx osd || missing+=(tesseract-osd)
fi
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts)
[ -d /usr/share/fonts/truetype/liberation ] || [ -d /usr/share/fonts/truetype/liberation2 ] || missing+=(fonts)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts)
python3 -c "import venv, ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)

[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
    exit 0
fi

echo "setup: missing: ${missing[*]}. Install them with:" >&2
case "$(uname -s)" in
    Darwin) echo "  brew install tesseract" >&2 ;;
    MINGW*|MSYS*|CYGWIN*) echo "  choco install tesseract" >&2 ;;
    *)
        if command -v apt-get >/dev/null 2>&1; then
            echo "  sudo apt-get install -y $APT_PACKAGES" >&2
        elif command -v dnf >/dev/null 2>&1; then
            echo "  sudo dnf install -y tesseract tesseract-langpack-eng tesseract-osd dejavu-sans-fonts liberation-sans-fonts google-noto-sans-fonts" >&2
        else
            echo "  Tesseract 4 or later with the English language data, from your package manager" >&2
        fi ;;
esac
exit 3
