# Cross-compiles for linux-arm64 (aarch64) with Debian's cross toolchain (g++-aarch64-linux-gnu,
# GCC 12) against Debian's arm64 multiarch packages (libsleef-dev:arm64, libgtest-dev:arm64,
# libdnnl2:arm64, ...), and runs what it builds (tests, gtest discovery) under qemu-user.
#
#   cmake -S . -B build/arm64 --toolchain cmake/toolchains/aarch64-linux-gnu.cmake
#
# libdnnl-dev:arm64 cannot be installed next to libdnnl-dev:amd64 (their dnnl_config.h differ, so
# dpkg refuses the Multi-Arch: same pair): build.sh deps unpacks it into EMBER_ARM64_DNNL_DEV
# (default /opt/ember/arm64-dnnl-dev), which is searched before the system's headers.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

set(EMBER_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${EMBER_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${EMBER_CROSS_TRIPLE}-g++)

if(NOT DEFINED EMBER_ARM64_DNNL_DEV)
  if(DEFINED ENV{EMBER_ARM64_DNNL_DEV})
    set(EMBER_ARM64_DNNL_DEV "$ENV{EMBER_ARM64_DNNL_DEV}")
  else()
    set(EMBER_ARM64_DNNL_DEV /opt/ember/arm64-dnnl-dev)
  endif()
endif()
# try_compile projects get their own copy of the toolchain file: pass the setting on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES EMBER_ARM64_DNNL_DEV)

# The roots find_* re-roots its search paths under, in order: the unpacked oneDNN headers, the
# cross toolchain's own tree (glibc, libstdc++, libgomp of the cross GCC), and the host root, whose
# multiarch dirs (/usr/lib/aarch64-linux-gnu, /usr/include/aarch64-linux-gnu) hold the :arm64
# packages. CMAKE_LIBRARY_ARCHITECTURE makes find_library look in lib/aarch64-linux-gnu first, so
# the host's x86-64 libraries are never picked up; architecture-neutral headers (/usr/include/gtest)
# are shared, as Debian ships them.
set(CMAKE_FIND_ROOT_PATH ${EMBER_ARM64_DNNL_DEV} /usr/${EMBER_CROSS_TRIPLE} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # build tools run on the host
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Only the arm64 packages' pkg-config files (none of the host's).
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${EMBER_CROSS_TRIPLE}/pkgconfig:/usr/share/pkgconfig)

# The linker resolves the dependencies of shared libraries (libember.so -> libdnnl.so.2) in the
# multiarch dir, which the cross ld does not search by itself.
foreach(kind EXE SHARED MODULE)
  set(CMAKE_${kind}_LINKER_FLAGS_INIT
      "-Wl,-rpath-link,/usr/lib/${EMBER_CROSS_TRIPLE} -Wl,-rpath-link,/lib/${EMBER_CROSS_TRIPLE}")
endforeach()

# ctest and gtest_discover_tests run the test programs through qemu-user, with the host's root as
# the target's root (-L /): the loader /lib/ld-linux-aarch64.so.1 and glibc, libstdc++ and libgomp
# then come from the arm64 multiarch packages (libc6:arm64, ...; in /lib/aarch64-linux-gnu), as on a
# Debian arm64 machine, together with libdnnl.so.2 and libsleef.so.3. Not -L /usr/aarch64-linux-gnu:
# its loader (libc6-arm64-cross) finds libc.so.6 of libc6:arm64 through the host's ld.so.cache, and
# that mix of two glibc builds hangs in pthread_create (the first OpenMP parallel region).
find_program(EMBER_QEMU_AARCH64 NAMES qemu-aarch64 qemu-aarch64-static)
if(EMBER_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${EMBER_QEMU_AARCH64} -L /)
endif()
