/* SECCO_API marks the symbols of secco's public library API. libsecco.so is built with hidden */
/* visibility, so only what carries this marker is exported: the internal stages linked into it stay */
/* private and may change without breaking programs built against include/secco/. */
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define SECCO_API __attribute__((visibility("default")))
#else
#define SECCO_API
#endif
