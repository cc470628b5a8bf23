// The kernel UAPI headers whose constants differ between ABIs (errno values on mips and parisc,
// O_* on arm, ppc and mips, MAP_* and SO_* on several, signal numbers on mips and parisc, ...).
// Only the build reads it: the preprocessor lists its macros once with the build machine's
// headers and once per ABI with that ABI's linux-libc-dev-*-cross headers (`-nostdinc -I`), and
// secco_gen_tables keeps, per ABI, the constants whose value there differs from the build
// machine's (see target/CMakeLists.txt). UAPI headers only: no C library is involved.
#ifndef SECCO_TARGET_ABI_UMBRELLA_H
#define SECCO_TARGET_ABI_UMBRELLA_H

#include <asm/ioctls.h>
#include <asm/mman.h>
#include <asm/resource.h>
#include <asm/signal.h>
#include <asm/socket.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/poll.h>
#include <linux/stat.h>

#endif  // SECCO_TARGET_ABI_UMBRELLA_H
