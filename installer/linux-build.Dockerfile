# The .deb for 统信UOS 20 (glibc 2.28) and 麒麟 Kylin V10 (2.31), built on Debian 10 "buster" (glibc 2.28):
# a PyInstaller bundle runs only where libc6 is at least the newest glibc its files use, and the one
# built on Debian 12 needs 2.36 (installer/check_glibc.py). Built by .github/workflows/linux-deb.yml:
#     docker build -f installer/linux-build.Dockerfile -t towncentre-deb .
#     docker run --rm -v "$PWD/out:/out" towncentre-deb        # -> out/towncentre_<version>_amd64.deb
# The packages come from installer/requirements-lock-glibc228.txt (installer/refresh-lock.sh --glibc-2.28):
# every wheel manylinux_2_28 or older, so PySide6-Essentials 6.9 (6.10 and later need glibc 2.34).
FROM python:3.11-slim-buster

# buster's packages moved to the archive when it reached its end of life
RUN sed -i -e 's|deb.debian.org|archive.debian.org|g' -e 's|security.debian.org|archive.debian.org|g' \
        -e '/buster-updates/d' /etc/apt/sources.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
        binutils dpkg-dev file \
        libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 \
        fonts-wqy-microhei fonts-arphic-uming \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# The lock first: the layer with the packages is rebuilt only when the lock changes.
COPY installer/requirements-lock-glibc228.txt installer/
RUN python -m pip install --no-cache-dir --upgrade pip \
 && python -m pip install --no-cache-dir --require-hashes -r installer/requirements-lock-glibc228.txt
COPY . .

# The bundle and its smoke test (check, export, print, GUI probe on Qt's offscreen platform), the glibc
# check against UOS 20, then the .deb (make-deb.sh writes `libc6 (>= 2.28)` from the same objdump scan).
ENV QT_QPA_PLATFORM=offscreen
CMD set -e \
 && python installer/build.py --no-nsis --lock installer/requirements-lock-glibc228.txt \
        --dist /tmp/dist --work /tmp/build \
 && python installer/check_glibc.py /tmp/dist/TownCentre --max 2.28 \
 && mkdir -p /out && installer/make-deb.sh /tmp/dist/TownCentre /out
