#!/usr/bin/env bash
# Wrap dist/Community Desk.app in a compressed disk image with an Applications shortcut beside
# it, so installing is one drag. Run on macOS after PyInstaller has built the .app:
#
#     pyinstaller --noconfirm packaging/community-desk.spec
#     bash packaging/macos/make_dmg.sh            -> dist/community-desk-VERSION-macos-ARCH.dmg
#
# With CODESIGN_IDENTITY set ("Developer ID Application: ..."), the image is signed too; the
# .app inside must be signed before this runs (see packaging/macos/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

app_name="Community Desk"
app="dist/${app_name}.app"
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' app/__init__.py)
out="dist/community-desk-${version}-macos-$(uname -m).dmg"

if [[ ! -d "$app" ]]; then
    echo "$app is missing: run pyinstaller --noconfirm packaging/community-desk.spec first" >&2
    exit 1
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
# ditto, not cp: it keeps the bundle's symlinks, extended attributes and code signatures.
ditto "$app" "$staging/${app_name}.app"
ln -s /Applications "$staging/Applications"

rm -f "$out"
# hdiutil sometimes fails with "Resource busy" on CI machines (a Spotlight or XProtect scan
# holding the new volume); a retry a few seconds later succeeds.
for attempt in 1 2 3; do
    if hdiutil create -volname "${app_name} ${version}" -srcfolder "$staging" -fs HFS+ \
            -format UDZO -imagekey zlib-level=9 -ov "$out"; then
        break
    fi
    if [[ $attempt == 3 ]]; then
        echo "hdiutil create failed three times" >&2
        exit 1
    fi
    sleep 5
done

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$out"
fi
hdiutil verify "$out" >/dev/null
echo "$out"
