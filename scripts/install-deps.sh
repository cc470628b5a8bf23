#!/usr/bin/env bash
# Installs secco's build and test dependencies from Debian 12 packages, only those missing.
# Runs apt-get as root, or through sudo when not root.
set -euo pipefail

packages=(
  cmake g++ make pkg-config git
  antlr4 default-jre-headless libantlr4-runtime-dev
  libboost-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  doctest-dev libbenchmark-dev
  libseccomp-dev libpcap-dev linux-libc-dev
  libz3-dev  # the semantic engine's solver
  uuid-dev  # the ANTLR runtime links libuuid but its -dev package does not depend on it
  # Kernel headers of every ABI secco compiles for (target/CMakeLists.txt reads them).
  linux-libc-dev-i386-cross linux-libc-dev-x32-cross linux-libc-dev-arm64-cross linux-libc-dev-armhf-cross
  linux-libc-dev-riscv64-cross linux-libc-dev-ppc64el-cross linux-libc-dev-ppc64-cross linux-libc-dev-powerpc-cross
  linux-libc-dev-s390x-cross linux-libc-dev-mips-cross linux-libc-dev-mipsel-cross linux-libc-dev-mips64-cross
  linux-libc-dev-mips64el-cross linux-libc-dev-mipsn32-cross linux-libc-dev-mipsn32el-cross linux-libc-dev-hppa-cross
  linux-libc-dev-m68k-cross linux-libc-dev-sh4-cross
)
if [ "${SECCO_WITH_CLANG:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "secco: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "secco: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
