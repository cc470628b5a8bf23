// fmt as secco uses it: header-only (FMT_HEADER_ONLY), so that neither the secco executable nor
// libsecco.so loads libfmt.so (Debian's libfmt-dev has no static archive). The stages link
// fmt::fmt-header-only, which defines it too; every file of secco includes fmt through this header.
#pragma once

#ifndef FMT_HEADER_ONLY
#define FMT_HEADER_ONLY
#endif
#include <fmt/format.h>
