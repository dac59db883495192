#!/usr/bin/env bash
# Installs the system programs cardscan needs where it can (Debian/Ubuntu as root):
# Tesseract with English, Latin-script, Japanese and orientation data, Python's venv, and the fonts the
# synthetic-card generator and the tests draw with (IPA Gothic: a Japanese card). Elsewhere it prints the exact command and
# exits 3, the exit code for a missing dependency.
set -euo pipefail

NEEDED="tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-script-latn tesseract-ocr-jpn python3-venv python3-pip"
FONTS="fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-noto-core fonts-open-sans fonts-lato
fonts-roboto-unhinted fonts-crosextra-carlito fonts-crosextra-caladea fonts-urw-base35 fonts-ipafont-gothic"

if command -v dpkg-query >/dev/null 2>&1; then
    missing=()
    for pkg in $NEEDED $FONTS; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && exit 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "setup: installing ${missing[*]}" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        exit 0
    fi
    echo "setup: missing Debian packages; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 3
fi

# Not Debian: only Tesseract is required (the generator skips fonts it cannot find).
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; then
    exit 0
fi
echo "setup: Tesseract with English data is missing. Install it with:" >&2
case "$(uname -s)" in
    Darwin) echo "  brew install tesseract" >&2 ;;
    MINGW*|MSYS*|CYGWIN*) echo "  choco install tesseract" >&2 ;;
    *)
        if command -v dnf >/dev/null 2>&1; then
            echo "  sudo dnf install -y tesseract tesseract-langpack-eng tesseract-osd" >&2
        else
            echo "  Tesseract 4 or later with the English language data, from your package manager" >&2
        fi ;;
esac
exit 3
