#!/bin/sh
# Install the Debian packages DocManager and its tests need, if any are missing.
#
#   tools/sysdeps.sh            install what is missing (as root with apt-get),
#                               otherwise print the command to run by hand
#   tools/sysdeps.sh --list     print the package list and exit
#
# Package names are Debian 12 (bookworm) ones; other releases may rename some.
# Python packages (PySide6, SQLAlchemy, ...) come from pip into .venv, not from
# here.  The PySide6 wheels ship Qt itself, ICU and FFmpeg; what they do not ship
# are the system libraries below (found with ldd over the Qt libraries and the
# xcb/offscreen/wayland platform, multimedia, image format and TLS plugins).
# Set SYSDEPS_SKIP=1 to skip this step entirely.
set -eu

# One package a line, with the reason.  The Qt libraries are exactly the
# packages whose libraries the PySide6 Qt libraries and plugins we use link
# against (QtCore/Gui/Widgets/Network/Multimedia(+Widgets)/Svg/OpenGL, the xcb,
# offscreen and wayland platform plugins, the FFmpeg multimedia backend);
# libc6, libstdc++6, zlib1g, libzstd1, libbz2-1.0 and libgssapi-krb5-2 are
# not listed because a base system with python3 always has them.
# (make itself must already be installed to get here.)
PACKAGES=$(sed -e 's/#.*//' <<'LIST'
python3              # interpreter that creates .venv
python3-venv         # "python3 -m venv" + ensurepip (brings pip's wheel; no system pip needed)
libglib2.0-0         # QtCore event loop (libglib-2.0, libgthread-2.0)
libdbus-1-3          # QtDBus, used by QtGui (portals, accessibility, tray)
libfontconfig1       # QtGui font discovery
libfreetype6         # QtGui font rendering
libbrotli1           # QtNetwork (brotli-compressed HTTP)
libegl1              # QtGui/QtMultimedia link libEGL (glvnd; pulls the Mesa EGL vendor)
libgl1               # QtGui/QtOpenGL link libGL (glvnd; pulls Mesa GLX + llvmpipe for video)
libxkbcommon0        # QtGui keyboard handling
libpulse0            # QtMultimedia audio (libpulse.so.0)
libdrm2              # Qt's bundled FFmpeg (libavutil) for hardware frames
libx11-6             # QtGui, xcb plugin, FFmpeg multimedia plugin
libx11-xcb1          # xcb platform plugin
libxext6             # FFmpeg multimedia plugin
libxrandr2           # FFmpeg multimedia plugin
libxcb1              # xcb platform plugin
libxcb-cursor0       # xcb platform plugin (required since Qt 6.5)
libxcb-glx0          # xcb GLX integration (OpenGL/video widgets on X11)
libxcb-icccm4        # xcb platform plugin
libxcb-image0        # xcb platform plugin
libxcb-keysyms1      # xcb platform plugin
libxcb-randr0        # xcb platform plugin
libxcb-render0       # xcb platform plugin
libxcb-render-util0  # xcb platform plugin
libxcb-shape0        # xcb platform plugin
libxcb-shm0          # xcb platform plugin
libxcb-sync1         # xcb platform plugin
libxcb-util1         # xcb platform plugin
libxcb-xfixes0       # xcb platform plugin
libxcb-xkb1          # xcb platform plugin
libxkbcommon-x11-0   # xcb platform plugin (keyboard)
libwayland-client0   # wayland platform plugin (native Wayland sessions)
libwayland-cursor0   # wayland platform plugin
libwayland-egl1      # wayland EGL integration (OpenGL/video widgets on Wayland)
fonts-noto-cjk       # Chinese glyphs (Noto Sans/Serif CJK SC) in the UI and subtitles
mediainfo            # mediainfo CLI, cross-checks pymediainfo in tests and bench
xxhash               # xxhsum CLI, cross-checks offload hashes
postgresql           # real PostgreSQL server (initdb, pg_ctl) for the team-mode tests
libxml2-utils        # xmllint, validates exported FCP XML / MHL files
xvfb                 # virtual X screen to run the app without a display
xauth                # needed by xvfb-run (only a Recommends of xvfb)
procps               # ps, pgrep, kill for tests that manage processes
LIST
)

if [ "${1:-}" = "--list" ]; then
    echo $PACKAGES | tr ' ' '\n'
    exit 0
fi

if [ "${SYSDEPS_SKIP:-}" = "1" ]; then
    echo "sysdeps: skipped (SYSDEPS_SKIP=1)"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "sysdeps: not a Debian-like system; install the equivalents of these Debian packages by hand:"
    echo "  $(echo $PACKAGES)"
    exit 0
fi

# One dpkg-query call for the whole list (unknown names just print nothing).
installed=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $PACKAGES 2>/dev/null \
            | awk '$1 == "ii" { print $2 }' || true)
missing=""
for pkg in $PACKAGES; do
    case " $(echo $installed) " in
        *" $pkg "*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
missing=${missing# }

if [ -z "$missing" ]; then
    echo "sysdeps: all system packages present"
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "sysdeps: installing missing packages: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    # shellcheck disable=SC2086
    apt-get install -y --no-install-recommends $missing
    echo "sysdeps: done"
else
    echo "sysdeps: these system packages are missing; install them with:"
    echo "  sudo apt-get install --no-install-recommends $missing"
    echo "sysdeps: continuing without them (some features or tests may fail)"
fi
