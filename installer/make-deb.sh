#!/usr/bin/env bash
# Wraps the Linux onedir bundle into a .deb for 统信UOS / 麒麟 Kylin (Debian-based) and Debian itself.
#     installer/make-deb.sh dist/TownCentre [OUT_DIR]      -> OUT_DIR/towncentre_<version>_amd64.deb
# Layout: the program in /opt/towncentre, `towncentre` in /usr/bin (the data folder set, see below), the
# desktop entry 综治工作台 with its icon, and the data in /var/lib/towncentre: group `towncentre`, setgid,
# no access for others. Add the centre's users to the group (`adduser NAME towncentre`). The county
# settings come from debconf (priority medium; a preseed or an ini file, see deb/config) into
# /var/lib/towncentre/county.ini. `apt-get remove` keeps the data folder, `apt-get purge` deletes it
# (docs/deploy.md).
# DEB_COMPRESS=gzip makes a bigger package faster (CI); the default xz is what every dpkg reads.
set -euo pipefail
bundle=$(realpath "${1:?usage: make-deb.sh BUNDLE_DIR [OUT_DIR]}")
mkdir -p "${2:-$(dirname "$bundle")}"
out=$(realpath "${2:-$(dirname "$bundle")}")
here=$(dirname "$(realpath "$0")")
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$here/../desktop/__init__.py")
[[ -x "$bundle/TownCentre" ]] || { echo "no TownCentre executable in $bundle" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$bundle" "$root/opt/towncentre"
install -m 0755 "$here/deb/towncentre" "$root/usr/bin/towncentre"
install -m 0644 "$here/deb/towncentre.desktop" "$root/usr/share/applications/towncentre.desktop"
install -m 0644 "$here/../resources/icons/towncentre.png" "$root/usr/share/icons/hicolor/256x256/apps/towncentre.png"
for script in config postinst prerm postrm; do install -m 0755 "$here/deb/$script" "$root/DEBIAN/$script"; done
install -m 0644 "$here/deb/templates" "$root/DEBIAN/templates"  # the county settings (debconf)
size_kib=$(du -sk "$root" | cut -f1)
# The newest glibc symbol any binary uses: the bundle runs only where libc6 is at least that (a bundle
# built on Debian 12 needs 2.36; UOS 20 has 2.28 and Kylin V10 2.31, so build for them on such a system).
glibc=$(find "$root/opt/towncentre" -type f \( -name '*.so*' -o -name TownCentre \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -u -V | tail -1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size_kib/" -e "s/@GLIBC@/${glibc:-2.28}/" \
  "$here/deb/control" > "$root/DEBIAN/control"
echo "deb_needs_glibc: $glibc"

deb="$out/towncentre_${version}_amd64.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESS:-xz}" --build "$root" "$deb" >/dev/null
echo "deb: $deb"
echo "deb_size: $(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$deb") / 1048576}") MiB"
