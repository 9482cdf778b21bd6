# Sourced by tools/build.sh and tools/fuzz: compile through ccache when it is installed, so a
# second build of the same sources (another clone, another build directory) reuses objects.
# BASEDIR and NOHASHDIR make the cache key independent of where the clone lives.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=true
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
