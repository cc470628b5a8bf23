/* secco's C API: compile seccomp policies (secco policy text, a policy file or an OCI/Docker
 * profile) to a classic-BPF program, read the diagnostics as records, emulate the program and
 * install it. For C (C89 and later), and for any language with a C FFI (Go's cgo, Rust).
 *
 *   secco_options *opts = NULL;
 *   secco_result *res = NULL;
 *   secco_options_new(&opts);
 *   secco_options_set(opts, "default_policy", "kill_process");
 *   if (secco_compile_file(opts, "server.secco", &res) != SECCO_OK) {
 *     fputs(secco_result_diagnostics_text(res), stderr);   (res is set unless memory ran out)
 *   } else {
 *     secco_install(res, SECCO_INSTALL_TSYNC, NULL);
 *   }
 *   secco_result_free(res);
 *   secco_options_free(opts);
 *
 * Stable ABI: every object is opaque and reached through functions; the only structures are
 * secco_insn (the kernel's struct sock_filter), secco_syscall (the kernel's struct seccomp_data)
 * and secco_diagnostic, which the library owns and only ever extends at its end. Nothing throws:
 * every function returns a secco_status, or a value documented as safe on failure. A result owns
 * everything it hands out (program, diagnostics, rendered text); one secco_result_free releases it
 * all. See docs/api.md. */
#ifndef SECCO_SECCO_H
#define SECCO_SECCO_H

#include <stddef.h>

#include "secco/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fixed-width integers without C99's <stdint.h>: unsigned int is 32 bits on every ABI Linux runs
 * seccomp on; long long is spelled through __extension__ so that -std=c89 -pedantic stays quiet. */
typedef unsigned int secco_u32;
#if defined(__GNUC__) || defined(__clang__)
__extension__ typedef unsigned long long secco_u64;
#else
typedef unsigned long long secco_u64;
#endif

/* What every function returns. */
typedef enum secco_status {
  SECCO_OK = 0,
  SECCO_ERR_POLICY = 1,      /* the policy (or profile) has errors: see the result's diagnostics */
  SECCO_ERR_ARGUMENT = 2,    /* a NULL pointer, an unknown option name or value, an unknown arch */
  SECCO_ERR_NO_MEMORY = 3,   /* out of memory */
  SECCO_ERR_IO = 4,          /* a file could not be read */
  SECCO_ERR_KERNEL = 5,      /* the kernel refused to install the filter (secco_install) */
  SECCO_ERR_UNSUPPORTED = 6, /* the kernel lacks what was asked (a flag, an action, seccomp itself) */
  SECCO_ERR_PROGRAM = 7,     /* a program the kernel would refuse (secco_emulate) */
  SECCO_ERR_INTERNAL = 8     /* a bug in secco; the message says what */
} secco_status;

/* A short English name of a status ("policy error"); never NULL. */
SECCO_API const char* secco_status_string(int status);
/* "0.1.0" */
SECCO_API const char* secco_version(void);

/* One classic-BPF instruction, the layout of the kernel's struct sock_filter. */
typedef struct secco_insn {
  unsigned short code;
  unsigned char jt;
  unsigned char jf;
  secco_u32 k;
} secco_insn;

/* The kernel's struct seccomp_data: what a filter sees of one system call. */
typedef struct secco_syscall {
  secco_u32 nr;
  secco_u32 arch; /* AUDIT_ARCH_* */
  secco_u64 instruction_pointer;
  secco_u64 args[6];
} secco_syscall;

/* ---- settings ------------------------------------------------------------------------------- */

typedef struct secco_options secco_options;

SECCO_API int secco_options_new(secco_options** out);
SECCO_API void secco_options_free(secco_options* options);
/* Sets one setting by name; the names and values are those of `secco compile` (docs/tools.md):
 *   "arch"              target ABI(s): "x86_64" (default), "i386", ... (comma-separated for several)
 *   "opt_level"         "0", "1" or "2" (default)
 *   "default_positive", "default_negative", "default_policy", "on_x32", "on_bad_arch"
 *                       actions as the policy language spells them: "allow", "kill_process",
 *                       "errno(13)", "EPERM", "trap(3)", "log", ...
 *   "werror"            "1": warnings fail the compilation
 *   "validate"          "1" (default): prove the program decides as the policy (translation
 *                       validation; a mismatch is SECCO_ERR_POLICY with a counterexample), "0": skip
 *   "definitions"       a definition file (-d); each call adds one
 *   "caps"              OCI profiles: a capability granted (CAP_SYS_ADMIN); each call adds one
 *   "kernel"            OCI profiles: the kernel version "MAJOR.MINOR" for minKernel
 * An unknown name or a malformed value is SECCO_ERR_ARGUMENT (the options are unchanged). Action
 * values and "arch" are checked when compiling; a bad one gives SECCO_ERR_ARGUMENT there, with a
 * diagnostic. */
SECCO_API int secco_options_set(secco_options* options, const char* name, const char* value);

/* ---- compiling ------------------------------------------------------------------------------ */

typedef struct secco_result secco_result;

/* Each compiles one policy. `options` may be NULL (the defaults). On return *out holds a result
 * (also on SECCO_ERR_POLICY, SECCO_ERR_IO and SECCO_ERR_ARGUMENT, with the diagnostics) unless
 * memory ran out or `out` is NULL; free it with secco_result_free. `name` is the file name
 * diagnostics show; `text` need not be NUL-terminated (`length` bytes are read). */
SECCO_API int secco_compile_text(const secco_options* options, const char* name, const char* text, size_t length,
                                 secco_result** out);
SECCO_API int secco_compile_file(const secco_options* options, const char* path, secco_result** out);
/* An OCI/Docker seccomp profile (JSON; docs/oci.md). Without an "arch" option the profile's
 * architectures are the targets. */
SECCO_API int secco_compile_oci(const secco_options* options, const char* name, const char* json, size_t length,
                                secco_result** out);

/* Releases a result and everything it handed out. NULL is allowed. */
SECCO_API void secco_result_free(secco_result* result);

/* The status the compilation returned. */
SECCO_API int secco_result_status(const secco_result* result);
/* The checked program: its instructions (owned by the result) and their number; NULL and 0 unless
 * the compilation succeeded. */
SECCO_API const secco_insn* secco_result_program(const secco_result* result, size_t* count);

typedef enum secco_severity { SECCO_NOTE = 0, SECCO_WARNING = 1, SECCO_ERROR = 2 } secco_severity;

/* One diagnostic. Problems with no place (a bad option) have an empty file and line 0; problems
 * in an OCI profile name their JSON path at the start of `message` ("syscalls[3].action: ..."). */
typedef struct secco_diagnostic {
  int severity; /* secco_severity */
  const char* file;
  secco_u32 line;   /* 1-based; 0 when unknown */
  secco_u32 column; /* 1-based; 0 when unknown */
  const char* message;
} secco_diagnostic;

SECCO_API size_t secco_result_diagnostic_count(const secco_result* result);
/* The i-th diagnostic (owned by the result), NULL when i is out of range. */
SECCO_API const secco_diagnostic* secco_result_diagnostic(const secco_result* result, size_t i);
/* All diagnostics as the command line prints them (location, source line, caret); never NULL. */
SECCO_API const char* secco_result_diagnostics_text(const secco_result* result);
/* The program in a format of `secco compile -f` ("asm", "c", "json", "pcap-d", ...; "bin" is the
 * raw bytes, which may contain NUL: use *length). Owned by the result; NULL if the compilation
 * failed or the format is unknown. */
SECCO_API const char* secco_result_render(secco_result* result, const char* format, size_t* length);

/* ---- emulating ------------------------------------------------------------------------------ */

/* The number of system call `name` on `arch` ("x86_64"). SECCO_ERR_ARGUMENT if either is unknown. */
SECCO_API int secco_syscall_number(const char* name, const char* arch, secco_u32* nr);
/* The AUDIT_ARCH_* value of an architecture name. */
SECCO_API int secco_audit_arch(const char* arch, secco_u32* value);
/* Runs `program` on `call` as the kernel would: *value gets the 32-bit return value
 * (SECCOMP_RET_*), *steps (may be NULL) the instructions executed. SECCO_ERR_PROGRAM, and nothing
 * run, for a program the kernel would refuse. */
SECCO_API int secco_emulate(const secco_insn* program, size_t count, const secco_syscall* call, secco_u32* value,
                            size_t* steps);

/* ---- installing ----------------------------------------------------------------------------- */

#define SECCO_INSTALL_TSYNC 0x1u        /* SECCOMP_FILTER_FLAG_TSYNC: filter every thread (required) */
#define SECCO_INSTALL_LOG 0x2u          /* SECCOMP_FILTER_FLAG_LOG: audit-log every action but allow */
#define SECCO_INSTALL_SPEC_ALLOW 0x4u   /* SECCOMP_FILTER_FLAG_SPEC_ALLOW: no speculative-store-bypass mitigation */
#define SECCO_INSTALL_NEW_LISTENER 0x8u /* SECCOMP_FILTER_FLAG_NEW_LISTENER: *listener_fd gets the notify fd */
#define SECCO_INSTALL_KEEP_PRIVS 0x10u  /* do not set no_new_privs first (needs CAP_SYS_ADMIN) */

/* Installs a result's program as a seccomp filter of the calling process (it cannot be removed,
 * and is inherited across fork and execve). `listener_fd` receives the notification descriptor
 * with SECCO_INSTALL_NEW_LISTENER (-1 otherwise) and may be NULL without that flag. A flag the
 * kernel lacks is SECCO_ERR_UNSUPPORTED, and nothing is installed. */
SECCO_API int secco_install(const secco_result* result, unsigned flags, int* listener_fd);
/* The same for a program given as instructions. */
SECCO_API int secco_install_program(const secco_insn* program, size_t count, unsigned flags, int* listener_fd);
/* Why the last secco_install* call of this thread failed, in one sentence; "" after a success. */
SECCO_API const char* secco_install_message(void);

#ifdef __cplusplus
}
#include "secco/secco.hpp"
#endif

#endif /* SECCO_SECCO_H */
