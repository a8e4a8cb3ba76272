#!/usr/bin/env bash
# Ember build driver (Linux). Windows: build.ps1 runs the same steps.
#
#   ./build.sh run      install dependencies, build everything, run the main example
#   ./build.sh test     install dependencies, build everything, run every test suite
#
# Other commands: deps, native, bindings, check-bindings, managed, ctest, native-examples, dotnet-test,
# pack, consumer-tests, example-check, bench, clean; aot-check, aot-sample (trim/AOT warnings, the NativeAOT sample).
# EMBER_TEST_EXAMPLES=1 makes `test` also run the examples and the NativeAOT checks as tests (CI does).
# linux-arm64: native-arm64 (cross-build in build/arm64), ctest-arm64 and native-examples-arm64 (run under qemu-user); EMBER_ARM64=0 skips them.
# Options: --no-deps (skip apt/NuGet installs; also EMBER_NO_DEPS=1), --debug, --build-dir DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${EMBER_BUILD_DIR:-$ROOT/build}"
CONFIG=Release
INSTALL_DEPS=$([ "${EMBER_NO_DEPS:-0}" = "1" ] && echo 0 || echo 1)
JOBS="${EMBER_JOBS:-$(nproc)}"
RESULTS_DIR="$BUILD_DIR/test-results"

log() { printf '\033[1;34m==> %s\033[0m\n' "$*"; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# Debian packages the build, the tests and the examples need.
APT_PACKAGES=(
  cmake make g++ pkg-config        # native toolchain
  libdnnl-dev libsleef-dev         # oneDNN (matmul/conv), SLEEF (vector math)
  libgtest-dev                     # native tests
  clang                            # the bindings generator reads clang's JSON AST of ember.h
  zlib1g-dev                       # NativeAOT (aot-sample) links with clang (above); net8.0's runtime needs zlib
  python3                          # test-result summaries
  dataset-fashion-mnist            # the main example's data
  bible-kjv bible-kjv-text         # public-domain text for the character-level language model
  patchelf                         # $ORIGIN rpaths for the libraries packed with the runtime package
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

cmd_deps() {
  [ "$INSTALL_DEPS" = 1 ] || { log "skipping dependency installation (--no-deps)"; return; }
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  arm64_deps
  command -v dotnet >/dev/null || die "the .NET SDK (10.0) is required: https://learn.microsoft.com/dotnet/core/install/linux-debian"
}

cmd_native() {
  log "building the native runtime ($CONFIG) in $BUILD_DIR"
  cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$CONFIG" -DEMBER_BUILD_TESTS=ON ${EMBER_CMAKE_ARGS:-} >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

GENERATOR=(dotnet run --project "$ROOT/bindings/generator" -c Release --)
HEADER="$ROOT/native/include/ember/ember.h"
BINDINGS="$ROOT/bindings/Ember.Native/NativeMethods.g.cs"

cmd_bindings() {
  log "regenerating the P/Invoke bindings from ember.h"
  "${GENERATOR[@]}" "$HEADER" "$BINDINGS"
}

# Fails when the checked-in bindings differ from what the header generates (CI's drift check).
cmd_check_bindings() {
  log "checking the bindings are in sync with ember.h"
  "${GENERATOR[@]}" --check "$HEADER" "$BINDINGS"
}

cmd_managed() {
  log "building the .NET solution"
  dotnet build "$ROOT/Bindings.sln" -c "$CONFIG" -nologo -clp:NoSummary -v:q
}

# Test counts are accumulated in $RESULTS_DIR/*.count as "passed failed" lines.
record() { mkdir -p "$RESULTS_DIR"; echo "$2 $3" > "$RESULTS_DIR/$1.count"; }

cmd_ctest() {
  log "running native tests (CTest)"
  local out rc=0
  out=$(cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS" 2>&1) || rc=$?
  echo "$out" | tail -n 25
  local total failed
  total=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/p' | tail -1)
  failed=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/p' | tail -1)
  [ -n "$total" ] || { total=0; failed=1; }
  record ctest $((total - failed)) "$failed"
  return $rc
}

# Installs the native build into $BUILD_DIR/install and builds examples/native against that
# installed tree (not the build tree): both programs through the CMake package (Ember::ember), the
# C one also with pkg-config (ember.pc). Each program is one test; it checks its own final loss
# and passes when it exits 0. They run without LD_LIBRARY_PATH: rpaths find the installed library.
cmd_native_examples() {
  local prefix="$BUILD_DIR/install" dir="$BUILD_DIR/native-examples" fails=0 pcdir flags libdir
  log "installing the native runtime into $prefix"
  rm -rf "$prefix" "$dir"   # nothing from an older install or example build may be picked up
  mkdir -p "$RESULTS_DIR" "$dir"
  if cmake --install "$BUILD_DIR" --prefix "$prefix" --config "$CONFIG" >/dev/null; then
    log "building examples/native against the installed tree (find_package(Ember))"
    cmake -S "$ROOT/examples/native" -B "$dir" -DCMAKE_BUILD_TYPE="$CONFIG" \
      -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null &&
      cmake --build "$dir" -j "$JOBS" || log "building examples/native failed"
    log "building the C example with pkg-config (ember.pc)"
    pcdir=$(dirname "$(find "$prefix" -name ember.pc -print -quit)")
    if flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs ember) &&
       libdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir ember); then
      # shellcheck disable=SC2086 # the flags are words
      "${CC:-cc}" -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 "$ROOT/examples/native/c/train_linear.c" \
        $flags -Wl,-rpath,"$libdir" -o "$dir/train_linear_c_pkgconfig" || log "the pkg-config build failed"
    fi
  else
    log "cmake --install $BUILD_DIR failed (build the native runtime first: ./build.sh native)"
  fi
  local name
  for name in native-example-c:train_linear_c native-example-c-pkgconfig:train_linear_c_pkgconfig \
              native-example-cpp:train_mlp_cpp; do
    run_native_example "${name%%:*}" "$dir/${name#*:}" || fails=1
  done
  return $fails
}

# Runs native example program BIN (under the emulator command that follows, if any) as test NAME:
# it passes when it exits 0 and prints its final loss. No LD_LIBRARY_PATH: rpaths find the library.
run_native_example() {
  local name="$1" bin="$2"; shift 2
  log "example${1:+ under $1}: $bin"
  if [ -x "$bin" ] && env -u LD_LIBRARY_PATH "$@" "$bin" > "$RESULTS_DIR/$name.log" 2>&1 &&
     grep -q '^final loss: ' "$RESULTS_DIR/$name.log"; then
    cat "$RESULTS_DIR/$name.log"
    record "$name" 1 0
  else
    [ -f "$RESULTS_DIR/$name.log" ] && cat "$RESULTS_DIR/$name.log"
    log "$name failed"
    record "$name" 0 1
    return 1
  fi
}

cmd_dotnet_test() {
  local rc=0
  mkdir -p "$RESULTS_DIR"
  for proj in "$ROOT"/tests/*/*.csproj "$ROOT"/tests/*/*.fsproj; do
    [ -f "$proj" ] || continue
    local name; name=$(basename "$proj" | sed -E 's/\.(cs|fs)proj$//')
    log "running $name"
    local trx="$RESULTS_DIR/$name.trx"
    rm -f "$trx"
    EMBER_NATIVE_PATH="$BUILD_DIR/lib" dotnet test "$proj" -c "$CONFIG" -nologo -v:q \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" || rc=1
    if [ -f "$trx" ]; then
      python3 - "$trx" "$RESULTS_DIR/$name.count" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<Counters [^>]*>', text)
attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0))) if m else {}
passed = int(attrs.get("passed", 0)); failed = int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
open(sys.argv[2], "w").write(f"{passed} {failed}\n")
PY
    else
      record "$name" 0 1
    fi
  done
  return $rc
}

# Packs the NuGet packages into $BUILD_DIR/packages (a local folder feed), all at one version
# (packaging/Ember.Packaging.props, or $EMBER_VERSION): Ember.Runtime.linux-x64 (the native
# library of $BUILD_DIR/lib and the non-glibc shared libraries it links, found with ldd, each with
# RUNPATH $ORIGIN when patchelf is installed), Ember.Native, Ember and Ember.FSharp (+ .snupkg).
EMBER_BUNDLED_LIBS=(libdnnl.so libsleef.so libgomp.so libOpenCL.so)
cmd_pack() {
  local feed="$BUILD_DIR/packages" stage="$BUILD_DIR/packaging/native/linux-x64" lib="$BUILD_DIR/lib/libember.so"
  [ -f "$lib" ] || die "$lib does not exist: build the native runtime first (./build.sh native)"
  log "staging the native runtime in $stage"
  rm -rf "$feed" "$stage"; mkdir -p "$feed" "$stage"
  cp -L "$lib" "$stage/libember.so"
  local queue=("$stage/libember.so") f dep name path p
  while [ ${#queue[@]} -gt 0 ]; do   # the bundled libraries' own dependencies too (oneDNN -> OpenCL)
    f="${queue[0]}"; queue=("${queue[@]:1}")
    while read -r name path; do
      for p in "${EMBER_BUNDLED_LIBS[@]}"; do
        if [[ "$name" == "$p"* ]] && [ ! -f "$stage/$name" ]; then cp -L "$path" "$stage/$name"; queue+=("$stage/$name"); fi
      done
    done < <(ldd "$f" | sed -nE 's/^\s*(\S+) => (\/\S+) .*/\1 \2/p')
  done
  if command -v patchelf >/dev/null; then
    for f in "$stage"/*.so*; do patchelf --set-rpath '$ORIGIN' "$f"; done
  else
    log "patchelf is not installed: the bundled libraries get no RUNPATH \$ORIGIN (see docs/packaging.md)"
  fi
  ls -l "$stage"
  local props=(-p:EmberNativeDir="$stage" -p:RepositoryCommit="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)")
  [ -n "${EMBER_VERSION:-}" ] && props+=(-p:EmberVersion="$EMBER_VERSION")
  [ -n "${EMBER_REPOSITORY_URL:-}" ] && props+=(-p:RepositoryUrl="$EMBER_REPOSITORY_URL")
  log "packing Ember.Runtime.linux-x64"
  dotnet pack "$ROOT/packaging/Ember.Runtime.linux-x64/Ember.Runtime.linux-x64.csproj" -c "$CONFIG" -nologo -v:q \
    -o "$feed" "${props[@]}" || return 1
  if [ -f "$(arm64_dir)/lib/libember.so" ]; then
    pack_runtime_arm64 "$feed" "${props[@]}" || return 1
    props+=(-p:EmberPackRuntimeArm64=true)
  else
    log "$(arm64_dir)/lib/libember.so does not exist: packing without Ember.Runtime.linux-arm64 (./build.sh native-arm64 builds it)"
  fi
  # Ember.Native depends on the runtime package just packed (restored from the feed). The global
  # property reaches the projects that reference Ember.Native as well, so they restore the same.
  props+=(-p:EmberPackRuntimeDependency=true -p:RestoreAdditionalProjectSources="$feed")
  for proj in bindings/Ember.Native/Ember.Native.csproj managed/Ember/Ember.csproj managed/Ember.FSharp/Ember.FSharp.fsproj; do
    log "packing $proj"
    dotnet pack "$ROOT/$proj" -c "$CONFIG" -nologo -v:q -o "$feed" "${props[@]}" || return 1
  done
  ls -l "$feed"
}

# The packages' version (what cmd_pack used).
ember_version() {
  [ -n "${EMBER_VERSION:-}" ] && { echo "$EMBER_VERSION"; return; }
  sed -nE 's/.*<EmberVersion[^>]*>([^<]+)<.*/\1/p' "$ROOT/packaging/Ember.Packaging.props" | head -1
}

# Builds and runs, from the templates in packaging/consumers/, a fresh C# application, a fresh F#
# application and an F# script (dotnet fsi, #r "nuget: Ember") that use Ember only through the
# packages of $BUILD_DIR/packages (run ./build.sh pack first), restored into a private, emptied
# package folder so that no cached copy can stand in for them, and run without EMBER_NATIVE_PATH so
# the packaged native library must be found. Each trains a linear model with SGD and prints
# "final loss: X"; each is one test and passes when it exits 0 and X < 1e-3.
cmd_consumer_tests() {
  local feed="$BUILD_DIR/packages" dir="$BUILD_DIR/consumers" cache="$BUILD_DIR/consumer-nuget" version fails=0
  version=$(ember_version)
  mkdir -p "$RESULTS_DIR"
  rm -rf "$dir" "$cache"; mkdir -p "$dir" "$cache"
  cat > "$dir/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="ember-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="ember-local"><package pattern="Ember" /><package pattern="Ember.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF
  local name src out rc
  for name in csharp fsharp fsi; do
    src="$ROOT/packaging/consumers/$name"; out="$RESULTS_DIR/consumer-$name.log"; rc=0
    mkdir -p "$dir/$name"
    for f in "$src"/*; do
      sed -e "s|@EMBER_VERSION@|$version|g" -e "s|@FEED@|$feed|g" "$f" > "$dir/$name/$(basename "$f")"
    done
    log "consumer: $name (Ember $version from $feed)"
    (
      cd "$dir/$name"
      export NUGET_PACKAGES="$cache" DOTNET_CLI_TELEMETRY_OPTOUT=1
      unset EMBER_NATIVE_PATH LD_LIBRARY_PATH
      if [ "$name" = fsi ]; then
        dotnet fsi --quiet train.fsx
      else
        dotnet restore -nologo -v:q --packages "$cache" && dotnet build -c "$CONFIG" -nologo -v:q --no-restore &&
          dotnet run -c "$CONFIG" --no-build
      fi
    ) > "$out" 2>&1 || rc=$?
    cat "$out"
    judge "consumer-$name" "$rc" "$out" '^final loss: ([0-9.eE+-]+).*' '<' 1e-3 || fails=1
  done
  return $fails
}

# ---- linux-arm64 -------------------------------------------------------------------------------
# libember for linux-arm64, cross-compiled with Debian's aarch64 toolchain against Debian's arm64
# multiarch packages (cmake/toolchains/aarch64-linux-gnu.cmake) in $BUILD_DIR/arm64; its CTest suite
# runs under qemu-user. EMBER_ARM64=0 leaves arm64 out of `deps` and `test`.
ARM64_APT_PACKAGES=(
  g++-aarch64-linux-gnu qemu-user                  # cross compiler (GCC 12, libgomp), user-mode emulator
  libsleef-dev:arm64 libgtest-dev:arm64 libdnnl2:arm64
)
# libdnnl-dev:arm64 and libdnnl-dev (amd64) cannot both be installed (dpkg: their dnnl_config.h
# differ), so arm64_deps unpacks the arm64 one here, beside the system; the toolchain file reads it.
export EMBER_ARM64_DNNL_DEV="${EMBER_ARM64_DNNL_DEV:-/opt/ember/arm64-dnnl-dev}"
arm64_enabled() { [ "${EMBER_ARM64:-1}" = 1 ]; }
arm64_dir() { echo "$BUILD_DIR/arm64"; }

arm64_deps() {
  arm64_enabled || return 0
  local missing=() p updated=0
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "adding the arm64 architecture to dpkg (multiarch)"
    as_root dpkg --add-architecture arm64
  fi
  for p in "${ARM64_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ] || ! apt-cache show libdnnl-dev:arm64 >/dev/null 2>&1; then
    log "installing Debian packages for linux-arm64: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; updated=1
    [ ${#missing[@]} -eq 0 ] ||
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # The headers of the oneDNN the arm64 runtime package installed, at that very version.
  local version stamp="$EMBER_ARM64_DNNL_DEV/.version" tmp
  version=$(dpkg-query -W -f='${Version}' libdnnl2:arm64)
  [ "$(cat "$stamp" 2>/dev/null)" = "$version" ] && return 0
  log "unpacking libdnnl-dev:arm64 $version into $EMBER_ARM64_DNNL_DEV"
  tmp=$(mktemp -d); chmod 777 "$tmp"   # apt's download sandbox user (_apt) writes there
  (cd "$tmp" && apt-get download -qq "libdnnl-dev:arm64=$version") ||
    { [ "$updated" = 0 ] && as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
        (cd "$tmp" && apt-get download -qq "libdnnl-dev:arm64=$version"); } ||
    { rm -rf "$tmp"; die "could not download libdnnl-dev:arm64=$version"; }
  as_root rm -rf "$EMBER_ARM64_DNNL_DEV"
  as_root mkdir -p "$EMBER_ARM64_DNNL_DEV"
  as_root dpkg-deb -x "$tmp"/libdnnl-dev_*_arm64.deb "$EMBER_ARM64_DNNL_DEV"
  # Its libdnnl.so links to the libdnnl.so.2 beside it: point it at libdnnl2:arm64's instead.
  as_root ln -sfn /usr/lib/aarch64-linux-gnu/libdnnl.so.2 "$EMBER_ARM64_DNNL_DEV/usr/lib/aarch64-linux-gnu/libdnnl.so"
  as_root rm -rf "$EMBER_ARM64_DNNL_DEV/usr/share/doc"
  echo "$version" | as_root tee "$stamp" >/dev/null
  rm -rf "$tmp"
}

cmd_native_arm64() {
  local dir; dir=$(arm64_dir)
  [ -f "$EMBER_ARM64_DNNL_DEV/usr/include/oneapi/dnnl/dnnl.hpp" ] ||
    { log "$EMBER_ARM64_DNNL_DEV has no oneDNN headers: run ./build.sh deps"; return 1; }
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  log "cross-building the native runtime for linux-arm64 ($CONFIG) in $dir"
  # shellcheck disable=SC2086 # EMBER_ARM64_CMAKE_ARGS is words
  cmake -S "$ROOT" -B "$dir" --toolchain "$ROOT/cmake/toolchains/aarch64-linux-gnu.cmake" \
    -DCMAKE_BUILD_TYPE="$CONFIG" -DEMBER_BUILD_TESTS=ON "${launcher[@]}" ${EMBER_ARM64_CMAKE_ARGS:-} >/dev/null &&
    cmake --build "$dir" -j "$JOBS"
}

# The arm64 CTest suite, each test program run by qemu-aarch64 (the toolchain's
# CMAKE_CROSSCOMPILING_EMULATOR), twice: on qemu's default CPU model ("max": SVE, so oneDNN takes
# its SVE JIT kernels) and, through QEMU_CPU, on a Neoverse N1 (NEON only, like Graviton2: oneDNN's
# reference kernels), recorded as ctest-arm64 and ctest-arm64-neon. Emulation is slow, hence the
# longer per-test timeout.
cmd_ctest_arm64() {
  local dir rc=0 run name cpu out total failed
  dir=$(arm64_dir)
  for run in ctest-arm64: ctest-arm64-neon:neoverse-n1; do
    name="${run%%:*}"; cpu="${run#*:}"
    log "running native tests for linux-arm64 under qemu-user, CPU ${cpu:-max} (CTest)"
    out=$(cd "$dir" && env ${cpu:+QEMU_CPU=$cpu} ctest --output-on-failure -j "$JOBS" \
      --timeout "${EMBER_ARM64_TEST_TIMEOUT:-1500}" 2>&1) || rc=1
    echo "$out" | tail -n 25
    total=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/p' | tail -1)
    failed=$(echo "$out" | sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/p' | tail -1)
    [ -n "$total" ] || { total=0; failed=1; }
    record "$name" $((total - failed)) "$failed"
  done
  return $rc
}

# examples/native cross-built against the INSTALLED arm64 tree ($BUILD_DIR/arm64/install, through
# find_package(Ember)) and run under qemu-user; like cmd_native_examples, each program is one test
# that passes when it exits 0 and prints its final loss. (No pkg-config variant here.)
cmd_native_examples_arm64() {
  local dir prefix out fails=0 name
  dir=$(arm64_dir); prefix="$dir/install"; out="$dir/native-examples"
  rm -rf "$prefix" "$out"; mkdir -p "$RESULTS_DIR"
  log "installing the linux-arm64 runtime into $prefix; cross-building examples/native against it"
  cmake --install "$dir" --prefix "$prefix" --config "$CONFIG" >/dev/null &&
    cmake -S "$ROOT/examples/native" -B "$out" --toolchain "$ROOT/cmake/toolchains/aarch64-linux-gnu.cmake" \
      -DCMAKE_BUILD_TYPE="$CONFIG" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null &&
    cmake --build "$out" -j "$JOBS" || log "cross-building examples/native failed"
  for name in native-example-c-arm64:train_linear_c native-example-cpp-arm64:train_mlp_cpp; do
    run_native_example "${name%%:*}" "$out/${name#*:}" qemu-aarch64 -L / || fails=1
  done
  return $fails
}

# Stages $BUILD_DIR/packaging/native/linux-arm64 and packs Ember.Runtime.linux-arm64 into FEED
# (the remaining arguments are dotnet pack's properties; part of cmd_pack): libember.so of the arm64
# build and, recursively, the libraries of EMBER_BUNDLED_LIBS among their NEEDED entries (readelf,
# as ldd cannot run aarch64 programs), taken from the arm64 multiarch dirs, each with RUNPATH $ORIGIN.
ARM64_LIB_DIRS=(/usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu /usr/aarch64-linux-gnu/lib)
pack_runtime_arm64() {
  local feed="$1"; shift
  local stage="$BUILD_DIR/packaging/native/linux-arm64" f name p d found
  log "staging the linux-arm64 native runtime in $stage"
  rm -rf "$stage"; mkdir -p "$stage"
  cp -L "$(arm64_dir)/lib/libember.so" "$stage/libember.so"
  local queue=("$stage/libember.so")
  while [ ${#queue[@]} -gt 0 ]; do
    f="${queue[0]}"; queue=("${queue[@]:1}")
    while read -r name; do
      for p in "${EMBER_BUNDLED_LIBS[@]}"; do
        [[ "$name" == "$p"* ]] && [ ! -f "$stage/$name" ] || continue
        found=
        for d in "${ARM64_LIB_DIRS[@]}"; do [ -f "$d/$name" ] && { found="$d/$name"; break; }; done
        [ -n "$found" ] || { log "$name (needed by $(basename "$f")) is in none of ${ARM64_LIB_DIRS[*]}"; return 1; }
        cp -L "$found" "$stage/$name"; queue+=("$stage/$name")
      done
    done < <(readelf -d "$f" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]$/\1/p')
  done
  if command -v patchelf >/dev/null; then
    for f in "$stage"/*.so*; do patchelf --set-rpath '$ORIGIN' "$f"; done
  else
    log "patchelf is not installed: the bundled libraries get no RUNPATH \$ORIGIN (see docs/packaging.md)"
  fi
  for f in "$stage"/*.so*; do
    readelf -h "$f" | grep -q 'Machine:.*AArch64' || { log "$f is not an aarch64 library"; return 1; }
  done
  ls -l "$stage"
  local props=() a
  for a in "$@"; do [[ "$a" == -p:EmberNativeDir=* ]] || props+=("$a"); done   # x64's staging dir
  log "packing Ember.Runtime.linux-arm64"
  dotnet pack "$ROOT/packaging/Ember.Runtime.linux-arm64/Ember.Runtime.linux-arm64.csproj" -c "$CONFIG" -nologo -v:q \
    -o "$feed" "${props[@]}" -p:EmberNativeDir="$stage"
}

# Part of `test`: the arm64 build (a failed build counts as one failed test) and its tests.
test_arm64() {
  arm64_enabled || { log "skipping linux-arm64 (EMBER_ARM64=0)"; return 0; }
  cmd_native_arm64 || { record ctest-arm64 0 1; return 1; }
  local rc=0
  cmd_ctest_arm64 || rc=1
  cmd_native_examples_arm64 || rc=1
  return $rc
}
# ---- end of linux-arm64 ------------------------------------------------------------------------

summary() {
  local passed=0 failed=0 p f
  for c in "$RESULTS_DIR"/*.count; do
    [ -f "$c" ] || continue
    read -r p f < "$c"
    printf '  %-28s %6d passed %4d failed\n' "$(basename "$c" .count)" "$p" "$f"
    passed=$((passed + p)); failed=$((failed + f))
  done
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

cmd_test() {
  cmd_deps; cmd_native; cmd_check_bindings; cmd_managed
  rm -rf "$RESULTS_DIR"
  local rc=0
  cmd_ctest || rc=1
  test_arm64 || rc=1
  cmd_native_examples || rc=1
  cmd_dotnet_test || rc=1
  { cmd_pack && cmd_consumer_tests; } || rc=1
  [ "${EMBER_TEST_EXAMPLES:-0}" = 1 ] && { cmd_example_check || rc=1; }
  [ "${EMBER_TEST_EXAMPLES:-0}" = 1 ] && { cmd_aot_check || rc=1; cmd_aot_sample || rc=1; }
  summary || rc=1
  return $rc
}

# The main job: the Fashion-MNIST CNN (examples/FashionMnist), which ends with "test accuracy: NN.NN%".
run_main_example() { run_example FashionMnist "$@"; }

# Runs examples/PROJECT with the given arguments.
run_example() {
  local project="$1"; shift
  EMBER_NATIVE_PATH="$BUILD_DIR/lib" dotnet run --project "$ROOT/examples/$project" -c "$CONFIG" --no-build -- "$@"
}

cmd_run() {
  cmd_deps; cmd_native; cmd_managed
  log "running the main example (examples/FashionMnist)"
  run_main_example
}

# Records test NAME from a program's exit status RC and its log LOG: it passes when RC is 0 and
# the last line matching the sed pattern PATTERN (whose first group is a number x) satisfies the
# python comparison "x OP LIMIT".
judge() {
  local name="$1" rc="$2" out="$3" pattern="$4" op="$5" limit="$6" value
  value=$(sed -nE "s/$pattern/\1/p" "$out" | tail -1)
  if [ "$rc" = 0 ] && [ -n "$value" ] && python3 -c "import sys; sys.exit(0 if $value $op $limit else 1)"; then
    record "$name" 1 0
  else
    log "$name failed (exit $rc, got '${value:-nothing}', required $op $limit)"
    record "$name" 0 1
    return 1
  fi
}

# Runs one example as one test, NAME: its output goes to the console and to
# $RESULTS_DIR/NAME.log, then judge decides (see there for PATTERN, OP, LIMIT).
check_example() {
  local name="$1" pattern="$2" op="$3" limit="$4" project="$5"; shift 5
  local out="$RESULTS_DIR/$name.log" rc=0
  log "example: $project $*"
  mkdir -p "$RESULTS_DIR"
  run_example "$project" "$@" > "$out" 2>&1 || rc=$?
  cat "$out"
  judge "$name" "$rc" "$out" "$pattern" "$op" "$limit"
}

# Runs the examples as tests: the main one to completion (it must reach the accuracy the issue
# asks for, EMBER_MIN_ACCURACY, default 91), the RL agent until it solves cart-pole, and short
# runs of the language model (its validation loss must fall well below a uniform guess, 4.28)
# and of the F# example.
cmd_example_check() {
  local fails=0
  check_example example-fashion-mnist '^test accuracy: ([0-9.]+)%.*' '>=' "${EMBER_MIN_ACCURACY:-91}" \
    FashionMnist --checkpoint "$BUILD_DIR/fashion-mnist.ckpt" || fails=1
  check_example example-cartpole '^solved: running reward ([0-9.]+).*' '>=' 475 CartPole || fails=1
  check_example example-char-transformer '^validation loss: ([0-9.]+).*' '<' 2.6 \
    CharTransformer --steps 150 --eval-every 75 --sample-length 200 || fails=1
  check_example example-fsharp-training '^test accuracy: ([0-9.]+)%.*' '>=' 75 FSharpTraining --limit 10000 || fails=1
  return $fails
}

# ---- NativeAOT and trimming -----------------------------------------------------------------
# The managed assemblies are IsAotCompatible: every build runs the trim, AOT and single-file
# analyzers and, with TreatWarningsAsErrors, fails on their warnings. These two commands check it
# end to end, from scratch (an up-to-date build would print nothing); see docs/packaging.md.

# The target frameworks the NativeAOT sample is published for (the packages' two).
read -ra EMBER_AOT_FRAMEWORKS <<< "${EMBER_AOT_FRAMEWORKS:-net10.0 net8.0}"

# Counts the trim/AOT/single-file warnings (IL2xxx, IL3xxx; errors too, as TreatWarningsAsErrors
# makes them) in build log LOG, prints them, and records test NAME from them and exit status RC.
record_il_warnings() {
  local name="$1" rc="$2" file="$3" found
  found=$(grep -E '(warning|error) IL[23][0-9]{3}' "$file" | sed -E 's/ \[[^]]*\]$//' | sort -u || true)
  if [ "$rc" = 0 ] && [ -z "$found" ]; then
    log "$name: no trim/AOT warnings"
    record "$name" 1 0
  else
    [ -n "$found" ] && printf '%s\n' "$found"
    log "$name failed (exit $rc, $(printf '%s' "$found" | grep -c . || true) trim/AOT warnings; log: $file)"
    record "$name" 0 1
    return 1
  fi
}

# Rebuilds Ember.Native, Ember and Ember.FSharp for all their target frameworks with the analyzers
# on (IsAotCompatible) and fails on any IL2xxx/IL3xxx warning. The analyzers see C# only; the
# F# assembly is checked by the NativeAOT publish of cmd_aot_sample, which compiles it whole.
cmd_aot_check() {
  local out="$RESULTS_DIR/aot-analyzers.log" rc=0
  mkdir -p "$RESULTS_DIR"
  log "rebuilding the managed assemblies with the trim/AOT analyzers"
  dotnet build "$ROOT/managed/Ember.FSharp/Ember.FSharp.fsproj" -c "$CONFIG" -nologo -v:minimal -clp:NoSummary \
    --no-incremental > "$out" 2>&1 || rc=$?
  [ "$rc" = 0 ] || tail -n 20 "$out"
  record_il_warnings aot-analyzers "$rc" "$out"
}

# Publishes examples/NativeAot with PublishAot=true for linux-x64, once per framework of
# EMBER_AOT_FRAMEWORKS, into $BUILD_DIR/aot-sample/TFM (ILC compiles all of Ember, Ember.Native and
# Ember.FSharp: the project roots them), copies libember.so next to the executable and runs it
# without EMBER_NATIVE_PATH or LD_LIBRARY_PATH. Two tests per framework: aot-publish-TFM (the
# publish succeeds with no IL2xxx/IL3xxx warning) and example-nativeaot-TFM (the executable loads
# the library beside it and reaches 95% accuracy).
cmd_aot_sample() {
  local tfm pub publog out rc fails=0 start
  mkdir -p "$RESULTS_DIR"
  [ -f "$BUILD_DIR/lib/libember.so" ] || die "$BUILD_DIR/lib/libember.so does not exist: build the native runtime first (./build.sh native)"
  for tfm in "${EMBER_AOT_FRAMEWORKS[@]}"; do
    pub="$BUILD_DIR/aot-sample/$tfm"; publog="$RESULTS_DIR/aot-publish-$tfm.log"; out="$RESULTS_DIR/example-nativeaot-$tfm.log"; rc=0
    rm -rf "$pub" "$ROOT/examples/NativeAot/obj/$CONFIG/$tfm/linux-x64/native"   # ILC must run (and warn) again
    log "publishing examples/NativeAot with NativeAOT ($tfm, linux-x64)"
    start=$SECONDS
    dotnet publish "$ROOT/examples/NativeAot/NativeAot.csproj" -c "$CONFIG" -f "$tfm" -r linux-x64 -nologo -v:minimal \
      -clp:NoSummary -o "$pub" > "$publog" 2>&1 || rc=$?
    log "published in $((SECONDS - start)) s: $(du -h "$pub/NativeAot" 2>/dev/null | cut -f1 || echo none)"
    [ "$rc" = 0 ] || tail -n 20 "$publog"
    record_il_warnings "aot-publish-$tfm" "$rc" "$publog" || fails=1
    rc=0
    log "example: $pub/NativeAot"
    if [ -x "$pub/NativeAot" ] && cp -L "$BUILD_DIR/lib/libember.so" "$pub/"; then
      (cd "$pub" && env -u EMBER_NATIVE_PATH -u LD_LIBRARY_PATH ./NativeAot) > "$out" 2>&1 || rc=$?
      grep -qxF "native library: $pub/libember.so" "$out" || {
        log "the library beside the executable was not the one loaded"; [ "$rc" != 0 ] || rc=1; }
    else
      echo "no executable: the publish failed" > "$out"; rc=1
    fi
    cat "$out"
    judge "example-nativeaot-$tfm" "$rc" "$out" '^accuracy: ([0-9.]+)%.*' '>=' 95 || fails=1
  done
  return $fails
}
# ---- end of NativeAOT and trimming -----------------------------------------------------------

cmd_bench() {
  cmd_native; cmd_managed
  "$ROOT/bench/run.sh" "$@"
}

cmd_clean() { rm -rf "$BUILD_DIR"; dotnet clean "$ROOT/Bindings.sln" -nologo -v:q >/dev/null || true; }

commands=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-deps) INSTALL_DEPS=0 ;;
    --debug) CONFIG=Debug ;;
    --build-dir) BUILD_DIR="$(realpath -m "$2")"; RESULTS_DIR="$BUILD_DIR/test-results"; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) commands+=("$1") ;;
  esac
  shift
done
[ ${#commands[@]} -gt 0 ] || commands=(test)

for c in "${commands[@]}"; do
  case "$c" in
    native-arm64|ctest-arm64|native-examples-arm64) "cmd_${c//-/_}" ;;
    deps|native|bindings|check-bindings|managed|ctest|native-examples|dotnet-test|pack|consumer-tests|example-check|aot-check|aot-sample|test|run|bench|clean) "cmd_${c//-/_}" ;;
    *) die "unknown command '$c' (see ./build.sh --help)" ;;
  esac
done
