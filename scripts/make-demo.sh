#!/bin/sh
# Rebuilds public/demo/coherence.opus, the demo song the app opens with one click, from Debian's
# singularity-music package (Max McCracken, "Coherence", CC BY-SA 3.0; see public/demo/CREDITS.md).
# Needs apt-get (Debian archive access), dpkg-deb and ffmpeg. Run from anywhere: sh scripts/make-demo.sh
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/public/demo/coherence.opus"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp" # apt-get download drops privileges to _apt and needs to write here

cd "$tmp"
apt-get download singularity-music >/dev/null
dpkg-deb -x singularity-music_*.deb x
src="x/usr/share/games/singularity/music/Coherence.ogg"
# Keep the package's licence statement beside the cut so the two cannot drift apart unnoticed.
grep -q 'BY-SA 3.0' x/usr/share/doc/singularity-music/README

# 55 s from 1:00, short fades so the excerpt starts and ends cleanly; Ogg Opus at 48 kHz stereo, 128 kb/s
# (about 0.9 MB). Bit-exact metadata-free output so reruns give the same file.
ffmpeg -hide_banner -loglevel error -y -ss 60 -t 55 -i "$src" \
  -af "afade=t=in:st=0:d=0.5,afade=t=out:st=52:d=3" \
  -ac 2 -ar 48000 -c:a libopus -b:a 128k -vbr on -application audio \
  -map_metadata -1 -fflags +bitexact -flags:a +bitexact \
  "$out"
ls -l "$out"
