/* A C program (C89) using secco's C API: it compiles a policy, reads its diagnostics, asks the
 * emulator, then forks a child that installs the filter and makes one allowed and one denied
 * system call in the real kernel. The parent checks what the child saw.
 *
 *   cc -std=c89 sandbox_child.c $(pkg-config --cflags --libs secco) -o sandbox_child
 *
 * Exit status 0 when everything behaved as the policy says; the output explains each step. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <secco/secco.h>

static const char kPolicy[] =
    "DEFAULT_POLICY = allow\n"
    "# the child may not ask for its parent's pid, and may only set its name\n"
    "getppid: return EACCES\n"
    "prctl: arg0 == PR_SET_NAME; return EPERM\n";

static const char kBadPolicy[] = "reed: 1\n";

static int check_diagnostics(const secco_options* opts) {
  secco_result* res = NULL;
  const secco_diagnostic* d;
  int status = secco_compile_text(opts, "bad.secco", kBadPolicy, sizeof kBadPolicy - 1, &res);
  if (status != SECCO_ERR_POLICY || secco_result_diagnostic_count(res) == 0) {
    printf("expected a policy error, got %s\n", secco_status_string(status));
    secco_result_free(res);
    return 1;
  }
  d = secco_result_diagnostic(res, 0);
  printf("diagnostic: %s:%u:%u: %s: %s\n", d->file, d->line, d->column, d->severity == SECCO_ERROR ? "error" : "other",
         d->message);
  status = d->severity == SECCO_ERROR && d->line == 1 && d->column == 1 ? 0 : 1;
  secco_result_free(res);
  return status;
}

static int run_child(const secco_result* res) {
  long r;
  int status = secco_install(res, SECCO_INSTALL_TSYNC, NULL);
  if (status != SECCO_OK) {
    fprintf(stderr, "child: install failed: %s: %s\n", secco_status_string(status), secco_install_message());
    return 10;
  }
  r = syscall(SYS_getpid);
  if (r <= 0) return 11; /* allowed by the default */
  errno = 0;
  r = syscall(SYS_getppid);
  if (r != -1 || errno != EACCES) return 12; /* denied by the filter, in the kernel */
  r = syscall(SYS_prctl, 15 /* PR_SET_NAME */, (unsigned long)"secco-child", 0UL, 0UL, 0UL);
  if (r != 0) return 13;
  errno = 0;
  r = syscall(SYS_prctl, 16 /* PR_GET_NAME */, 0UL, 0UL, 0UL, 0UL);
  if (r != -1 || errno != EPERM) return 14;
  return 0;
}

int main(void) {
  secco_options* opts = NULL;
  secco_result* res = NULL;
  secco_syscall call;
  secco_u32 nr = 0, value = 0;
  size_t count = 0, steps = 0;
  const secco_insn* prog;
  int status, wstatus = 0;
  pid_t pid;

  printf("secco %s\n", secco_version());
  if (secco_options_new(&opts) != SECCO_OK) return 1;
  if (secco_options_set(opts, "arch", "x86_64") != SECCO_OK) return 1;
  if (secco_options_set(opts, "no_such_option", "1") != SECCO_ERR_ARGUMENT) return 1;
  if (check_diagnostics(opts) != 0) return 1;

  status = secco_compile_text(opts, "child.secco", kPolicy, sizeof kPolicy - 1, &res);
  if (status != SECCO_OK) {
    fprintf(stderr, "%s", secco_result_diagnostics_text(res));
    return 1;
  }
  prog = secco_result_program(res, &count);
  printf("program: %lu instructions\n", (unsigned long)count);

  /* The emulator decides like the kernel will. */
  memset(&call, 0, sizeof call);
  if (secco_syscall_number("getppid", "x86_64", &nr) != SECCO_OK) return 1;
  if (secco_audit_arch("x86_64", &call.arch) != SECCO_OK) return 1;
  call.nr = nr;
  if (secco_emulate(prog, count, &call, &value, &steps) != SECCO_OK) return 1;
  printf("emulated getppid() -> 0x%08x in %lu steps\n", value, (unsigned long)steps);
  if (value != (0x00050000u | EACCES)) return 1;

  fflush(stdout);
  pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) _exit(run_child(res));
  if (waitpid(pid, &wstatus, 0) != pid) return 1;
  secco_result_free(res);
  secco_options_free(opts);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    printf("child failed: status %d\n", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
    return 1;
  }
  printf("child: getppid denied with EACCES, prctl(PR_GET_NAME) denied with EPERM, the rest allowed\n");
  return 0;
}
